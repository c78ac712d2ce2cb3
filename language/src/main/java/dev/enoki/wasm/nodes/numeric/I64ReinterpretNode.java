package dev.enoki.wasm.nodes.numeric;

import com.oracle.truffle.api.frame.VirtualFrame;

import dev.enoki.wasm.nodes.ExpressionNode;

/** i64.reinterpret_f64: the f64's bits, NaN payload included (doubleToLongBits would canonicalise NaNs). */
final class I64ReinterpretNode extends ExpressionNode {
    @Child private ExpressionNode operand;

    I64ReinterpretNode(ExpressionNode operand) {
        this.operand = operand;
    }

    @Override
    public long executeI64(VirtualFrame frame) {
        return Double.doubleToRawLongBits(operand.executeF64(frame));
    }
}
