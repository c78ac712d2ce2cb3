package dev.enoki.wasm.wasi;

/** WASI {@code fdflags}: how writes and reads of a descriptor behave. */
final class Fdflags {
    static final int APPEND = 1 << 0;
    static final int DSYNC = 1 << 1;
    static final int NONBLOCK = 1 << 2;
    static final int RSYNC = 1 << 3;
    static final int SYNC = 1 << 4;
    static final int ALL = APPEND | DSYNC | NONBLOCK | RSYNC | SYNC;

    private Fdflags() {
    }
}
