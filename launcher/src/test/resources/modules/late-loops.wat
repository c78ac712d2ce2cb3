;; Loops first reached in compiled code, one more per call. run(n, k): the loop $first adds i xor 3 for i below n; on
;; its way out only, a br_table picks the loop $k of five, which adds j xor k for j below 100. main calls run with k
;; from 1 to 5, so each call reaches a loop that never ran in the interpreter when $first was compiled on the stack.
(module
  (func $run (param $n i32) (param $k i32) (result i32) (local $i i32) (local $j i32) (local $s i32)
    (loop $first
      (local.set $s (i32.add (local.get $s) (i32.xor (local.get $i) (i32.const 3))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (if (i32.eq (local.get $i) (local.get $n))
        (then
          (block $done
            (block $5 (block $4 (block $3 (block $2 (block $1
              (br_table $1 $2 $3 $4 $5 $done (i32.sub (local.get $k) (i32.const 1))))
              (loop $loop1
                (local.set $s (i32.add (local.get $s) (i32.xor (local.get $j) (i32.const 1))))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br_if $loop1 (i32.lt_u (local.get $j) (i32.const 100))))
              (br $done))
              (loop $loop2
                (local.set $s (i32.add (local.get $s) (i32.xor (local.get $j) (i32.const 2))))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br_if $loop2 (i32.lt_u (local.get $j) (i32.const 100))))
              (br $done))
              (loop $loop3
                (local.set $s (i32.add (local.get $s) (i32.xor (local.get $j) (i32.const 3))))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br_if $loop3 (i32.lt_u (local.get $j) (i32.const 100))))
              (br $done))
              (loop $loop4
                (local.set $s (i32.add (local.get $s) (i32.xor (local.get $j) (i32.const 4))))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br_if $loop4 (i32.lt_u (local.get $j) (i32.const 100))))
              (br $done))
              (loop $loop5
                (local.set $s (i32.add (local.get $s) (i32.xor (local.get $j) (i32.const 5))))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br_if $loop5 (i32.lt_u (local.get $j) (i32.const 100))))))
        (else (br $first))))
    (local.get $s))
  (func (export "main") (param $n i32) (result i32)
    (i32.add (i32.add (i32.add (i32.add
      (call $run (local.get $n) (i32.const 1))
      (call $run (local.get $n) (i32.const 2)))
      (call $run (local.get $n) (i32.const 3)))
      (call $run (local.get $n) (i32.const 4)))
      (call $run (local.get $n) (i32.const 5)))))
