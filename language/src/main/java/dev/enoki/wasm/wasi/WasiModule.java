package dev.enoki.wasm.wasi;

import dev.enoki.wasm.WasmContext;
import dev.enoki.wasm.module.FuncType;
import dev.enoki.wasm.runtime.WasmFunction;
import dev.enoki.wasm.runtime.WasmInstance;

/** The predefined module {@code wasi_snapshot_preview1}. */
public final class WasiModule {
    public static final String NAME = "wasi_snapshot_preview1";

    private WasiModule() {
    }

    /**
     * The WASI function {@code name} for an instance that imports it with signature {@code type}, or null when there is
     * no such function (the instantiator reports that as an unknown import). WASI functions act on the importer's
     * memory, which they look up when called (it is allocated after linking).
     */
    public static WasmFunction resolve(WasmContext context, WasmInstance importer, String name, FuncType type) {
        return null;
    }
}
