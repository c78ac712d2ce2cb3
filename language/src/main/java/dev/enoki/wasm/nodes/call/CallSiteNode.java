package dev.enoki.wasm.nodes.call;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import dev.enoki.wasm.module.FuncType;
import dev.enoki.wasm.module.ValueType;
import dev.enoki.wasm.nodes.ExpressionNode;
import dev.enoki.wasm.nodes.FunctionFrame;
import dev.enoki.wasm.nodes.StatementNode;
import dev.enoki.wasm.runtime.WasmFunction;

/**
 * What every call site does around the call itself. Values cross a call like this: the callee's instance first, then
 * the arguments boxed in the call's {@code Object[]} (the boxes vanish when the callee is inlined); a single result
 * comes back boxed, several results as an {@code Object[]}, and they go to the caller's result slots.
 */
public abstract class CallSiteNode extends StatementNode {
    /** Calls that compiled code makes through a cold site's boundary before it is dropped for the site's sake. */
    static final int COLD_CALLS = 1000;

    @Children private final ExpressionNode[] arguments;
    @CompilationFinal(dimensions = 1) private final ValueType[] argumentTypes;
    @CompilationFinal(dimensions = 1) private final int[] resultSlots;
    @CompilationFinal(dimensions = 1) private final ValueType[] resultTypes;
    /** Whether the caller keeps memory 0 in its frame, which the callee may have grown. */
    private final boolean cachesMemory;
    /** Whether memory 0 has grown during a call from this site. */
    @CompilationFinal private boolean memoryGrewHere;
    /** Whether {@link #dispatch} has run in the interpreter, so that its dispatch node has specialized. */
    @CompilationFinal private boolean dispatched;
    /** Calls through the boundary of a cold site (a lost update across threads is harmless). */
    int coldCalls;

    CallSiteNode(FuncType type, ExpressionNode[] arguments, int[] resultSlots, boolean cachesMemory) {
        this.arguments = arguments;
        this.cachesMemory = cachesMemory;
        this.argumentTypes = type.params();
        this.resultSlots = resultSlots;
        this.resultTypes = type.results();
    }

    /** The call's arguments, with slot 0 left for the callee's instance. */
    @ExplodeLoop
    final Object[] evaluateArguments(VirtualFrame frame) {
        Object[] values = new Object[arguments.length + 1];
        for (int i = 0; i < arguments.length; i++) {
            values[i + 1] = switch (argumentTypes[i]) {
                case I32 -> arguments[i].executeI32(frame);
                case I64 -> arguments[i].executeI64(frame);
                case F32 -> arguments[i].executeF32(frame);
                case F64 -> arguments[i].executeF64(frame);
                default -> arguments[i].executeReference(frame);
            };
        }
        return values;
    }

    /**
     * Calls {@code function} through {@code dispatch}, a site's {@link FunctionDispatchNode}. Compiled code that
     * reaches a site whose dispatch node never ran calls it behind a boundary, as {@link CallNode} does with a call it
     * has not made yet: the uninitialized node would deoptimize there, and throw away a loop compiled on the stack
     * before its way out, with such a call on it, was ever taken. After {@link #COLD_CALLS} such calls the code is
     * dropped and compiled again, with the dispatch in it.
     */
    final Object dispatch(FunctionDispatchNode dispatch, WasmFunction function, Object[] values) {
        if (dispatched) {
            return dispatch.call(function, values);
        }
        if (CompilerDirectives.inCompiledCode() && coldCalls < COLD_CALLS) {
            return dispatchFromColdSite(dispatch, function, values);
        }
        CompilerDirectives.transferToInterpreterAndInvalidate();
        dispatched = true;
        return dispatch.call(function, values);
    }

    @TruffleBoundary(transferToInterpreterOnException = false)
    private Object dispatchFromColdSite(FunctionDispatchNode dispatch, WasmFunction function, Object[] values) {
        coldCalls++;
        return dispatch.call(function, values);
    }

    /**
     * Stores the call's results in their slots, and where the caller keeps memory 0 in its frame, its new size if the
     * callee grew it. Until a call from this site has grown it, compiled code takes the size to be the one it had: a
     * load and a compare per call, where setting the size every time made it a new value after each call, and the
     * limits of the accesses after the call were computed again (the dispatch kernel, whose loop makes three calls
     * per iteration: runs 3..5 1.28-1.37 s with the memory read again after each call, 1.06-1.15 s with the compare).
     */
    @ExplodeLoop
    final void afterCall(VirtualFrame frame, Object result) {
        if (cachesMemory) {
            long size = FunctionFrame.memory(frame).checkedSize();
            if (size != FunctionFrame.memorySize(frame)) {
                if (!memoryGrewHere) {
                    CompilerDirectives.transferToInterpreterAndInvalidate();
                    memoryGrewHere = true;
                }
                FunctionFrame.setMemorySize(frame, size);
            }
        }
        if (resultSlots.length == 1) {
            store(frame, resultSlots[0], resultTypes[0], result);
        } else if (resultSlots.length > 1) {
            Object[] values = (Object[]) result;
            for (int i = 0; i < resultSlots.length; i++) {
                store(frame, resultSlots[i], resultTypes[i], values[i]);
            }
        }
    }

    private static void store(VirtualFrame frame, int slot, ValueType type, Object value) {
        switch (type) {
            case I32 -> frame.setIntStatic(slot, (Integer) value);
            case I64 -> frame.setLongStatic(slot, (Long) value);
            case F32 -> frame.setFloatStatic(slot, (Float) value);
            case F64 -> frame.setDoubleStatic(slot, (Double) value);
            case FUNCREF, EXTERNREF -> frame.setObjectStatic(slot, value);
            default -> throw CompilerDirectives.shouldNotReachHere(type.text);
        }
    }
}
