;; A function whose time is in its loop, called from a loop. run: the sum, over `calls` calls of $work(n), of the sum
;; of i xor 5 for i below n, in i32.
(module
  (func $work (param $n i32) (result i32) (local $i i32) (local $s i32)
    (loop $next
      (local.set $s (i32.add (local.get $s) (i32.xor (local.get $i) (i32.const 5))))
      (br_if $next (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (local.get $s))
  (func (export "run") (param $calls i32) (param $n i32) (result i32) (local $s i32)
    (loop $next
      (local.set $s (i32.add (local.get $s) (call $work (local.get $n))))
      (br_if $next (local.tee $calls (i32.sub (local.get $calls) (i32.const 1)))))
    (local.get $s)))
