package dev.enoki.wasm.nodes.numeric;

import com.oracle.truffle.api.frame.VirtualFrame;

import dev.enoki.wasm.nodes.ExpressionNode;

/** f32.demote_f64: rounds to nearest even; a NaN stays a quiet NaN (see {@link WasmFloatMath#demote}). */
final class F32DemoteNode extends ExpressionNode {
    @Child private ExpressionNode operand;

    F32DemoteNode(ExpressionNode operand) {
        this.operand = operand;
    }

    @Override
    public float executeF32(VirtualFrame frame) {
        return WasmFloatMath.demote(operand.executeF64(frame));
    }
}
