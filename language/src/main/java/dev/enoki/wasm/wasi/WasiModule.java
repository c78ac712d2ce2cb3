package dev.enoki.wasm.wasi;

import com.oracle.truffle.api.CallTarget;
import dev.enoki.wasm.WasmContext;
import dev.enoki.wasm.errors.LinkError;
import dev.enoki.wasm.module.FuncType;
import dev.enoki.wasm.runtime.WasmFunction;
import dev.enoki.wasm.runtime.WasmInstance;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The predefined module {@code wasi_snapshot_preview1}: every function of WASI preview1. An embedder enables it with
 * the context option {@code wasm.Builtins=wasi_snapshot_preview1}; see {@link WasiEnvironment} for where arguments,
 * environment, standard streams and directories come from, and {@link WasiExitException} for {@code proc_exit}.
 */
public final class WasiModule {
    public static final String NAME = "wasi_snapshot_preview1";

    private static final Map<String, WasiFunction> FUNCTIONS = new HashMap<>();

    static {
        for (List<WasiFunction> group : List.of(WasiArgsEnvFunctions.all(), WasiClockFunctions.all(), WasiFdFunctions.all(),
                        WasiFdIoFunctions.all(), WasiPathFunctions.all(), WasiPollFunctions.all(), WasiProcFunctions.all(),
                        WasiSockFunctions.all())) {
            for (WasiFunction function : group) {
                FUNCTIONS.put(function.name(), function);
            }
        }
    }

    private WasiModule() {
    }

    /**
     * The WASI function {@code name} for an instance that imports it with signature {@code type}, or null when there is
     * no such function (the instantiator reports that as an unknown import). WASI functions act on the importer's
     * memory, which they look up when called (it is allocated after linking).
     *
     * @throws LinkError when the import's signature is not the function's
     */
    public static WasmFunction resolve(WasmContext context, WasmInstance importer, String name, FuncType type) {
        WasiFunction function = FUNCTIONS.get(name);
        if (function == null) {
            return null;
        }
        if (!function.type().equals(type)) {
            throw new LinkError("incompatible import type for " + NAME + "." + name + ": expected a function " + function.type() + ", got " + type);
        }
        CallTarget target = context.language().predefinedCallTarget(NAME + "." + name, language -> new WasiRootNode(language, function).getCallTarget());
        return WasmFunction.predefined(type, target, importer);
    }

    /** The names of all functions, for tests and tools. */
    public static Set<String> functionNames() {
        return Collections.unmodifiableSet(FUNCTIONS.keySet());
    }
}
