package dev.enoki.wasm.nodes.call;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.enoki.wasm.module.FuncType;
import dev.enoki.wasm.nodes.ExpressionNode;
import dev.enoki.wasm.nodes.FunctionFrame;

/** A call of an imported function: which one depends on the instance, so it is dispatched through a cache. */
public final class CallImportNode extends CallSiteNode {
    private final int functionIndex;
    @Child private FunctionDispatchNode dispatch = FunctionDispatchNodeGen.create();

    public CallImportNode(int functionIndex, FuncType type, ExpressionNode[] arguments, int[] resultSlots, boolean cachesMemory) {
        super(type, arguments, resultSlots, cachesMemory);
        this.functionIndex = functionIndex;
    }

    @Override
    public int execute(VirtualFrame frame) {
        Object[] values = evaluateArguments(frame);
        Object result = dispatch(dispatch, FunctionFrame.instance(frame).function(functionIndex), values);
        afterCall(frame, result);
        return FALL_THROUGH;
    }
}
