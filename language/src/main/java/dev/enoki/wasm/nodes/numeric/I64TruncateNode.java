package dev.enoki.wasm.nodes.numeric;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.VirtualFrame;

import dev.enoki.wasm.module.Opcode;
import dev.enoki.wasm.nodes.ExpressionNode;

/**
 * Float to i64 truncation toward zero: the trapping i64.trunc_f32/f64_s/u and the saturating i64.trunc_sat_*. Every
 * f32 widens exactly to f64, so both sources share the f64 range checks.
 */
final class I64TruncateNode extends ExpressionNode {
    private static final double TWO_TO_63 = 0x1p63;
    private static final double TWO_TO_64 = 0x1p64;

    /** Final, so partial evaluation folds the switch below to the one conversion. */
    private final Opcode opcode;
    @Child private ExpressionNode operand;

    I64TruncateNode(Opcode opcode, ExpressionNode operand) {
        this.opcode = opcode;
        this.operand = operand;
    }

    @Override
    public long executeI64(VirtualFrame frame) {
        return switch (opcode) {
            case I64_TRUNC_F32_S -> truncateSigned(operand.executeF32(frame));
            case I64_TRUNC_F32_U -> truncateUnsigned(operand.executeF32(frame));
            case I64_TRUNC_F64_S -> truncateSigned(operand.executeF64(frame));
            case I64_TRUNC_F64_U -> truncateUnsigned(operand.executeF64(frame));
            // Java's cast already saturates and maps NaN to 0, exactly as trunc_sat_s.
            case I64_TRUNC_SAT_F32_S -> (long) operand.executeF32(frame);
            case I64_TRUNC_SAT_F64_S -> (long) operand.executeF64(frame);
            case I64_TRUNC_SAT_F32_U -> saturateUnsigned(operand.executeF32(frame));
            case I64_TRUNC_SAT_F64_U -> saturateUnsigned(operand.executeF64(frame));
            default -> throw CompilerDirectives.shouldNotReachHere(opcode.text);
        };
    }

    /**
     * Valid operands truncate into [-2^63, 2^63 - 1]: exactly those in [-2^63, 2^63), as the next double below -2^63
     * is -2^63 - 2048. NaN fails both tests.
     */
    private long truncateSigned(double v) {
        if (CompilerDirectives.injectBranchProbability(CompilerDirectives.FASTPATH_PROBABILITY, v >= -TWO_TO_63 && v < TWO_TO_63)) {
            return (long) v;
        }
        throw Traps.conversionFailure(v, this);
    }

    /** Valid operands truncate into [0, 2^64 - 1]: exactly those in (-1, 2^64). */
    private long truncateUnsigned(double v) {
        if (CompilerDirectives.injectBranchProbability(CompilerDirectives.FASTPATH_PROBABILITY, v > -1.0 && v < TWO_TO_64)) {
            return toUnsigned(v);
        }
        throw Traps.conversionFailure(v, this);
    }

    /** NaN and everything up to 0 give 0, everything from 2^64 gives 2^64 - 1 (the i64 -1). */
    private static long saturateUnsigned(double v) {
        if (!(v > 0.0)) {
            return 0;
        } else if (v >= TWO_TO_64) {
            return -1L;
        }
        return toUnsigned(v);
    }

    /**
     * Truncates v in (-1, 2^64) to the i64 with those unsigned bits. Java only converts to signed longs, so the upper
     * half is shifted down by 2^63 first (exact: such doubles are multiples of 2^11) and the top bit set afterwards.
     */
    private static long toUnsigned(double v) {
        if (v < TWO_TO_63) {
            return (long) v;
        }
        return (long) (v - TWO_TO_63) | Long.MIN_VALUE;
    }
}
