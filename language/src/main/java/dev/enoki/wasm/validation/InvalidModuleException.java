package dev.enoki.wasm.validation;

import dev.enoki.wasm.errors.CompileError;

/**
 * A validation (not decoding) failure found by the validator. It is kept apart from the malformed-module
 * {@link CompileError}s thrown while decoding code, because the spec decodes the whole module before validating it:
 * a malformed body anywhere takes precedence over an invalid construct found earlier. {@link ModuleValidator}
 * turns it into a {@link CompileError} once it knows no body is malformed.
 */
final class InvalidModuleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final String problem;
    final int offset;

    InvalidModuleException(String problem, int offset) {
        super(problem, null, false, false);
        this.problem = problem;
        this.offset = offset;
    }

    static InvalidModuleException unknown(String category, long index, int offset) {
        return new InvalidModuleException("unknown " + category + " " + Long.toUnsignedString(index), offset);
    }

    CompileError toCompileError() {
        return new CompileError(problem, offset);
    }
}
