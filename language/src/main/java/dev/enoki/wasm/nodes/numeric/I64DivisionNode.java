package dev.enoki.wasm.nodes.numeric;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.VirtualFrame;

import dev.enoki.wasm.errors.Trap;
import dev.enoki.wasm.module.Opcode;
import dev.enoki.wasm.nodes.ExpressionNode;

/** i64 div_s, div_u, rem_s, rem_u: the i64 arithmetic that traps. */
final class I64DivisionNode extends ExpressionNode {
    /** Final, so partial evaluation folds the switch below to the one operation. */
    private final Opcode opcode;
    @Child private ExpressionNode left;
    @Child private ExpressionNode right;

    I64DivisionNode(Opcode opcode, ExpressionNode left, ExpressionNode right) {
        this.opcode = opcode;
        this.left = left;
        this.right = right;
    }

    @Override
    public long executeI64(VirtualFrame frame) {
        long a = left.executeI64(frame);
        long b = right.executeI64(frame);
        if (CompilerDirectives.injectBranchProbability(CompilerDirectives.SLOWPATH_PROBABILITY, b == 0)) {
            throw Trap.create(Trap.DIVIDE_BY_ZERO, this);
        }
        return switch (opcode) {
            case I64_DIV_S -> {
                // The quotient 2^63 is not an i64; Java would silently wrap it.
                if (CompilerDirectives.injectBranchProbability(CompilerDirectives.SLOWPATH_PROBABILITY, a == Long.MIN_VALUE && b == -1L)) {
                    throw Trap.create(Trap.INTEGER_OVERFLOW, this);
                }
                yield a / b;
            }
            case I64_DIV_U -> Long.divideUnsigned(a, b);
            // MIN_VALUE % -1 is 0 in both Wasm and Java: no trap.
            case I64_REM_S -> a % b;
            case I64_REM_U -> Long.remainderUnsigned(a, b);
            default -> throw CompilerDirectives.shouldNotReachHere(opcode.text);
        };
    }
}
