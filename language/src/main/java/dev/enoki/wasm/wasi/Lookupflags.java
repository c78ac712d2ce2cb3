package dev.enoki.wasm.wasi;

/** WASI {@code lookupflags}: whether a path's last component is followed when it is a symbolic link. */
final class Lookupflags {
    static final int SYMLINK_FOLLOW = 1 << 0;

    private Lookupflags() {
    }
}
