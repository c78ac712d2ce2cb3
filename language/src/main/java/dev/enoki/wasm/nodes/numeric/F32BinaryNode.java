package dev.enoki.wasm.nodes.numeric;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.VirtualFrame;

import dev.enoki.wasm.module.Opcode;
import dev.enoki.wasm.nodes.ExpressionNode;

/**
 * f32 add, sub, mul, div, min, max, copysign. Java float arithmetic is IEEE binary32 with round-to-nearest-even and
 * quiet NaN results, which is what Wasm asks; min, max and copysign need {@link WasmFloatMath}.
 */
final class F32BinaryNode extends ExpressionNode {
    private static final int NEGATIVE_ZERO = 0x8000_0000;
    private static final int POSITIVE_ZERO = 0;
    private static final int ONE = 0x3f80_0000;

    /** Final, so partial evaluation folds the switch below to the one operation. */
    private final Opcode opcode;
    @Child private ExpressionNode left;
    @Child private ExpressionNode right;

    F32BinaryNode(Opcode opcode, ExpressionNode left, ExpressionNode right) {
        this.opcode = opcode;
        this.left = left;
        this.right = right;
    }

    @Override
    public float executeF32(VirtualFrame frame) {
        float a = left.executeF32(frame);
        float b = right.executeF32(frame);
        float result = switch (opcode) {
            case F32_ADD -> a + b;
            case F32_SUB -> a - b;
            case F32_MUL -> a * b;
            case F32_DIV -> a / b;
            case F32_MIN -> WasmFloatMath.min(a, b);
            case F32_MAX -> WasmFloatMath.max(a, b);
            case F32_COPYSIGN -> WasmFloatMath.copysign(a, b);
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
    private boolean foldsToAnOperand(float a, float b) {
        return switch (opcode) {
            case F32_ADD -> isConstant(a, NEGATIVE_ZERO) || isConstant(b, NEGATIVE_ZERO);
            case F32_SUB -> isConstant(b, POSITIVE_ZERO) || isConstant(a, NEGATIVE_ZERO);
            case F32_MUL -> isConstant(a, ONE) || isConstant(b, ONE);
            case F32_DIV -> isConstant(b, ONE);
            default -> false;
        };
    }

    private static boolean isConstant(float value, int bits) {
        return CompilerDirectives.isPartialEvaluationConstant(value) && Float.floatToRawIntBits(value) == bits;
    }
}
