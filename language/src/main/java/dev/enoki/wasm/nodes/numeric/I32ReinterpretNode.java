package dev.enoki.wasm.nodes.numeric;

import com.oracle.truffle.api.frame.VirtualFrame;

import dev.enoki.wasm.nodes.ExpressionNode;

/** i32.reinterpret_f32: the f32's bits, NaN payload included (floatToIntBits would canonicalise NaNs). */
final class I32ReinterpretNode extends ExpressionNode {
    @Child private ExpressionNode operand;

    I32ReinterpretNode(ExpressionNode operand) {
        this.operand = operand;
    }

    @Override
    public int executeI32(VirtualFrame frame) {
        return Float.floatToRawIntBits(operand.executeF32(frame));
    }
}
