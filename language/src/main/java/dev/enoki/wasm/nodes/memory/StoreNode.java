package dev.enoki.wasm.nodes.memory;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.frame.VirtualFrame;
import dev.enoki.wasm.memory.BoundsCheckedAccess;
import dev.enoki.wasm.memory.LinearMemory;
import dev.enoki.wasm.module.Opcode;
import dev.enoki.wasm.nodes.ExpressionNode;
import dev.enoki.wasm.nodes.FunctionFrame;
import dev.enoki.wasm.nodes.StatementNode;

/**
 * Stores to memory 0, whose address and size the frame holds ({@link FunctionFrame#cacheMemory}); address first, then
 * value, as the operand stack orders them.
 */
public final class StoreNode extends StatementNode implements BoundsCheckedAccess {
    private final long offset;
    private final Opcode opcode;
    @CompilationFinal private boolean insideLoop;
    @Child private ExpressionNode address;
    @CompilationFinal private boolean wentPastTheLimit;
    @Child private ExpressionNode value;

    public StoreNode(Opcode opcode, long offset, boolean insideLoop, ExpressionNode address, ExpressionNode value) {
        this.offset = offset;
        this.insideLoop = insideLoop;
        this.opcode = opcode;
        this.address = address;
        this.value = value;
    }

    @Override
    public int execute(VirtualFrame frame) {
        int a = address.executeI32(frame);
        long base = FunctionFrame.memoryBase(frame);
        long size = FunctionFrame.memorySize(frame);
        switch (opcode) {
            case I32_STORE -> LinearMemory.storeI32(base, size, a, offset, value.executeI32(frame), this);
            case I32_STORE8 -> LinearMemory.storeI8(base, size, a, offset, (byte) value.executeI32(frame), this);
            case I32_STORE16 -> LinearMemory.storeI16(base, size, a, offset, (short) value.executeI32(frame), this);
            case I64_STORE -> LinearMemory.storeI64(base, size, a, offset, value.executeI64(frame), this);
            case I64_STORE8 -> LinearMemory.storeI8(base, size, a, offset, (byte) value.executeI64(frame), this);
            case I64_STORE16 -> LinearMemory.storeI16(base, size, a, offset, (short) value.executeI64(frame), this);
            case I64_STORE32 -> LinearMemory.storeI32(base, size, a, offset, (int) value.executeI64(frame), this);
            case F32_STORE -> LinearMemory.storeI32(base, size, a, offset, Float.floatToRawIntBits(value.executeF32(frame)), this);
            case F64_STORE -> LinearMemory.storeI64(base, size, a, offset, Double.doubleToRawLongBits(value.executeF64(frame)), this);
            default -> throw CompilerDirectives.shouldNotReachHere(opcode.text);
        }
        return FALL_THROUGH;
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
