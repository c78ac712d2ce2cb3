package dev.enoki.wasm.nodes.call;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.DirectCallNode;
import dev.enoki.wasm.module.ValueType;
import dev.enoki.wasm.nodes.ExpressionNode;
import dev.enoki.wasm.nodes.StatementNode;
import dev.enoki.wasm.runtime.WasmFunction;

/**
 * A direct call. The {@link DirectCallNode} is created on the first execution, so that building the caller does not
 * force building the callee: each function's AST is made when it is first called.
 */
public final class CallNode extends StatementNode {
    private final WasmFunction function;
    @Children private final ExpressionNode[] arguments;
    @CompilationFinal(dimensions = 1) private final ValueType[] argumentTypes;
    @CompilationFinal(dimensions = 1) private final int[] resultSlots;
    @CompilationFinal(dimensions = 1) private final ValueType[] resultTypes;
    @Child private DirectCallNode call;

    public CallNode(WasmFunction function, ExpressionNode[] arguments, int[] resultSlots) {
        this.function = function;
        this.arguments = arguments;
        this.argumentTypes = function.type().params();
        this.resultSlots = resultSlots;
        this.resultTypes = function.type().results();
    }

    @Override
    public int execute(VirtualFrame frame) {
        Object[] values = CallValues.evaluateArguments(frame, arguments, argumentTypes);
        if (call == null) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            call = insert(DirectCallNode.create(function.callTarget()));
        }
        Object result = call.call(values);
        CallValues.storeResults(frame, result, resultSlots, resultTypes);
        return FALL_THROUGH;
    }
}
