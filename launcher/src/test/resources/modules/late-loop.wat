;; A loop first reached in compiled code. run: the loop $first adds i xor 3 for i below n; on its way out only, the
;; loop $second adds j xor 5 for j below n. $second never ran in the interpreter when $first was compiled on the stack.
(module
  (func (export "run") (param $n i32) (result i32) (local $i i32) (local $j i32) (local $s i32)
    (loop $first
      (local.set $s (i32.add (local.get $s) (i32.xor (local.get $i) (i32.const 3))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (if (i32.eq (local.get $i) (local.get $n))
        (then
          (loop $second
            (local.set $s (i32.add (local.get $s) (i32.xor (local.get $j) (i32.const 5))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br_if $second (i32.lt_u (local.get $j) (local.get $n)))))
        (else (br $first))))
    (local.get $s)))
