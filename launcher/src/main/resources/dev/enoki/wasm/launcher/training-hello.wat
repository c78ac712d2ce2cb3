;; Part of the workload of the startup training run (StartupTraining): a WASI command shaped like a C hello world from
;; clang and wasi-libc, so that the startup cache holds what such a program loads: the WASI calls printf makes, a
;; mutable stack-pointer global, a function table with an element segment and call_indirect, br_table, and loads,
;; stores and unary operators of every width. Each class missing from the cache costs a real run its loading and
;; verification.
;; training-hello.wasm is this file assembled: wat2wasm --debug-names training-hello.wat -o training-hello.wasm
(module
  (type $writer (func (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_fdstat_get" (func $fd_fdstat_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_seek" (func $fd_seek (param i32 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_close" (func $fd_close (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 2)
  (global $stack_pointer (mut i32) (i32.const 65536))
  (table 3 3 funcref)
  (elem (i32.const 1) $write_stdout $write_nothing)
  (data (i32.const 1024) "enoki startup training\n")

  ;; fd_write of one iovec built on the stack: like wasi-libc's __stdio_write
  (func $write_stdout (type $writer) (param $text i32) (param $length i32) (result i32)
    (local $sp i32)
    (global.set $stack_pointer (local.tee $sp (i32.sub (global.get $stack_pointer) (i32.const 16))))
    (i32.store (local.get $sp) (local.get $text))
    (i32.store offset=4 (local.get $sp) (local.get $length))
    (drop (call $fd_write (i32.const 1) (local.get $sp) (i32.const 1) (i32.add (local.get $sp) (i32.const 8))))
    (local.set $length (i32.load offset=8 (local.get $sp)))
    (global.set $stack_pointer (i32.add (local.get $sp) (i32.const 16)))
    (local.get $length))

  (func $write_nothing (type $writer) (param i32 i32) (result i32)
    (i32.const 0))

  ;; the length of a NUL-terminated string, with narrow loads and unary operators
  (func $strlen (param $s i32) (result i32)
    (local $n i32)
    (block $end
      (loop $next
        (br_if $end (i32.eqz (i32.load8_u (i32.add (local.get $s) (local.get $n)))))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $next)))
    (select (local.get $n) (i32.const 0) (i32.ge_s (i32.clz (local.get $n)) (i32.ctz (i32.const 0x100)))))

  ;; a printf-like switch over a character class
  (func $classify (param $c i32) (result i32)
    (block $other
      (block $digit
        (block $letter
          (br_table $letter $digit $other (i32.rem_u (local.get $c) (i32.const 3))))
        (return (i32.popcnt (local.get $c))))
      (return (i32.extend8_s (local.get $c))))
    (i32.wrap_i64 (i64.shr_u (i64.extend_i32_u (local.get $c)) (i64.const 1))))

  (func (export "_start")
    (local $sp i32) (local $length i32)
    (local.set $sp (i32.sub (global.get $stack_pointer) (i32.const 32)))
    ;; stdout's fdstat, as isatty does, and narrow stores and loads on the stack
    (drop (call $fd_fdstat_get (i32.const 1) (local.get $sp)))
    (i32.store8 offset=24 (local.get $sp) (i32.load8_s (local.get $sp)))
    (i32.store16 offset=26 (local.get $sp) (i32.load16_u offset=2 (local.get $sp)))
    (i64.store offset=16 (local.get $sp) (i64.load offset=8 (local.get $sp)))
    (drop (i32.load offset=4 (local.get $sp)))
    (drop (call $classify (i32.load16_s offset=26 (local.get $sp))))
    (drop (call $classify (i32.const 7)))
    (drop (call $classify (i32.const 8)))
    (local.set $length (call $strlen (i32.const 1024)))
    (drop (call_indirect (type $writer) (i32.const 1024) (local.get $length) (i32.const 1)))
    (drop (call_indirect (type $writer) (i32.const 1024) (local.get $length) (i32.const 2)))
    ;; seeking stdout fails on a pipe or a terminal; its result does not matter here
    (drop (call $fd_seek (i32.const 1) (i64.const 0) (i32.const 1) (local.get $sp)))
    (drop (call $fd_close (i32.const 99)))
    (call $proc_exit (i32.const 0))))
