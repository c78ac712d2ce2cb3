package dev.enoki.wasm.runtime;

import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

/** The null reference of both reference types; the host sees it as {@code null}. */
@ExportLibrary(InteropLibrary.class)
public final class WasmNull implements TruffleObject {
    public static final WasmNull INSTANCE = new WasmNull();

    private WasmNull() {
    }

    @ExportMessage
    boolean isNull() {
        return true;
    }

    @ExportMessage
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return "null";
    }
}
