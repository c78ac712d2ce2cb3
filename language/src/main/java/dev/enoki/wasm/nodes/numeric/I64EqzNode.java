package dev.enoki.wasm.nodes.numeric;

import com.oracle.truffle.api.frame.VirtualFrame;

import dev.enoki.wasm.nodes.ExpressionNode;

/** i64.eqz: the one i64 test; it has its own node because its result is an i32. */
final class I64EqzNode extends ExpressionNode {
    @Child private ExpressionNode operand;

    I64EqzNode(ExpressionNode operand) {
        this.operand = operand;
    }

    @Override
    public int executeI32(VirtualFrame frame) {
        return operand.executeI64(frame) == 0 ? 1 : 0;
    }
}
