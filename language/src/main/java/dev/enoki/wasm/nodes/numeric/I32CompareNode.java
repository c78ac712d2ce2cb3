package dev.enoki.wasm.nodes.numeric;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.VirtualFrame;

import dev.enoki.wasm.module.Opcode;
import dev.enoki.wasm.nodes.ExpressionNode;

/** i32 comparisons, signed and unsigned; the result is the i32 1 or 0. */
final class I32CompareNode extends ExpressionNode {
    /** Final, so partial evaluation folds the switch below to the one comparison. */
    private final Opcode opcode;
    @Child private ExpressionNode left;
    @Child private ExpressionNode right;

    I32CompareNode(Opcode opcode, ExpressionNode left, ExpressionNode right) {
        this.opcode = opcode;
        this.left = left;
        this.right = right;
    }

    Opcode opcode() {
        return opcode;
    }

    ExpressionNode left() {
        return left;
    }

    ExpressionNode right() {
        return right;
    }

    @Override
    public int executeI32(VirtualFrame frame) {
        int a = left.executeI32(frame);
        int b = right.executeI32(frame);
        boolean result = switch (opcode) {
            case I32_EQ -> a == b;
            case I32_NE -> a != b;
            case I32_LT_S -> a < b;
            case I32_LT_U -> Integer.compareUnsigned(a, b) < 0;
            case I32_GT_S -> a > b;
            case I32_GT_U -> Integer.compareUnsigned(a, b) > 0;
            case I32_LE_S -> a <= b;
            case I32_LE_U -> Integer.compareUnsigned(a, b) <= 0;
            case I32_GE_S -> a >= b;
            case I32_GE_U -> Integer.compareUnsigned(a, b) >= 0;
            default -> throw CompilerDirectives.shouldNotReachHere(opcode.text);
        };
        return result ? 1 : 0;
    }
}
