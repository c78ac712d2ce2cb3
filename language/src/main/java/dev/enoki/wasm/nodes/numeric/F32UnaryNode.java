package dev.enoki.wasm.nodes.numeric;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.VirtualFrame;

import dev.enoki.wasm.module.Opcode;
import dev.enoki.wasm.nodes.ExpressionNode;

/**
 * f32 to f32: abs, neg (pure sign-bit operations that keep any NaN as it is), and ceil, floor, trunc, nearest, sqrt
 * (computed in f64, which is exact for the roundings and correctly rounded for sqrt, then narrowed exactly).
 */
final class F32UnaryNode extends ExpressionNode {
    /** Final, so partial evaluation folds the switch below to the one operation. */
    private final Opcode opcode;
    @Child private ExpressionNode operand;

    F32UnaryNode(Opcode opcode, ExpressionNode operand) {
        this.opcode = opcode;
        this.operand = operand;
    }

    @Override
    public float executeF32(VirtualFrame frame) {
        float v = operand.executeF32(frame);
        return switch (opcode) {
            case F32_ABS -> WasmFloatMath.abs(v);
            case F32_NEG -> WasmFloatMath.neg(v);
            case F32_CEIL -> unlessNaN(v, Math.ceil(v));
            case F32_FLOOR -> unlessNaN(v, Math.floor(v));
            case F32_TRUNC -> unlessNaN(v, WasmFloatMath.trunc(v));
            case F32_NEAREST -> unlessNaN(v, Math.rint(v)); // half to even, sign kept: nearest(-0.5) = -0.0
            case F32_SQRT -> unlessNaN(v, Math.sqrt(v));
            default -> throw CompilerDirectives.shouldNotReachHere(opcode.text);
        };
    }

    /**
     * The result of an arithmetic operation on {@code operand}; for a NaN operand Wasm wants a quiet NaN, which
     * quieting the operand gives without depending on how Java's math methods treat NaN payloads (it also keeps a
     * canonical NaN canonical).
     */
    private static float unlessNaN(float operand, double result) {
        return Float.isNaN(operand) ? WasmFloatMath.quiet(operand) : (float) result;
    }
}
