package dev.enoki.wasm.nodes.numeric;

import com.oracle.truffle.api.frame.VirtualFrame;

import dev.enoki.wasm.nodes.ExpressionNode;

/** i64.extend_i32_s and i64.extend_i32_u: sign or zero extension of an i32. */
final class I64ExtendI32Node extends ExpressionNode {
    /** Final, so partial evaluation keeps only one of the two extensions. */
    private final boolean signed;
    @Child private ExpressionNode operand;

    I64ExtendI32Node(boolean signed, ExpressionNode operand) {
        this.signed = signed;
        this.operand = operand;
    }

    @Override
    public long executeI64(VirtualFrame frame) {
        int v = operand.executeI32(frame);
        return signed ? v : Integer.toUnsignedLong(v);
    }
}
