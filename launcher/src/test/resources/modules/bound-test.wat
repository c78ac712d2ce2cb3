;; A loop tested with i32.ne whose counter passes its bound in compiled code. run(n, t): i counts up by 1 from 0;
;; after i = t, it is n + 10 and counts down; the loop ends at i = n. Result: the sum of the values i took, in i32.
;; select, not if, so that no arm first taken in compiled code deoptimizes before the test does.
(module
  (func (export "run") (param $n i32) (param $t i32) (result i32) (local $i i32) (local $step i32) (local $s i32)
    (local.set $step (i32.const 1))
    (loop $next
      (local.set $s (i32.add (local.get $s) (local.get $i)))
      (local.set $step (select (i32.const -1) (local.get $step) (i32.eq (local.get $i) (local.get $t))))
      (local.set $i (select (i32.add (local.get $n) (i32.const 10)) (i32.add (local.get $i) (local.get $step))
                            (i32.eq (local.get $i) (local.get $t))))
      (br_if $next (i32.ne (local.get $i) (local.get $n))))
    (local.get $s)))
