package dev.enoki.wasm.interop;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.ArityException;
import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.interop.UnsupportedTypeException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

/** One executable member of the {@code WebAssembly} binding; host-side work, so not part of compiled Wasm code. */
@ExportLibrary(InteropLibrary.class)
final class BindingFunction implements TruffleObject {
    @FunctionalInterface
    interface Body {
        Object apply(Object[] arguments) throws InteropException;
    }

    private final String name;
    private final int arity;
    private final Body body;

    BindingFunction(String name, int arity, Body body) {
        this.name = name;
        this.arity = arity;
        this.body = body;
    }

    @ExportMessage
    boolean isExecutable() {
        return true;
    }

    @ExportMessage
    @TruffleBoundary
    Object execute(Object[] arguments) throws ArityException, UnsupportedTypeException {
        if (arguments.length != arity) {
            throw ArityException.create(arity, arity, arguments.length);
        }
        try {
            return body.apply(arguments);
        } catch (ArityException | UnsupportedTypeException e) {
            throw e;
        } catch (InteropException e) {
            throw UnsupportedTypeException.create(arguments, name + ": " + e.getMessage());
        }
    }

    @ExportMessage
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return "WebAssembly." + name;
    }
}
