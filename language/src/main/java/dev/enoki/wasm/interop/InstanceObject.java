package dev.enoki.wasm.interop;

import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import dev.enoki.wasm.runtime.WasmInstance;

/** An instance as the host sees it: one member, {@code exports}. */
@ExportLibrary(InteropLibrary.class)
public final class InstanceObject implements TruffleObject {
    private static final String EXPORTS = "exports";

    private final WasmInstance instance;
    private final ExportsObject exports;

    public InstanceObject(WasmInstance instance) {
        this.instance = instance;
        this.exports = new ExportsObject(instance);
    }

    public WasmInstance instance() {
        return instance;
    }

    @ExportMessage
    boolean hasMembers() {
        return true;
    }

    @ExportMessage
    Object getMembers(@SuppressWarnings("unused") boolean includeInternal) {
        return new ValueArray(new Object[]{EXPORTS});
    }

    @ExportMessage
    boolean isMemberReadable(String member) {
        return EXPORTS.equals(member);
    }

    @ExportMessage
    Object readMember(String member) throws UnknownIdentifierException {
        if (!EXPORTS.equals(member)) {
            throw UnknownIdentifierException.create(member);
        }
        return exports;
    }

    @ExportMessage
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return "wasm-instance(" + instance.module().name() + ")";
    }
}
