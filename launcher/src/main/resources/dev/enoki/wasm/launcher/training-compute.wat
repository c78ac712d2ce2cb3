;; Part of the workload of the startup training run (StartupTraining), which decides what the JVM's AOT cache holds:
;; a loop over memory and calls, with i32, i64 and f64 arithmetic, and a trap.
;; training-compute.wasm is this file assembled: wat2wasm --debug-names training-compute.wat -o training-compute.wasm
(module
  (memory 1)

  (func $mix (param $x i32) (result i32)
    (i32.xor (i32.rotl (i32.mul (local.get $x) (i32.const 0x9e3779b1)) (i32.const 13)) (i32.shr_u (local.get $x) (i32.const 7))))

  (func (export "work") (param $n i32) (result i64)
    (local $i i32) (local $sum i64) (local $f f64)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (i32.store (i32.and (i32.shl (local.get $i) (i32.const 2)) (i32.const 0xfff)) (call $mix (local.get $i)))
        (local.set $sum (i64.add (local.get $sum)
          (i64.extend_i32_u (i32.load (i32.and (i32.shl (local.get $i) (i32.const 2)) (i32.const 0xfff))))))
        (local.set $f (f64.add (local.get $f) (f64.sqrt (f64.convert_i32_u (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (i64.add (local.get $sum) (i64.trunc_f64_u (local.get $f))))

  (func (export "fail") (param $x i32) (result i32)
    (i32.div_s (local.get $x) (i32.const 0))))
