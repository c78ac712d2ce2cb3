;; A loop with two calls: $mix every iteration, $rare at i = 3 and at i = n - 1 only. run: the sum of (i xor 5) for i
;; below n, plus i * 1000 for each of the two rare calls, in i32.
(module
  (func $mix (param $i i32) (result i32)
    (i32.xor (local.get $i) (i32.const 5)))
  (func $rare (param $i i32) (result i32)
    (i32.mul (local.get $i) (i32.const 1000)))
  (func (export "run") (param $n i32) (result i32) (local $i i32) (local $s i32)
    (loop $next
      (local.set $s (i32.add (local.get $s) (call $mix (local.get $i))))
      (if (i32.or (i32.eq (local.get $i) (i32.const 3)) (i32.eq (local.get $i) (i32.sub (local.get $n) (i32.const 1))))
        (then (local.set $s (i32.add (local.get $s) (call $rare (local.get $i))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $s)))
