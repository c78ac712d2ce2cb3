;; Nested hot loops for the JIT: the inner loop is left and entered again thousands of times, in compiled code and
;; from the interpreter, and what it wrote must be there after it: s = s * 31 + (i xor j) for i below n, j below 1000.
;; The block that starts the function's outer block makes that block a nest of two segments, the second the loops:
;; in a function taken as huge, each segment is a stretch compiled apart, and the loops are compiled inside one.
(module
  (func (export "nested") (param $n i32) (result i32) (local $i i32) (local $j i32) (local $s i32)
    (block $outer_done
      (block (local.set $s (i32.const 0)))
      (loop $outer
        (br_if $outer_done (i32.ge_s (local.get $i) (local.get $n)))
        (local.set $j (i32.const 0))
        (loop $inner
          (local.set $s (i32.add (i32.mul (local.get $s) (i32.const 31)) (i32.xor (local.get $i) (local.get $j))))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (br_if $inner (i32.lt_s (local.get $j) (i32.const 1000))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $outer)))
    (local.get $s)))
