package dev.enoki.wasm.nodes.numeric;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.VirtualFrame;

import dev.enoki.wasm.module.Opcode;
import dev.enoki.wasm.nodes.ExpressionNode;

/** i64 comparisons, signed and unsigned; the result is the i32 1 or 0. */
final class I64CompareNode extends ExpressionNode {
    /** Final, so partial evaluation folds the switch below to the one comparison. */
    private final Opcode opcode;
    @Child private ExpressionNode left;
    @Child private ExpressionNode right;

    I64CompareNode(Opcode opcode, ExpressionNode left, ExpressionNode right) {
        this.opcode = opcode;
        this.left = left;
        this.right = right;
    }

    @Override
    public int executeI32(VirtualFrame frame) {
        long a = left.executeI64(frame);
        long b = right.executeI64(frame);
        boolean result = switch (opcode) {
            case I64_EQ -> a == b;
            case I64_NE -> a != b;
            case I64_LT_S -> a < b;
            case I64_LT_U -> Long.compareUnsigned(a, b) < 0;
            case I64_GT_S -> a > b;
            case I64_GT_U -> Long.compareUnsigned(a, b) > 0;
            case I64_LE_S -> a <= b;
            case I64_LE_U -> Long.compareUnsigned(a, b) <= 0;
            case I64_GE_S -> a >= b;
            case I64_GE_U -> Long.compareUnsigned(a, b) >= 0;
            default -> throw CompilerDirectives.shouldNotReachHere(opcode.text);
        };
        return result ? 1 : 0;
    }
}
