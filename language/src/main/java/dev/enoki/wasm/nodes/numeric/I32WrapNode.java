package dev.enoki.wasm.nodes.numeric;

import com.oracle.truffle.api.frame.VirtualFrame;

import dev.enoki.wasm.nodes.ExpressionNode;

/** i32.wrap_i64: the low 32 bits. */
final class I32WrapNode extends ExpressionNode {
    @Child private ExpressionNode operand;

    I32WrapNode(ExpressionNode operand) {
        this.operand = operand;
    }

    @Override
    public int executeI32(VirtualFrame frame) {
        return (int) operand.executeI64(frame);
    }
}
