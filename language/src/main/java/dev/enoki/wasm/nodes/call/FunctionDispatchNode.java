package dev.enoki.wasm.nodes.call;

import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.dsl.Cached;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.nodes.DirectCallNode;
import com.oracle.truffle.api.nodes.IndirectCallNode;
import com.oracle.truffle.api.nodes.Node;
import dev.enoki.wasm.runtime.WasmFunction;

/**
 * Calls a function known only at run time (imports, call_indirect), passing the function's own instance. The cache
 * is keyed by call target, which instances of one module share: a few cached targets get a {@link DirectCallNode}
 * each (so they can be inlined), beyond that one {@link IndirectCallNode} serves all.
 */
public abstract class FunctionDispatchNode extends Node {
    /**
     * Eight: a C function-pointer table or a vtable slot often has that many live targets at one site, and every
     * cached one can be inlined. The dispatch kernel (benchmarks/kernels), whose call_indirect site reaches 8
     * targets, ran 6-12% faster with 8 than with 3, in 3 of 3 interleaved pairs of steady-state runs.
     */
    static final int CACHE_LIMIT = 8;

    /**
     * Calls {@code function}. Its call target is built on its first call ({@link WasmFunction#callTarget()}); that
     * happens here, behind a boundary, before the cache. Resolved in the cache's guard, the building path was compiled
     * into every cached entry of every site, with the store of the target and its write barrier: a function making ten
     * call_indirect calls of two targets each compiled to 14.8 KB of machine code, now 6.6 KB (GraalWasm: 5.2 KB), and
     * the sqlite kernel's last-tier compilations over twelve runs took 62 s instead of 73 s.
     *
     * @param arguments the call's arguments with slot 0 free for the callee's instance
     */
    public final Object call(WasmFunction function, Object[] arguments) {
        CallTarget target = function.builtCallTarget();
        if (target == null) {
            target = build(function);
        }
        return execute(function, target, arguments);
    }

    @TruffleBoundary
    private static CallTarget build(WasmFunction function) {
        return function.callTarget();
    }

    abstract Object execute(WasmFunction function, CallTarget target, Object[] arguments);

    @Specialization(guards = "target == cachedTarget", limit = "CACHE_LIMIT")
    static Object callCached(WasmFunction function, @SuppressWarnings("unused") CallTarget target, Object[] arguments,
                    @Cached("target") @SuppressWarnings("unused") CallTarget cachedTarget,
                    @Cached("create(cachedTarget)") DirectCallNode call) {
        arguments[0] = function.instance();
        return call.call(arguments);
    }

    @Specialization(replaces = "callCached")
    static Object callAny(WasmFunction function, CallTarget target, Object[] arguments, @Cached IndirectCallNode call) {
        arguments[0] = function.instance();
        return call.call(target, arguments);
    }
}
