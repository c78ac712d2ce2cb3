package dev.enoki.wasm.nodes.numeric;

import com.oracle.truffle.api.frame.VirtualFrame;

import dev.enoki.wasm.nodes.ExpressionNode;

/** f64.promote_f32: exact; a NaN stays a quiet NaN (see {@link WasmFloatMath#promote}). */
final class F64PromoteNode extends ExpressionNode {
    @Child private ExpressionNode operand;

    F64PromoteNode(ExpressionNode operand) {
        this.operand = operand;
    }

    @Override
    public double executeF64(VirtualFrame frame) {
        return WasmFloatMath.promote(operand.executeF32(frame));
    }
}
