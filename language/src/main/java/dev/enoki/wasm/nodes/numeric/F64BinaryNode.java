package dev.enoki.wasm.nodes.numeric;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.VirtualFrame;

import dev.enoki.wasm.module.Opcode;
import dev.enoki.wasm.nodes.ExpressionNode;

/**
 * f64 add, sub, mul, div, min, max, copysign. Java double arithmetic is IEEE binary64 with round-to-nearest-even and
 * quiet NaN results, which is what Wasm asks; min, max and copysign need {@link WasmFloatMath}.
 */
final class F64BinaryNode extends ExpressionNode {
    private static final long NEGATIVE_ZERO = 0x8000_0000_0000_0000L;
    private static final long POSITIVE_ZERO = 0L;
    private static final long ONE = 0x3ff0_0000_0000_0000L;

    /** Final, so partial evaluation folds the switch below to the one operation. */
    private final Opcode opcode;
    @Child private ExpressionNode left;
    @Child private ExpressionNode right;

    F64BinaryNode(Opcode opcode, ExpressionNode left, ExpressionNode right) {
        this.opcode = opcode;
        this.left = left;
        this.right = right;
    }

    @Override
    public double executeF64(VirtualFrame frame) {
        double a = left.executeF64(frame);
        double b = right.executeF64(frame);
        double result = switch (opcode) {
            case F64_ADD -> a + b;
            case F64_SUB -> a - b;
            case F64_MUL -> a * b;
            case F64_DIV -> a / b;
            case F64_MIN -> WasmFloatMath.min(a, b);
            case F64_MAX -> WasmFloatMath.max(a, b);
            case F64_COPYSIGN -> WasmFloatMath.copysign(a, b);
            default -> throw CompilerDirectives.shouldNotReachHere(opcode.text);
        };
        if (CompilerDirectives.inCompiledCode() && foldsToAnOperand(a, b) && result != result) {
            return WasmFloatMath.quiet(result);
        }
        return result;
    }

    /**
     * Whether the compiler may fold the operation to one of its operands, an identity of IEEE arithmetic: x + -0.0,
     * x - 0.0, -0.0 - x (to -x), x * 1.0, x / 1.0. Folded, a signalling NaN goes through as it is, where Wasm asks for
     * a quiet one (float_exprs.wast's no_fold tests, run compiled). Decided during partial evaluation, on the operands
     * that are constants there.
     */
    private boolean foldsToAnOperand(double a, double b) {
        return switch (opcode) {
            case F64_ADD -> isConstant(a, NEGATIVE_ZERO) || isConstant(b, NEGATIVE_ZERO);
            case F64_SUB -> isConstant(b, POSITIVE_ZERO) || isConstant(a, NEGATIVE_ZERO);
            case F64_MUL -> isConstant(a, ONE) || isConstant(b, ONE);
            case F64_DIV -> isConstant(b, ONE);
            default -> false;
        };
    }

    private static boolean isConstant(double value, long bits) {
        return CompilerDirectives.isPartialEvaluationConstant(value) && Double.doubleToRawLongBits(value) == bits;
    }
}
