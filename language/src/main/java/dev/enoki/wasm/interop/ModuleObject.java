package dev.enoki.wasm.interop;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.ArityException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import dev.enoki.wasm.WasmContext;
import dev.enoki.wasm.module.WasmModule;
import dev.enoki.wasm.runtime.Instantiator;

/** A compiled module as the host sees it: {@code module.newInstance()} or {@code module.newInstance(imports)}. */
@ExportLibrary(InteropLibrary.class)
public final class ModuleObject implements TruffleObject {
    private final WasmModule module;

    public ModuleObject(WasmModule module) {
        this.module = module;
    }

    public WasmModule module() {
        return module;
    }

    @ExportMessage
    boolean isInstantiable() {
        return true;
    }

    @ExportMessage
    @TruffleBoundary
    Object instantiate(Object[] arguments) throws ArityException {
        if (arguments.length > 1) {
            throw ArityException.create(0, 1, arguments.length);
        }
        Object imports = arguments.length == 1 ? arguments[0] : null;
        if (imports != null && InteropLibrary.getUncached().isNull(imports)) {
            imports = null;
        }
        return new InstanceObject(Instantiator.instantiate(WasmContext.get(null), module, imports));
    }

    @ExportMessage
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return "wasm-module(" + module.name() + ")";
    }
}
