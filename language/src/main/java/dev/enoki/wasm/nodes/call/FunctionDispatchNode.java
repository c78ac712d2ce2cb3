package dev.enoki.wasm.nodes.call;

import com.oracle.truffle.api.dsl.Cached;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.nodes.DirectCallNode;
import com.oracle.truffle.api.nodes.IndirectCallNode;
import com.oracle.truffle.api.nodes.Node;
import dev.enoki.wasm.runtime.WasmFunction;

/**
 * Calls a function known only at run time: a few cached callees get a {@link DirectCallNode} each (so they can be
 * inlined), beyond that one {@link IndirectCallNode} serves all.
 */
public abstract class FunctionDispatchNode extends Node {
    static final int CACHE_LIMIT = 3;

    public abstract Object execute(WasmFunction function, Object[] arguments);

    @Specialization(guards = "function == cachedFunction", limit = "CACHE_LIMIT")
    static Object callCached(@SuppressWarnings("unused") WasmFunction function, Object[] arguments,
                    @Cached("function") @SuppressWarnings("unused") WasmFunction cachedFunction,
                    @Cached("create(cachedFunction.callTarget())") DirectCallNode call) {
        return call.call(arguments);
    }

    @Specialization(replaces = "callCached")
    static Object callAny(WasmFunction function, Object[] arguments, @Cached IndirectCallNode call) {
        return call.call(function.callTarget(), arguments);
    }
}
