;; A loop whose test is an if, as clang writes some: the then-arm continues the loop, the other way leaves it. The
;; loop's compiled (on-stack replacement) code is made before the loop was ever left. Result: the sum of i xor 5 for i
;; below n, in i32.
(module
  (func (export "count") (param $n i32) (result i32) (local $i i32) (local $s i32)
    (loop $next
      (local.set $s (i32.add (local.get $s) (i32.xor (local.get $i) (i32.const 5))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (if (i32.ne (local.get $i) (local.get $n))
        (then (br $next))))
    (local.get $s)))
