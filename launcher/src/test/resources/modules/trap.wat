;; A WASI-style command whose _start traps two calls deep, and a function that divides by zero.
(module
  (func $inner (unreachable))
  (func $middle (call $inner))
  (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func (export "_start") (call $middle)))
