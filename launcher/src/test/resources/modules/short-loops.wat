;; A loop nest none of whose loops runs 256 iterations at a time, in a function called once, as in matmul's main
;; (N = 400, the inner loop unrolled twice by clang). Result: the sum of i xor j over r below n, i and j below 200.
(module
  (func (export "nest") (param $n i32) (result i32) (local $r i32) (local $i i32) (local $j i32) (local $s i32)
    (loop $rounds
      (local.set $i (i32.const 0))
      (loop $rows
        (local.set $j (i32.const 0))
        (loop $columns
          (local.set $s (i32.add (local.get $s) (i32.xor (local.get $i) (local.get $j))))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (br_if $columns (i32.lt_u (local.get $j) (i32.const 200))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $rows (i32.lt_u (local.get $i) (i32.const 200))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br_if $rounds (i32.lt_u (local.get $r) (local.get $n))))
    (local.get $s)))
