;; A function called twice whose loop runs long: its loop's compiled code serves both calls, and the function itself
;; is not compiled in the first tier. Result: the sum of i xor 7 for i below n, twice, in i64.
(module
  (func $work (param $n i32) (result i64) (local $i i32) (local $s i64)
    (loop $next
      (local.set $s (i64.add (local.get $s) (i64.extend_i32_u (i32.xor (local.get $i) (i32.const 7)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $next (i32.lt_s (local.get $i) (local.get $n))))
    (local.get $s))
  (func (export "twice") (param $n i32) (result i64)
    (i64.add (call $work (local.get $n)) (call $work (local.get $n)))))
