package dev.enoki.wasm.nodes.numeric;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.VirtualFrame;

import dev.enoki.wasm.module.Opcode;
import dev.enoki.wasm.nodes.ExpressionNode;

/**
 * Integer to f32, rounding to nearest even: f32.convert_i32/i64_s/u. Java's long-to-float conversion rounds once and
 * correctly, so unsigned i32 goes through a zero-extended long; unsigned i64 needs {@link WasmFloatMath#unsignedToF32}.
 */
final class F32ConvertNode extends ExpressionNode {
    /** Final, so partial evaluation folds the switch below to the one conversion. */
    private final Opcode opcode;
    @Child private ExpressionNode operand;

    F32ConvertNode(Opcode opcode, ExpressionNode operand) {
        this.opcode = opcode;
        this.operand = operand;
    }

    @Override
    public float executeF32(VirtualFrame frame) {
        return switch (opcode) {
            case F32_CONVERT_I32_S -> operand.executeI32(frame);
            case F32_CONVERT_I32_U -> Integer.toUnsignedLong(operand.executeI32(frame));
            case F32_CONVERT_I64_S -> operand.executeI64(frame);
            case F32_CONVERT_I64_U -> WasmFloatMath.unsignedToF32(operand.executeI64(frame));
            default -> throw CompilerDirectives.shouldNotReachHere(opcode.text);
        };
    }
}
