package dev.enoki.wasm.errors;

import com.oracle.truffle.api.exception.AbstractTruffleException;

/** Instantiation failed because an import is missing or does not match ({@code WebAssembly.LinkError} in JS). */
public final class LinkError extends AbstractTruffleException {
    private static final long serialVersionUID = 1L;

    public LinkError(String message) {
        super(message);
    }
}
