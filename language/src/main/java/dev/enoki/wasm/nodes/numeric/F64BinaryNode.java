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
        return switch (opcode) {
            case F64_ADD -> a + b;
            case F64_SUB -> a - b;
            case F64_MUL -> a * b;
            case F64_DIV -> a / b;
            case F64_MIN -> WasmFloatMath.min(a, b);
            case F64_MAX -> WasmFloatMath.max(a, b);
            case F64_COPYSIGN -> WasmFloatMath.copysign(a, b);
            default -> throw CompilerDirectives.shouldNotReachHere(opcode.text);
        };
    }
}
