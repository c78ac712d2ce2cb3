package dev.enoki.wasm.nodes.numeric;

import com.oracle.truffle.api.frame.VirtualFrame;

import dev.enoki.wasm.nodes.ExpressionNode;

/** f32.reinterpret_i32: the f32 with the i32's bits. */
final class F32ReinterpretNode extends ExpressionNode {
    @Child private ExpressionNode operand;

    F32ReinterpretNode(ExpressionNode operand) {
        this.operand = operand;
    }

    @Override
    public float executeF32(VirtualFrame frame) {
        return Float.intBitsToFloat(operand.executeI32(frame));
    }
}
