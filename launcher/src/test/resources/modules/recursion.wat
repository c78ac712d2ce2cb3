;; A WASI command that recurses without end: the launcher must turn the stack overflow into a trap, and still be
;; able to report it (the context's streams must not close the process's descriptors). It imports fd_write, as a C
;; program would, so that WASI state exists when the context closes.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func $recurse (param i32) (result i32)
    (i32.add (call $recurse (i32.add (local.get 0) (i32.const 1))) (i32.const 1)))
  (func (export "_start") (drop (call $recurse (i32.const 0)))))
