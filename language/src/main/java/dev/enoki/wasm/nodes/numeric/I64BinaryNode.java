package dev.enoki.wasm.nodes.numeric;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.VirtualFrame;

import dev.enoki.wasm.module.Opcode;
import dev.enoki.wasm.nodes.ExpressionNode;

/** The i64 arithmetic that cannot trap: add, sub, mul, bitwise ops, shifts and rotations (modulo 2^64). */
final class I64BinaryNode extends ExpressionNode {
    /** Final, so partial evaluation folds the switch below to the one operation. */
    private final Opcode opcode;
    @Child private ExpressionNode left;
    @Child private ExpressionNode right;

    I64BinaryNode(Opcode opcode, ExpressionNode left, ExpressionNode right) {
        this.opcode = opcode;
        this.left = left;
        this.right = right;
    }

    @Override
    public long executeI64(VirtualFrame frame) {
        long a = left.executeI64(frame);
        long b = right.executeI64(frame);
        // Wasm takes shift and rotate counts modulo 64; Java does too, the masks only say so. The int cast for the
        // rotations keeps the low six bits.
        return switch (opcode) {
            case I64_ADD -> a + b;
            case I64_SUB -> a - b;
            case I64_MUL -> a * b;
            case I64_AND -> a & b;
            case I64_OR -> a | b;
            case I64_XOR -> a ^ b;
            case I64_SHL -> a << (b & 63);
            case I64_SHR_S -> a >> (b & 63);
            case I64_SHR_U -> a >>> (b & 63);
            case I64_ROTL -> Long.rotateLeft(a, (int) b);
            case I64_ROTR -> Long.rotateRight(a, (int) b);
            default -> throw CompilerDirectives.shouldNotReachHere(opcode.text);
        };
    }
}
