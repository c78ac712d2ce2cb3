package dev.enoki.wasm.nodes.numeric;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.VirtualFrame;

import dev.enoki.wasm.module.Opcode;
import dev.enoki.wasm.nodes.ExpressionNode;

/** i32 to i32: eqz, clz, ctz, popcnt and the sign extensions extend8_s/extend16_s. */
final class I32UnaryNode extends ExpressionNode {
    /** Final, so partial evaluation folds the switch below to the one operation. */
    private final Opcode opcode;
    @Child private ExpressionNode operand;

    I32UnaryNode(Opcode opcode, ExpressionNode operand) {
        this.opcode = opcode;
        this.operand = operand;
    }

    @Override
    public int executeI32(VirtualFrame frame) {
        int v = operand.executeI32(frame);
        return switch (opcode) {
            case I32_EQZ -> v == 0 ? 1 : 0;
            case I32_CLZ -> Integer.numberOfLeadingZeros(v);
            case I32_CTZ -> Integer.numberOfTrailingZeros(v);
            case I32_POPCNT -> Integer.bitCount(v);
            case I32_EXTEND8_S -> (byte) v;
            case I32_EXTEND16_S -> (short) v;
            default -> throw CompilerDirectives.shouldNotReachHere(opcode.text);
        };
    }
}
