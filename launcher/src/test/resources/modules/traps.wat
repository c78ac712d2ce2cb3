;; One function per kind of trap; each returns a value computed from x, and traps for x = 0 only.
(module
  (memory 1)
  (table 2 funcref)
  (elem (i32.const 1) $twice)
  (type $unary (func (param i32) (result i32)))
  (func $twice (type $unary) (i32.mul (local.get 0) (i32.const 2)))
  ;; x = 0 loads at -4: past the end of memory.
  (func (export "load") (param $x i32) (result i32)
    (i32.add (local.get $x) (i32.load (i32.sub (i32.mul (local.get $x) (i32.const 4)) (i32.const 4)))))
  (func (export "divide") (param $x i32) (result i32)
    (i32.div_s (i32.const 1000000) (local.get $x)))
  ;; x = 0 truncates 1/0, infinity.
  (func (export "truncate") (param $x i32) (result i32)
    (i32.trunc_f64_s (f64.div (f64.const 1000) (f64.convert_i32_s (local.get $x)))))
  (func (export "unreachable") (param $x i32) (result i32)
    (if (i32.eqz (local.get $x)) (then (unreachable)))
    (i32.add (local.get $x) (i32.const 1)))
  ;; x = 0 calls table slot 0, which holds no function.
  (func (export "indirect") (param $x i32) (result i32)
    (call_indirect (type $unary) (local.get $x) (i32.ne (local.get $x) (i32.const 0)))))
