package dev.enoki.wasm.nodes.numeric;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.VirtualFrame;

import dev.enoki.wasm.module.Opcode;
import dev.enoki.wasm.nodes.ExpressionNode;

/**
 * Integer to f64: f64.convert_i32/i64_s/u. Exact for i32; i64 rounds to nearest even, with unsigned i64 through
 * {@link WasmFloatMath#unsignedToF64} since Java converts only signed longs.
 */
final class F64ConvertNode extends ExpressionNode {
    /** Final, so partial evaluation folds the switch below to the one conversion. */
    private final Opcode opcode;
    @Child private ExpressionNode operand;

    F64ConvertNode(Opcode opcode, ExpressionNode operand) {
        this.opcode = opcode;
        this.operand = operand;
    }

    @Override
    public double executeF64(VirtualFrame frame) {
        return switch (opcode) {
            case F64_CONVERT_I32_S -> operand.executeI32(frame);
            case F64_CONVERT_I32_U -> Integer.toUnsignedLong(operand.executeI32(frame));
            case F64_CONVERT_I64_S -> operand.executeI64(frame);
            case F64_CONVERT_I64_U -> WasmFloatMath.unsignedToF64(operand.executeI64(frame));
            default -> throw CompilerDirectives.shouldNotReachHere(opcode.text);
        };
    }
}
