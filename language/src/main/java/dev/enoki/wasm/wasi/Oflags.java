package dev.enoki.wasm.wasi;

/** WASI {@code oflags} of {@code path_open}. */
final class Oflags {
    static final int CREAT = 1 << 0;
    static final int DIRECTORY = 1 << 1;
    static final int EXCL = 1 << 2;
    static final int TRUNC = 1 << 3;

    private Oflags() {
    }
}
