package dev.enoki.wasm.nodes.numeric;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.VirtualFrame;

import dev.enoki.wasm.module.Opcode;
import dev.enoki.wasm.nodes.ExpressionNode;

/** The i32 arithmetic that cannot trap: add, sub, mul, bitwise ops, shifts and rotations (modulo 2^32). */
final class I32BinaryNode extends ExpressionNode {
    /** Final, so partial evaluation folds the switch below to the one operation. */
    private final Opcode opcode;
    @Child private ExpressionNode left;
    @Child private ExpressionNode right;

    I32BinaryNode(Opcode opcode, ExpressionNode left, ExpressionNode right) {
        this.opcode = opcode;
        this.left = left;
        this.right = right;
    }

    @Override
    public int executeI32(VirtualFrame frame) {
        int a = left.executeI32(frame);
        int b = right.executeI32(frame);
        // Wasm takes shift and rotate counts modulo 32; Java does too, the masks only say so.
        return switch (opcode) {
            case I32_ADD -> a + b;
            case I32_SUB -> a - b;
            case I32_MUL -> a * b;
            case I32_AND -> a & b;
            case I32_OR -> a | b;
            case I32_XOR -> a ^ b;
            case I32_SHL -> a << (b & 31);
            case I32_SHR_S -> a >> (b & 31);
            case I32_SHR_U -> a >>> (b & 31);
            case I32_ROTL -> Integer.rotateLeft(a, b);
            case I32_ROTR -> Integer.rotateRight(a, b);
            default -> throw CompilerDirectives.shouldNotReachHere(opcode.text);
        };
    }
}
