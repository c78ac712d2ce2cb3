;; A small function that calls itself from one site, called from a loop. run: the sum, over k from n down to 1, of
;; sum(k & 63), where sum(m) = m + sum(m - 1) and sum(0) = 0, in i32.
(module
  (func $sum (param $m i32) (result i32)
    (if (result i32) (i32.eqz (local.get $m))
      (then (i32.const 0))
      (else (i32.add (local.get $m) (call $sum (i32.sub (local.get $m) (i32.const 1)))))))
  (func (export "run") (param $n i32) (result i32) (local $s i32)
    (loop $next
      (local.set $s (i32.add (local.get $s) (call $sum (i32.and (local.get $n) (i32.const 63)))))
      (br_if $next (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $s)))
