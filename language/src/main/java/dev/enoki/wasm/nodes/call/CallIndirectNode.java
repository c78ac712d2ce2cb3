package dev.enoki.wasm.nodes.call;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import dev.enoki.wasm.errors.Trap;
import dev.enoki.wasm.module.FuncType;
import dev.enoki.wasm.nodes.ExpressionNode;
import dev.enoki.wasm.nodes.FunctionFrame;
import dev.enoki.wasm.runtime.CanonicalTypes;
import dev.enoki.wasm.runtime.WasmFunction;
import dev.enoki.wasm.runtime.WasmNull;

/** call_indirect: table lookup, a one-int signature check, then an inline cache on the callee. */
public final class CallIndirectNode extends CallSiteNode {
    private final int tableIndex;
    private final int expectedTypeId;
    @Child private ExpressionNode index;
    @Child private FunctionDispatchNode dispatch = FunctionDispatchNodeGen.create();

    public CallIndirectNode(int tableIndex, FuncType type, ExpressionNode[] arguments, ExpressionNode index, int[] resultSlots, boolean cachesMemory) {
        super(type, arguments, resultSlots, cachesMemory);
        this.tableIndex = tableIndex;
        this.expectedTypeId = CanonicalTypes.idOf(type);
        this.index = index;
    }

    @Override
    public int execute(VirtualFrame frame) {
        Object[] values = evaluateArguments(frame);
        int i = index.executeI32(frame);
        Object[] elements = FunctionFrame.instance(frame).table(tableIndex).elements();
        if (CompilerDirectives.injectBranchProbability(CompilerDirectives.SLOWPATH_PROBABILITY, Integer.compareUnsigned(i, elements.length) >= 0)) {
            throw Trap.create(Trap.UNDEFINED_ELEMENT, this);
        }
        Object element = elements[i];
        if (CompilerDirectives.injectBranchProbability(CompilerDirectives.SLOWPATH_PROBABILITY, element == WasmNull.INSTANCE)) {
            throw uninitialized(i);
        }
        WasmFunction function = (WasmFunction) element;
        if (CompilerDirectives.injectBranchProbability(CompilerDirectives.SLOWPATH_PROBABILITY, function.typeId() != expectedTypeId)) {
            throw Trap.create(Trap.INDIRECT_CALL_TYPE_MISMATCH, this);
        }
        Object result = dispatch(dispatch, function, values);
        afterCall(frame, result);
        return FALL_THROUGH;
    }

    @TruffleBoundary
    private Trap uninitialized(int elementIndex) {
        return Trap.create(Trap.UNINITIALIZED_ELEMENT + " " + elementIndex, this);
    }
}
