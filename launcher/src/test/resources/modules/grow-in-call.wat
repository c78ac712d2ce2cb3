;; A loop that calls a function every iteration, which grows memory by 0 pages, and by 1 at i = t. run: stores i at
;; (i mod 1024) * 4, in page 1 from i = t on (page 0 before), reads it back, and returns the sum of what it read, in
;; i32. The loop keeps memory's size in its frame: if it missed the grow, its first access to page 1 would trap.
(module
  (memory 1)
  (func $growAt (param $i i32) (param $t i32)
    (drop (memory.grow (i32.eq (local.get $i) (local.get $t)))))
  (func (export "run") (param $n i32) (param $t i32) (result i32) (local $i i32) (local $a i32) (local $s i32)
    (loop $next
      (call $growAt (local.get $i) (local.get $t))
      (local.set $a (i32.add
        (select (i32.const 65536) (i32.const 0) (i32.ge_u (local.get $i) (local.get $t)))
        (i32.shl (i32.and (local.get $i) (i32.const 1023)) (i32.const 2))))
      (i32.store (local.get $a) (local.get $i))
      (local.set $s (i32.add (local.get $s) (i32.load (local.get $a))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $s)))
