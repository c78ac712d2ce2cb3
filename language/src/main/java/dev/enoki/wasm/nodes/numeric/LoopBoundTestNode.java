package dev.enoki.wasm.nodes.numeric;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.frame.VirtualFrame;
import dev.enoki.wasm.module.Opcode;
import dev.enoki.wasm.nodes.ExpressionNode;

/**
 * An i32.ne that tests a loop's counter against its bound, compiled as the order that held each time the interpreter
 * saw the two differ: {@code a < b}, signed or unsigned, or {@code a > b}, signed (not unsigned, see
 * {@link #countable}). clang ends its counted loops with {@code i != n}; Graal counts a loop tested so only if its step
 * is 1 and it can tell the start is below the bound, and it compiled matmul's inner loop (step 16) as a loop of unknown
 * count, with a safepoint poll per iteration. Compiled as {@code i < n}, with a deoptimization for the case the order
 * does not cover (the two differ the other way), the loop is counted. That case sends the node back to the
 * interpreter, which then stops assuming the order.
 */
public final class LoopBoundTestNode extends ExpressionNode {
    private static final int LESS_SIGNED = 1;
    private static final int LESS_UNSIGNED = 2;
    private static final int GREATER_SIGNED = 4;

    @Child private ExpressionNode left;
    @Child private ExpressionNode right;
    /** Before the interpreter saw the operands differ: no order assumed yet. */
    private static final int UNSEEN = -1;

    /** The orders that held every time the operands differed in the interpreter, or {@link #UNSEEN}. */
    @CompilationFinal private int held = UNSEEN;

    private LoopBoundTestNode(ExpressionNode left, ExpressionNode right) {
        this.left = left;
        this.right = right;
    }

    /**
     * Whether {@code condition} may be the test of a loop that Graal counts: an i32 comparison, but not an unsigned
     * greater-than. On a counter that steps down by 8 or more while it is above a bound (memset's {@code n -= 32} while
     * {@code n >u 31}), Graal's speculation that the counter cannot wrap failed at once, every time, and threw away
     * the code around the loop; signed, or stepping up, it did not.
     */
    public static boolean countable(ExpressionNode condition) {
        return condition instanceof I32CompareNode compare && compare.opcode() != Opcode.I32_GT_U && compare.opcode() != Opcode.I32_GE_U;
    }

    /** {@code condition} as such a test if it is an i32.ne, else {@code condition} itself. */
    public static ExpressionNode of(ExpressionNode condition) {
        if (condition instanceof I32CompareNode compare && compare.opcode() == Opcode.I32_NE) {
            return new LoopBoundTestNode(compare.left(), compare.right());
        }
        return condition;
    }

    @Override
    public int executeI32(VirtualFrame frame) {
        int a = left.executeI32(frame);
        int b = right.executeI32(frame);
        if (CompilerDirectives.inInterpreter()) {
            return interpreted(a, b);
        }
        int order = assumedOrder();
        if (order == 0) {
            return a != b ? 1 : 0;
        }
        if (holds(order, a, b)) {
            return 1;
        }
        if (a != b) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            return interpreted(a, b);
        }
        return 0;
    }

    private int interpreted(int a, int b) {
        if (a == b) {
            return 0;
        }
        int orders = (a < b ? LESS_SIGNED : GREATER_SIGNED) | (Integer.compareUnsigned(a, b) < 0 ? LESS_UNSIGNED : 0);
        int stillHeld = held & orders;
        if (stillHeld != held) {
            held = stillHeld;
        }
        return 1;
    }

    /** The order compiled code assumes: signed before unsigned (either works for a counter that stays below 2^31). */
    private int assumedOrder() {
        int h = held;
        if (h == UNSEEN) {
            return 0;
        }
        if ((h & LESS_SIGNED) != 0) {
            return LESS_SIGNED;
        }
        if ((h & LESS_UNSIGNED) != 0) {
            return LESS_UNSIGNED;
        }
        return h & GREATER_SIGNED;
    }

    private static boolean holds(int order, int a, int b) {
        return switch (order) {
            case LESS_SIGNED -> a < b;
            case LESS_UNSIGNED -> Integer.compareUnsigned(a, b) < 0;
            default -> a > b;
        };
    }
}
