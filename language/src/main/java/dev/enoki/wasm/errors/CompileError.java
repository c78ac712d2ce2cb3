package dev.enoki.wasm.errors;

import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.interop.ExceptionType;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

/**
 * A module that is malformed (cannot be decoded) or invalid (fails validation). Surfaces as a polyglot syntax error;
 * GraalJS maps it to {@code WebAssembly.CompileError}. The message starts with the spec's wording so tests and users
 * can match it, followed by the byte offset.
 */
@ExportLibrary(InteropLibrary.class)
public final class CompileError extends AbstractTruffleException {
    private static final long serialVersionUID = 1L;

    private final String problem;
    private final int offset;

    public CompileError(String problem, int offset) {
        super(offset >= 0 ? problem + " (at byte offset " + offset + ")" : problem);
        this.problem = problem;
        this.offset = offset;
    }

    /** The spec's wording of the problem, without the offset. */
    public String problem() {
        return problem;
    }

    public int offset() {
        return offset;
    }

    @ExportMessage
    ExceptionType getExceptionType() {
        return ExceptionType.PARSE_ERROR;
    }
}
