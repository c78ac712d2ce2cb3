;; Imports a host function that the launcher does not provide.
(module
  (import "env" "foo" (func $foo (param i32)))
  (func (export "_start") (call $foo (i32.const 1))))
