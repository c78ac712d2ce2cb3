package dev.enoki.wasm.nodes.numeric;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.VirtualFrame;

import dev.enoki.wasm.module.Opcode;
import dev.enoki.wasm.nodes.ExpressionNode;

/**
 * f64 to f64: abs, neg (pure sign-bit operations that keep any NaN as it is), and ceil, floor, trunc, nearest, sqrt.
 */
final class F64UnaryNode extends ExpressionNode {
    /** Final, so partial evaluation folds the switch below to the one operation. */
    private final Opcode opcode;
    @Child private ExpressionNode operand;

    F64UnaryNode(Opcode opcode, ExpressionNode operand) {
        this.opcode = opcode;
        this.operand = operand;
    }

    @Override
    public double executeF64(VirtualFrame frame) {
        double v = operand.executeF64(frame);
        return switch (opcode) {
            case F64_ABS -> WasmFloatMath.abs(v);
            case F64_NEG -> WasmFloatMath.neg(v);
            case F64_CEIL -> unlessNaN(v, Math.ceil(v));
            case F64_FLOOR -> unlessNaN(v, Math.floor(v));
            case F64_TRUNC -> unlessNaN(v, WasmFloatMath.trunc(v));
            case F64_NEAREST -> unlessNaN(v, Math.rint(v)); // half to even, sign kept: nearest(-0.5) = -0.0
            case F64_SQRT -> unlessNaN(v, Math.sqrt(v));
            default -> throw CompilerDirectives.shouldNotReachHere(opcode.text);
        };
    }

    /**
     * The result of an arithmetic operation on {@code operand}; for a NaN operand Wasm wants a quiet NaN, which
     * quieting the operand gives without depending on how Java's math methods treat NaN payloads (it also keeps a
     * canonical NaN canonical).
     */
    private static double unlessNaN(double operand, double result) {
        return Double.isNaN(operand) ? WasmFloatMath.quiet(operand) : result;
    }
}
