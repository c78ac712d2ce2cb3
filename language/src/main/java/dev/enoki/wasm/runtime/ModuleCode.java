package dev.enoki.wasm.runtime;

import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.source.Source;
import com.oracle.truffle.api.source.SourceSection;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import dev.enoki.wasm.WasmLanguage;
import dev.enoki.wasm.module.ExternKind;
import dev.enoki.wasm.module.WasmModule;
import dev.enoki.wasm.nodes.builder.AstBuilder;

/**
 * The executable code of a module: one call target per defined function, built on its first call and then shared by
 * every instance of the module in every context of the engine, so code compiled once serves them all. A small
 * function that calls itself from one site has {@link #RECURSION_COPIES} call targets, each calling the next there.
 */
public final class ModuleCode {
    /**
     * Call targets of a small function that calls itself from one site, each calling the next there, the last the
     * first. Truffle inlines a call target into itself two levels deep at most (its default recursion depth) whatever
     * its inlining budget; through distinct copies the chain goes four times as deep (11 calls inlined, against 8 with
     * 3 copies). Every call of fib (3.4x native with none) is such a call, and each that is not inlined boxes its
     * argument and result and allocates an argument array where native code makes a plain call: with 3 copies its
     * steady runs went from 0.57-1.06 s to 0.31-0.53 s (native 0.21 s) on a loaded machine. On a quiet one (native
     * 0.13 s), runs 4-7 of four interleaved pairs: 0.24-0.26 s with 3 copies, 0.19-0.21 s with 4; 0.26-0.27 s with 5
     * and 0.22-0.23 s with 6 (in one or two runs each). Each copy is compiled on its own too: fib's first run took
     * 3.00-3.31 s with 4 against 2.80-3.01 s with 3.
     */
    public static final int RECURSION_COPIES = 4;

    private final WasmLanguage language;
    private final WasmModule module;
    /** Where the module came from; a binary source has no text to point into, so a section that is not available. */
    private final SourceSection sourceSection;
    private final int firstDefined;
    private final CallTarget[] targets;
    /** The copies after the first of small self-recursive functions, by defined function, built on demand. */
    private final CallTarget[][] recursionCopies;

    public ModuleCode(WasmLanguage language, WasmModule module, Source source) {
        this.language = language;
        this.module = module;
        this.sourceSection = source.createUnavailableSection();
        this.firstDefined = module.importedCount(ExternKind.FUNCTION);
        this.targets = new CallTarget[module.functionTypes().length];
        this.recursionCopies = new CallTarget[targets.length][];
    }

    /** The copy that a self call in copy {@code copy} calls. */
    public static int nextRecursionCopy(int copy) {
        return (copy + 1) % RECURSION_COPIES;
    }

    public WasmModule module() {
        return module;
    }

    /**
     * The source section of the module's code. Tools need one on each function's root: Truffle's CPU sampler, run from
     * a launcher ({@code --cpusampler}), leaves out the frames of roots without a section.
     */
    public SourceSection sourceSection() {
        return sourceSection;
    }

    /** The call target of defined function {@code functionIndex} (in the function index space, imports first). */
    public CallTarget callTarget(int functionIndex) {
        CallTarget target = targets[functionIndex - firstDefined];
        return target != null ? target : build(functionIndex, 0);
    }

    /** Copy {@code copy} of a small self-recursive function's call target, copy 0 being {@link #callTarget(int)}. */
    public CallTarget callTarget(int functionIndex, int copy) {
        return copy == 0 ? callTarget(functionIndex) : build(functionIndex, copy);
    }

    @TruffleBoundary
    private synchronized CallTarget build(int functionIndex, int copy) {
        int defined = functionIndex - firstDefined;
        if (copy > 0 && recursionCopies[defined] == null) {
            recursionCopies[defined] = new CallTarget[RECURSION_COPIES];
        }
        CallTarget[] built = copy == 0 ? targets : recursionCopies[defined];
        int slot = copy == 0 ? defined : copy;
        if (built[slot] == null) {
            built[slot] = AstBuilder.build(language, this, functionIndex, copy).getCallTarget();
        }
        return built[slot];
    }
}
