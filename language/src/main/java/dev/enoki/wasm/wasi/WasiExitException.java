package dev.enoki.wasm.wasi;

import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.interop.ExceptionType;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.nodes.Node;

/**
 * {@code proc_exit}: unwinds the program as an exit exception, which the host sees as a polyglot exception with
 * {@code isExit()} and {@code getExitStatus()}. The context stays usable.
 */
@ExportLibrary(InteropLibrary.class)
public final class WasiExitException extends AbstractTruffleException {
    private static final long serialVersionUID = 1L;

    private final int status;

    WasiExitException(int status, Node location) {
        super("exit status " + status, location);
        this.status = status;
    }

    public int status() {
        return status;
    }

    @ExportMessage
    ExceptionType getExceptionType() {
        return ExceptionType.EXIT;
    }

    @ExportMessage
    int getExceptionExitStatus() {
        return status;
    }
}
