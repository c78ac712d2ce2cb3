package dev.enoki.wasm.nodes.call;

import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.frame.VirtualFrame;
import dev.enoki.wasm.module.FuncType;
import dev.enoki.wasm.module.ValueType;
import dev.enoki.wasm.nodes.ExpressionNode;
import dev.enoki.wasm.nodes.FunctionFrame;
import dev.enoki.wasm.nodes.StatementNode;

/** A call of an imported function: which one depends on the instance, so it is dispatched through a cache. */
public final class CallImportNode extends StatementNode {
    private final int functionIndex;
    @Children private final ExpressionNode[] arguments;
    @CompilationFinal(dimensions = 1) private final ValueType[] argumentTypes;
    @CompilationFinal(dimensions = 1) private final int[] resultSlots;
    @CompilationFinal(dimensions = 1) private final ValueType[] resultTypes;
    @Child private FunctionDispatchNode dispatch = FunctionDispatchNodeGen.create();

    public CallImportNode(int functionIndex, FuncType type, ExpressionNode[] arguments, int[] resultSlots) {
        this.functionIndex = functionIndex;
        this.arguments = arguments;
        this.argumentTypes = type.params();
        this.resultSlots = resultSlots;
        this.resultTypes = type.results();
    }

    @Override
    public int execute(VirtualFrame frame) {
        Object[] values = CallValues.evaluateArguments(frame, arguments, argumentTypes);
        Object result = dispatch.execute(FunctionFrame.instance(frame).function(functionIndex), values);
        CallValues.storeResults(frame, result, resultSlots, resultTypes);
        return FALL_THROUGH;
    }
}
