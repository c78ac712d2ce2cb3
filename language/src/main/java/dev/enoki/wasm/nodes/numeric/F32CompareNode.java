package dev.enoki.wasm.nodes.numeric;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.VirtualFrame;

import dev.enoki.wasm.module.Opcode;
import dev.enoki.wasm.nodes.ExpressionNode;

/**
 * f32 comparisons; the result is the i32 1 or 0. Java's operators are IEEE comparisons, as in Wasm: a NaN operand
 * makes every comparison false except ne, and -0.0 equals +0.0.
 */
final class F32CompareNode extends ExpressionNode {
    /** Final, so partial evaluation folds the switch below to the one comparison. */
    private final Opcode opcode;
    @Child private ExpressionNode left;
    @Child private ExpressionNode right;

    F32CompareNode(Opcode opcode, ExpressionNode left, ExpressionNode right) {
        this.opcode = opcode;
        this.left = left;
        this.right = right;
    }

    @Override
    public int executeI32(VirtualFrame frame) {
        float a = left.executeF32(frame);
        float b = right.executeF32(frame);
        boolean result = switch (opcode) {
            case F32_EQ -> a == b;
            case F32_NE -> a != b;
            case F32_LT -> a < b;
            case F32_GT -> a > b;
            case F32_LE -> a <= b;
            case F32_GE -> a >= b;
            default -> throw CompilerDirectives.shouldNotReachHere(opcode.text);
        };
        return result ? 1 : 0;
    }
}
