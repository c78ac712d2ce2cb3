package dev.enoki.wasm.wasi;

/**
 * Ends a WASI call with an errno. It never leaves the call's boundary: the root node turns it into the function's
 * result, so it carries no stack trace.
 */
final class WasiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final Errno errno;

    WasiError(Errno errno) {
        super(errno.name(), null, false, false);
        this.errno = errno;
    }
}
