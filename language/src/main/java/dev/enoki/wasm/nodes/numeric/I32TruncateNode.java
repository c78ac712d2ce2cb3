package dev.enoki.wasm.nodes.numeric;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.VirtualFrame;

import dev.enoki.wasm.module.Opcode;
import dev.enoki.wasm.nodes.ExpressionNode;

/**
 * Float to i32 truncation toward zero: the trapping i32.trunc_f32/f64_s/u and the saturating i32.trunc_sat_*. Every
 * f32 widens exactly to f64, so both sources share the f64 range checks.
 */
final class I32TruncateNode extends ExpressionNode {
    /** Final, so partial evaluation folds the switch below to the one conversion. */
    private final Opcode opcode;
    @Child private ExpressionNode operand;

    I32TruncateNode(Opcode opcode, ExpressionNode operand) {
        this.opcode = opcode;
        this.operand = operand;
    }

    @Override
    public int executeI32(VirtualFrame frame) {
        return switch (opcode) {
            case I32_TRUNC_F32_S -> truncateSigned(operand.executeF32(frame));
            case I32_TRUNC_F32_U -> truncateUnsigned(operand.executeF32(frame));
            case I32_TRUNC_F64_S -> truncateSigned(operand.executeF64(frame));
            case I32_TRUNC_F64_U -> truncateUnsigned(operand.executeF64(frame));
            // Java's cast already saturates and maps NaN to 0, exactly as trunc_sat_s.
            case I32_TRUNC_SAT_F32_S -> (int) operand.executeF32(frame);
            case I32_TRUNC_SAT_F64_S -> (int) operand.executeF64(frame);
            case I32_TRUNC_SAT_F32_U -> saturateUnsigned(operand.executeF32(frame));
            case I32_TRUNC_SAT_F64_U -> saturateUnsigned(operand.executeF64(frame));
            default -> throw CompilerDirectives.shouldNotReachHere(opcode.text);
        };
    }

    /** Valid operands truncate into [-2^31, 2^31 - 1]: exactly those in (-2^31 - 1, 2^31); NaN fails both tests. */
    private int truncateSigned(double v) {
        if (CompilerDirectives.injectBranchProbability(CompilerDirectives.FASTPATH_PROBABILITY, v > -2147483649.0 && v < 2147483648.0)) {
            return (int) v;
        }
        throw Traps.conversionFailure(v, this);
    }

    /** Valid operands truncate into [0, 2^32 - 1]: exactly those in (-1, 2^32). */
    private int truncateUnsigned(double v) {
        if (CompilerDirectives.injectBranchProbability(CompilerDirectives.FASTPATH_PROBABILITY, v > -1.0 && v < 4294967296.0)) {
            return (int) (long) v;
        }
        throw Traps.conversionFailure(v, this);
    }

    /** NaN and everything up to 0 give 0, everything from 2^32 gives 2^32 - 1 (the i32 -1). */
    private static int saturateUnsigned(double v) {
        if (!(v > 0.0)) {
            return 0;
        } else if (v >= 4294967296.0) {
            return -1;
        }
        return (int) (long) v;
    }
}
