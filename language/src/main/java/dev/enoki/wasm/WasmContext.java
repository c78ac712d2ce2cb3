package dev.enoki.wasm;

import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.nodes.Node;
import dev.enoki.wasm.memory.ContextMemories;
import dev.enoki.wasm.runtime.CallDepth;
import dev.enoki.wasm.wasi.WasiEnvironment;

/** Per-context state of Enoki. */
public final class WasmContext {
    private static final TruffleLanguage.ContextReference<WasmContext> REFERENCE = TruffleLanguage.ContextReference.create(WasmLanguage.class);

    private final WasmLanguage language;
    private final TruffleLanguage.Env env;

    private final boolean wasiEnabled;
    private final ContextMemories memories;
    private final CallDepth callDepth = new CallDepth();
    private WasiEnvironment wasi;

    WasmContext(WasmLanguage language, TruffleLanguage.Env env) {
        this.language = language;
        this.env = env;
        long limit = env.getOptions().get(WasmOptions.MemoryLimit);
        this.memories = new ContextMemories(limit > 0 ? limit : Long.MAX_VALUE);
        this.wasiEnabled = java.util.Arrays.asList(env.getOptions().get(WasmOptions.Builtins).split(",")).contains(dev.enoki.wasm.wasi.WasiModule.NAME);
    }

    /** The linear memories of this context, released together when it closes. */
    public ContextMemories memories() {
        return memories;
    }

    /** How deeply Wasm calls nest in this context, shared by its instances. */
    public CallDepth callDepth() {
        return callDepth;
    }

    /** The WASI state (descriptors, arguments, pre-opens) of this context, made when a WASI function first runs. */
    public synchronized WasiEnvironment wasi() {
        if (wasi == null) {
            wasi = WasiEnvironment.create(env);
        }
        return wasi;
    }

    /** Closes the files WASI programs left open. */
    synchronized void closeWasi() {
        if (wasi != null) {
            wasi.close();
        }
    }

    /** True when the context option {@code wasm.Builtins} provides WASI preview1 to instances. */
    public boolean isWasiEnabled() {
        return wasiEnabled;
    }

    public static WasmContext get(Node node) {
        return REFERENCE.get(node);
    }

    public WasmLanguage language() {
        return language;
    }

    public TruffleLanguage.Env env() {
        return env;
    }
}
