package dev.enoki.wasm.nodes.numeric;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.frame.VirtualFrame;
import dev.enoki.wasm.module.Opcode;
import dev.enoki.wasm.nodes.ExpressionNode;

/**
 * An i32.ne or i64.ne that tests a loop's counter against its bound, compiled as the order that held each time the
 * interpreter saw the two differ: {@code a < b} or {@code a > b}, signed or unsigned. clang ends its counted loops
 * with {@code i != n}; Graal counts a loop tested so only if its step is 1 and it can tell the start is below the
 * bound, and it compiled matmul's inner loop (step 16) as a loop of unknown count, with a safepoint poll per
 * iteration. Compiled as {@code i <u n}, with a deoptimization for the case the order does not cover (the two differ
 * the other way), the loop is counted. That case sends the node back to the interpreter, which then stops assuming the
 * order.
 */
public final class LoopBoundTestNode extends ExpressionNode {
    private static final int LESS_SIGNED = 1;
    private static final int LESS_UNSIGNED = 2;
    private static final int GREATER_SIGNED = 4;
    private static final int GREATER_UNSIGNED = 8;

    private final boolean wide;
    @Child private ExpressionNode left;
    @Child private ExpressionNode right;
    /** Whether the interpreter has seen the operands differ. */
    @CompilationFinal private boolean differed;
    /** The orders that held every time the operands differed in the interpreter. */
    @CompilationFinal private int held = LESS_SIGNED | LESS_UNSIGNED | GREATER_SIGNED | GREATER_UNSIGNED;

    private LoopBoundTestNode(boolean wide, ExpressionNode left, ExpressionNode right) {
        this.wide = wide;
        this.left = left;
        this.right = right;
    }

    /** {@code condition} as such a test if it is an i32.ne or i64.ne, else {@code condition} itself. */
    public static ExpressionNode of(ExpressionNode condition) {
        if (condition instanceof I32CompareNode compare && compare.opcode() == Opcode.I32_NE) {
            return new LoopBoundTestNode(false, compare.left(), compare.right());
        }
        if (condition instanceof I64CompareNode compare && compare.opcode() == Opcode.I64_NE) {
            return new LoopBoundTestNode(true, compare.left(), compare.right());
        }
        return condition;
    }

    @Override
    public int executeI32(VirtualFrame frame) {
        long a;
        long b;
        if (wide) {
            a = left.executeI64(frame);
            b = right.executeI64(frame);
        } else {
            a = left.executeI32(frame);
            b = right.executeI32(frame);
        }
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

    private int interpreted(long a, long b) {
        if (a == b) {
            return 0;
        }
        int orders = 0;
        for (int order = LESS_SIGNED; order <= GREATER_UNSIGNED; order <<= 1) {
            if (holds(order, a, b)) {
                orders |= order;
            }
        }
        if (!differed || (held & orders) != held) {
            differed = true;
            held &= orders;
        }
        return 1;
    }

    /** The order compiled code assumes: signed before unsigned (either works for a counter that stays below 2^31). */
    private int assumedOrder() {
        if (!differed) {
            return 0;
        }
        for (int order = LESS_SIGNED; order <= GREATER_UNSIGNED; order <<= 1) {
            if ((held & order) != 0) {
                return order;
            }
        }
        return 0;
    }

    /** Whether {@code order} holds between a and b, read as i32 values (sign-extended) or i64 values. */
    private boolean holds(int order, long a, long b) {
        if (wide) {
            return switch (order) {
                case LESS_SIGNED -> a < b;
                case LESS_UNSIGNED -> Long.compareUnsigned(a, b) < 0;
                case GREATER_SIGNED -> a > b;
                default -> Long.compareUnsigned(a, b) > 0;
            };
        }
        int x = (int) a;
        int y = (int) b;
        return switch (order) {
            case LESS_SIGNED -> x < y;
            case LESS_UNSIGNED -> Integer.compareUnsigned(x, y) < 0;
            case GREATER_SIGNED -> x > y;
            default -> Integer.compareUnsigned(x, y) > 0;
        };
    }
}
