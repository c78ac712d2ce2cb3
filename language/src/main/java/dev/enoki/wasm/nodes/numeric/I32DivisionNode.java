package dev.enoki.wasm.nodes.numeric;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.VirtualFrame;

import dev.enoki.wasm.errors.Trap;
import dev.enoki.wasm.module.Opcode;
import dev.enoki.wasm.nodes.ExpressionNode;

/** i32 div_s, div_u, rem_s, rem_u: the i32 arithmetic that traps. */
final class I32DivisionNode extends ExpressionNode {
    /** Final, so partial evaluation folds the switch below to the one operation. */
    private final Opcode opcode;
    @Child private ExpressionNode left;
    @Child private ExpressionNode right;

    I32DivisionNode(Opcode opcode, ExpressionNode left, ExpressionNode right) {
        this.opcode = opcode;
        this.left = left;
        this.right = right;
    }

    @Override
    public int executeI32(VirtualFrame frame) {
        int a = left.executeI32(frame);
        int b = right.executeI32(frame);
        if (CompilerDirectives.injectBranchProbability(CompilerDirectives.SLOWPATH_PROBABILITY, b == 0)) {
            throw Trap.create(Trap.DIVIDE_BY_ZERO, this);
        }
        return switch (opcode) {
            case I32_DIV_S -> {
                // The quotient 2^31 is not an i32; Java would silently wrap it.
                if (CompilerDirectives.injectBranchProbability(CompilerDirectives.SLOWPATH_PROBABILITY, a == Integer.MIN_VALUE && b == -1)) {
                    throw Trap.create(Trap.INTEGER_OVERFLOW, this);
                }
                yield a / b;
            }
            case I32_DIV_U -> Integer.divideUnsigned(a, b);
            // MIN_VALUE % -1 is 0 in both Wasm and Java: no trap.
            case I32_REM_S -> a % b;
            case I32_REM_U -> Integer.remainderUnsigned(a, b);
            default -> throw CompilerDirectives.shouldNotReachHere(opcode.text);
        };
    }
}
