;; Part of the workload of the startup training run (StartupTraining): a WASI command like a C hello world, so the
;; AOT cache holds what WASI's fd_write and proc_exit load.
;; training-hello.wasm is this file assembled: wat2wasm --debug-names training-hello.wat -o training-hello.wasm
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 64) "enoki startup training\n")

  (func (export "_start")
    ;; one iovec at address 0: the text at 64, 23 bytes
    (i32.store (i32.const 0) (i32.const 64))
    (i32.store (i32.const 4) (i32.const 23))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
    (call $proc_exit (i32.const 0))))
