package dev.enoki.wasm.runtime;

import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import dev.enoki.wasm.WasmLanguage;
import dev.enoki.wasm.module.ExternKind;
import dev.enoki.wasm.module.WasmModule;
import dev.enoki.wasm.nodes.builder.AstBuilder;

/**
 * The executable code of a module: one call target per defined function, built on its first call and then shared by
 * every instance of the module in every context of the engine, so code compiled once serves them all.
 */
public final class ModuleCode {
    private final WasmLanguage language;
    private final WasmModule module;
    private final int firstDefined;
    private final CallTarget[] targets;

    public ModuleCode(WasmLanguage language, WasmModule module) {
        this.language = language;
        this.module = module;
        this.firstDefined = module.importedCount(ExternKind.FUNCTION);
        this.targets = new CallTarget[module.functionTypes().length];
    }

    public WasmModule module() {
        return module;
    }

    /** The call target of defined function {@code functionIndex} (in the function index space, imports first). */
    public CallTarget callTarget(int functionIndex) {
        CallTarget target = targets[functionIndex - firstDefined];
        return target != null ? target : build(functionIndex);
    }

    @TruffleBoundary
    private synchronized CallTarget build(int functionIndex) {
        CallTarget target = targets[functionIndex - firstDefined];
        if (target == null) {
            target = AstBuilder.build(language, this, functionIndex).getCallTarget();
            targets[functionIndex - firstDefined] = target;
        }
        return target;
    }
}
