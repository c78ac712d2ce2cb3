package dev.enoki.wasm.nodes.numeric;

import com.oracle.truffle.api.frame.VirtualFrame;

import dev.enoki.wasm.nodes.ExpressionNode;

/** f64.reinterpret_i64: the f64 with the i64's bits. */
final class F64ReinterpretNode extends ExpressionNode {
    @Child private ExpressionNode operand;

    F64ReinterpretNode(ExpressionNode operand) {
        this.operand = operand;
    }

    @Override
    public double executeF64(VirtualFrame frame) {
        return Double.longBitsToDouble(operand.executeI64(frame));
    }
}
