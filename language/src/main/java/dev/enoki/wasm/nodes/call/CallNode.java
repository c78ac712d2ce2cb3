package dev.enoki.wasm.nodes.call;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.DirectCallNode;
import dev.enoki.wasm.module.FuncType;
import dev.enoki.wasm.module.ValueType;
import dev.enoki.wasm.nodes.ExpressionNode;
import dev.enoki.wasm.nodes.FunctionFrame;
import dev.enoki.wasm.nodes.StatementNode;
import dev.enoki.wasm.runtime.ModuleCode;

/**
 * A direct call of a function defined in the same module: the callee runs in the caller's instance, and its call
 * target is the same for every instance, so one {@link DirectCallNode} serves all. It is created on the first
 * execution, so that building the caller does not force building the callee.
 */
public final class CallNode extends CallSiteNode {
    private final ModuleCode code;
    private final int functionIndex;
    @Child private DirectCallNode call;

    public CallNode(ModuleCode code, int functionIndex, FuncType type, ExpressionNode[] arguments, int[] resultSlots) {
        super(type, arguments, resultSlots);
        this.code = code;
        this.functionIndex = functionIndex;
    }

    @Override
    public int execute(VirtualFrame frame) {
        Object[] values = evaluateArguments(frame);
        values[0] = FunctionFrame.instance(frame);
        if (call == null) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            call = insert(DirectCallNode.create(code.callTarget(functionIndex)));
        }
        Object result = call.call(values);
        storeResults(frame, result);
        return FALL_THROUGH;
    }
}
