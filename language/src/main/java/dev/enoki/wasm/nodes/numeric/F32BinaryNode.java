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
        return switch (opcode) {
            case F32_ADD -> a + b;
            case F32_SUB -> a - b;
            case F32_MUL -> a * b;
            case F32_DIV -> a / b;
            case F32_MIN -> WasmFloatMath.min(a, b);
            case F32_MAX -> WasmFloatMath.max(a, b);
            case F32_COPYSIGN -> WasmFloatMath.copysign(a, b);
            default -> throw CompilerDirectives.shouldNotReachHere(opcode.text);
        };
    }
}
