package dev.enoki.wasm.nodes.memory;

import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.frame.VirtualFrame;
import dev.enoki.wasm.memory.BoundsCheckedAccess;
import dev.enoki.wasm.memory.LinearMemory;
import dev.enoki.wasm.module.Opcode;
import dev.enoki.wasm.nodes.ExpressionNode;
import dev.enoki.wasm.nodes.FunctionFrame;

/**
 * Loads from memory 0, whose address and size the frame holds ({@link FunctionFrame#cacheMemory}); the opcode is a
 * compilation constant, so each switch folds to one access plus its extension.
 */
public final class LoadNode extends ExpressionNode implements BoundsCheckedAccess {
    private final long offset;
    private final Opcode opcode;
    @CompilationFinal private boolean insideLoop;
    @Child private ExpressionNode address;
    @CompilationFinal private boolean wentPastTheLimit;

    public LoadNode(Opcode opcode, long offset, boolean insideLoop, ExpressionNode address) {
        this.offset = offset;
        this.insideLoop = insideLoop;
        this.opcode = opcode;
        this.address = address;
    }

    @Override
    public int executeI32(VirtualFrame frame) {
        int a = address.executeI32(frame);
        long base = FunctionFrame.memoryBase(frame);
        long size = FunctionFrame.memorySize(frame);
        return switch (opcode) {
            case I32_LOAD -> LinearMemory.loadI32(base, size, a, offset, this);
            case I32_LOAD8_S -> LinearMemory.loadI8(base, size, a, offset, this);
            case I32_LOAD8_U -> LinearMemory.loadI8(base, size, a, offset, this) & 0xFF;
            case I32_LOAD16_S -> LinearMemory.loadI16(base, size, a, offset, this);
            case I32_LOAD16_U -> LinearMemory.loadI16(base, size, a, offset, this) & 0xFFFF;
            default -> throw shouldNotReachHere();
        };
    }

    @Override
    public long executeI64(VirtualFrame frame) {
        int a = address.executeI32(frame);
        long base = FunctionFrame.memoryBase(frame);
        long size = FunctionFrame.memorySize(frame);
        return switch (opcode) {
            case I64_LOAD -> LinearMemory.loadI64(base, size, a, offset, this);
            case I64_LOAD8_S -> LinearMemory.loadI8(base, size, a, offset, this);
            case I64_LOAD8_U -> LinearMemory.loadI8(base, size, a, offset, this) & 0xFFL;
            case I64_LOAD16_S -> LinearMemory.loadI16(base, size, a, offset, this);
            case I64_LOAD16_U -> LinearMemory.loadI16(base, size, a, offset, this) & 0xFFFFL;
            case I64_LOAD32_S -> LinearMemory.loadI32(base, size, a, offset, this);
            case I64_LOAD32_U -> LinearMemory.loadI32(base, size, a, offset, this) & 0xFFFF_FFFFL;
            default -> throw shouldNotReachHere();
        };
    }

    @Override
    public float executeF32(VirtualFrame frame) {
        int a = address.executeI32(frame);
        return Float.intBitsToFloat(LinearMemory.loadI32(FunctionFrame.memoryBase(frame), FunctionFrame.memorySize(frame), a, offset, this));
    }

    @Override
    public double executeF64(VirtualFrame frame) {
        int a = address.executeI32(frame);
        return Double.longBitsToDouble(LinearMemory.loadI64(FunctionFrame.memoryBase(frame), FunctionFrame.memorySize(frame), a, offset, this));
    }

    private RuntimeException shouldNotReachHere() {
        return com.oracle.truffle.api.CompilerDirectives.shouldNotReachHere(opcode.text);
    }

    @Override
    public boolean insideLoop() {
        return insideLoop;
    }

    @Override
    public void notInsideLoop() {
        insideLoop = false;
    }

    @Override
    public boolean wentPastTheLimit() {
        return wentPastTheLimit;
    }

    @Override
    public void wentPastTheLimitNow() {
        wentPastTheLimit = true;
    }
}
