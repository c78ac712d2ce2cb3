package dev.enoki.wasm.wasi;

/** WASI {@code fstflags}: which timestamps {@code *_set_times} changes, to a given time or to now. */
final class Fstflags {
    static final int ATIM = 1 << 0;
    static final int ATIM_NOW = 1 << 1;
    static final int MTIM = 1 << 2;
    static final int MTIM_NOW = 1 << 3;

    private Fstflags() {
    }
}
