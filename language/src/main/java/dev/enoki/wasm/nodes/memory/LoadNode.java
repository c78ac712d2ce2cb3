package dev.enoki.wasm.nodes.memory;

import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.frame.VirtualFrame;
import dev.enoki.wasm.memory.BoundsCheckedAccess;
import dev.enoki.wasm.memory.LinearMemory;
import dev.enoki.wasm.module.Opcode;
import dev.enoki.wasm.nodes.ExpressionNode;
import dev.enoki.wasm.nodes.FunctionFrame;

/** Loads; the opcode is a compilation constant, so each switch folds to one access plus its extension. */
public final class LoadNode extends ExpressionNode implements BoundsCheckedAccess {
    private final int memoryIndex;
    private final long offset;
    private final Opcode opcode;
    @Child private ExpressionNode address;
    @CompilationFinal private boolean wentPastTheLimit;

    public LoadNode(int memoryIndex, Opcode opcode, long offset, ExpressionNode address) {
        this.memoryIndex = memoryIndex;
        this.offset = offset;
        this.opcode = opcode;
        this.address = address;
    }

    private LinearMemory memory(VirtualFrame frame) {
        return FunctionFrame.instance(frame).memory(memoryIndex);
    }

    @Override
    public int executeI32(VirtualFrame frame) {
        int a = address.executeI32(frame);
        LinearMemory memory = memory(frame);
        return switch (opcode) {
            case I32_LOAD -> memory.loadI32(a, offset, this);
            case I32_LOAD8_S -> memory.loadI8(a, offset, this);
            case I32_LOAD8_U -> memory.loadI8(a, offset, this) & 0xFF;
            case I32_LOAD16_S -> memory.loadI16(a, offset, this);
            case I32_LOAD16_U -> memory.loadI16(a, offset, this) & 0xFFFF;
            default -> throw shouldNotReachHere();
        };
    }

    @Override
    public long executeI64(VirtualFrame frame) {
        int a = address.executeI32(frame);
        LinearMemory memory = memory(frame);
        return switch (opcode) {
            case I64_LOAD -> memory.loadI64(a, offset, this);
            case I64_LOAD8_S -> memory.loadI8(a, offset, this);
            case I64_LOAD8_U -> memory.loadI8(a, offset, this) & 0xFFL;
            case I64_LOAD16_S -> memory.loadI16(a, offset, this);
            case I64_LOAD16_U -> memory.loadI16(a, offset, this) & 0xFFFFL;
            case I64_LOAD32_S -> memory.loadI32(a, offset, this);
            case I64_LOAD32_U -> memory.loadI32(a, offset, this) & 0xFFFF_FFFFL;
            default -> throw shouldNotReachHere();
        };
    }

    @Override
    public float executeF32(VirtualFrame frame) {
        int a = address.executeI32(frame);
        return Float.intBitsToFloat(memory(frame).loadI32(a, offset, this));
    }

    @Override
    public double executeF64(VirtualFrame frame) {
        int a = address.executeI32(frame);
        return Double.longBitsToDouble(memory(frame).loadI64(a, offset, this));
    }

    private RuntimeException shouldNotReachHere() {
        return com.oracle.truffle.api.CompilerDirectives.shouldNotReachHere(opcode.text);
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
