;; fill(p, n): stores the i32 values 1..n at p, p + 4, ...: a counted loop of stores whose bounds checks Graal may
;; move before it. read(p): the i32 at p.
(module
  (memory (export "memory") 1)
  (func (export "fill") (param $p i32) (param $n i32) (local $i i32)
    (loop $next
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (i32.store (local.get $p) (local.get $i))
      (local.set $p (i32.add (local.get $p) (i32.const 4)))
      (br_if $next (i32.lt_u (local.get $i) (local.get $n)))))
  (func (export "read") (param $p i32) (result i32)
    (i32.load (local.get $p))))
