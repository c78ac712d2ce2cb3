;; Call sites that have not run when the loop around them is compiled on the stack. run: the call is on the loop's
;; way out; result: the sum of i xor 3 for i below n, plus 1, in i32. runIndirect: the same through call_indirect.
;; runIf: the same with an if on the way out, which adds 1 when the sum is even. half: the call runs for every i above n / 2 (a
;; br_if skips it before), so it turns hot in compiled code; result: the sum of i xor 3, plus 1 for each such i.
(module
  (type $unary (func (param i32) (result i32)))
  (table 1 funcref)
  (elem (i32.const 0) $plusOne)
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
    (local.get $s))
  (func (export "runIndirect") (param $n i32) (result i32) (local $i i32) (local $s i32)
    (loop $next
      (local.set $s (i32.add (local.get $s) (i32.xor (local.get $i) (i32.const 3))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (if (i32.eq (local.get $i) (local.get $n))
        (then (local.set $s (call_indirect (type $unary) (local.get $s) (i32.const 0))))
        (else (br $next))))
    (local.get $s))
  (func (export "runIf") (param $n i32) (result i32) (local $i i32) (local $s i32)
    (loop $next
      (local.set $s (i32.add (local.get $s) (i32.xor (local.get $i) (i32.const 3))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (if (i32.eq (local.get $i) (local.get $n))
        (then
          (if (i32.eqz (i32.and (local.get $s) (i32.const 1)))
            (then (local.set $s (i32.add (local.get $s) (i32.const 1))))))
        (else (br $next))))
    (local.get $s)))
