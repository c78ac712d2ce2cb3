;; Exports without _start, for --invoke: one function per case of argument and result conversion.
(module
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "mix") (param i64 f32 f64) (result i64 f32 f64) (local.get 0) (local.get 1) (local.get 2))
  (func (export "none"))
  (memory (export "memory") 1))
