package dev.enoki.wasm.nodes.numeric;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.VirtualFrame;

import dev.enoki.wasm.module.Opcode;
import dev.enoki.wasm.nodes.ExpressionNode;

/**
 * i64 to i64: clz, ctz, popcnt and the sign extensions extend8_s, extend16_s, extend32_s. (i64.eqz yields an i32, so
 * it is {@link I64EqzNode}.)
 */
final class I64UnaryNode extends ExpressionNode {
    /** Final, so partial evaluation folds the switch below to the one operation. */
    private final Opcode opcode;
    @Child private ExpressionNode operand;

    I64UnaryNode(Opcode opcode, ExpressionNode operand) {
        this.opcode = opcode;
        this.operand = operand;
    }

    @Override
    public long executeI64(VirtualFrame frame) {
        long v = operand.executeI64(frame);
        return switch (opcode) {
            case I64_CLZ -> Long.numberOfLeadingZeros(v);
            case I64_CTZ -> Long.numberOfTrailingZeros(v);
            case I64_POPCNT -> Long.bitCount(v);
            case I64_EXTEND8_S -> (byte) v;
            case I64_EXTEND16_S -> (short) v;
            case I64_EXTEND32_S -> (int) v;
            default -> throw CompilerDirectives.shouldNotReachHere(opcode.text);
        };
    }
}
