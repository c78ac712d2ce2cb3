;; Call sites that have not run when the loop around them is compiled on the stack. run: the call is on the loop's
;; way out; result: the sum of i xor 3 for i below n, plus 1, in i32. half: the call runs for every i above n / 2 (a
;; br_if skips it before), so it turns hot in compiled code; result: the sum of i xor 3, plus 1 for each such i.
(module
  (func $plusOne (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
  (func (export "run") (param $n i32) (result i32) (local $i i32) (local $s i32)
    (loop $next
      (local.set $s (i32.add (local.get $s) (i32.xor (local.get $i) (i32.const 3))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (if (i32.eq (local.get $i) (local.get $n))
        (then (local.set $s (call $plusOne (local.get $s))))
        (else (br $next))))
    (local.get $s))
  (func (export "half") (param $n i32) (result i32) (local $i i32) (local $s i32)
    (loop $next
      (local.set $s (i32.add (local.get $s) (i32.xor (local.get $i) (i32.const 3))))
      (block $skip
        (br_if $skip (i32.le_u (local.get $i) (i32.shr_u (local.get $n) (i32.const 1))))
        (local.set $s (call $plusOne (local.get $s))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $s)))
