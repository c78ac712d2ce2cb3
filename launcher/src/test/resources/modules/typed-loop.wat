;; A hot loop that carries a value of each numeric type into its compiled code, on the stack and at each new entry: an
;; i32 loop parameter, an i64 sum, an f64 and an f32 product, and an f64 signalling NaN whose payload must survive.
;; The outer loop enters the inner one again after it was compiled. Two values the inner loop never touches must be
;; there after it: a local ($keep) and a value on the operand stack below the loop (summed into $below).
;; Result: the xor of every value's bits.
(module
  (func (export "typed") (param $n i32) (result i64)
    (local $o i32) (local $i i32) (local $p i32) (local $acc i64) (local $x f64) (local $y f32) (local $nan f64)
    (local $nan2 f64) (local $keep i64) (local $below i64)
    (local.set $x (f64.const 0.5))
    (local.set $y (f32.const 1.5))
    (local.set $nan (f64.reinterpret_i64 (i64.const 0x7ff4000000000abc)))
    (local.set $keep (i64.const 0x0123456789abcdef))
    (local.set $p (i32.const 7))
    (loop $outer
      (local.set $i (i32.const 0))
      (i64.extend_i32_u (i32.add (i32.mul (local.get $o) (i32.const 7)) (i32.const 1)))
      (local.get $p)
      (loop $inner (param i32) (result i32)
        (local.set $p)
        (local.set $acc (i64.add (i64.mul (local.get $acc) (i64.const 31)) (i64.extend_i32_u (local.get $p))))
        (local.set $x (f64.mul (local.get $x) (f64.const 1.0000001)))
        (local.set $y (f32.mul (local.get $y) (f32.const 0.999)))
        (local.set $nan2 (local.get $nan))
        (local.set $nan (local.get $nan2))
        (i32.add (i32.mul (local.get $p) (i32.const 1103515245)) (i32.const 12345))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $inner (i32.lt_s (local.get $i) (local.get $n))))
      (local.set $p)
      (local.set $below (i64.add (local.get $below)))
      (local.set $o (i32.add (local.get $o) (i32.const 1)))
      (br_if $outer (i32.lt_s (local.get $o) (i32.const 4))))
    (i64.xor
      (i64.xor
        (i64.xor (i64.xor (local.get $acc) (i64.extend_i32_u (local.get $p))) (i64.reinterpret_f64 (local.get $x)))
        (i64.xor (i64.reinterpret_f64 (local.get $nan)) (i64.extend_i32_u (i32.reinterpret_f32 (local.get $y)))))
      (i64.xor (local.get $keep) (i64.mul (local.get $below) (i64.const 0x100000001))))))
