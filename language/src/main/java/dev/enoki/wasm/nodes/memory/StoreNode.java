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

/** Stores; address first, then value, as the operand stack orders them. */
public final class StoreNode extends StatementNode implements BoundsCheckedAccess {
    private final int memoryIndex;
    private final long offset;
    private final Opcode opcode;
    @Child private ExpressionNode address;
    @CompilationFinal private boolean wentPastTheLimit;
    @Child private ExpressionNode value;

    public StoreNode(int memoryIndex, Opcode opcode, long offset, ExpressionNode address, ExpressionNode value) {
        this.memoryIndex = memoryIndex;
        this.offset = offset;
        this.opcode = opcode;
        this.address = address;
        this.value = value;
    }

    @Override
    public int execute(VirtualFrame frame) {
        int a = address.executeI32(frame);
        LinearMemory memory = FunctionFrame.instance(frame).memory(memoryIndex);
        switch (opcode) {
            case I32_STORE -> memory.storeI32(a, offset, value.executeI32(frame), this);
            case I32_STORE8 -> memory.storeI8(a, offset, (byte) value.executeI32(frame), this);
            case I32_STORE16 -> memory.storeI16(a, offset, (short) value.executeI32(frame), this);
            case I64_STORE -> memory.storeI64(a, offset, value.executeI64(frame), this);
            case I64_STORE8 -> memory.storeI8(a, offset, (byte) value.executeI64(frame), this);
            case I64_STORE16 -> memory.storeI16(a, offset, (short) value.executeI64(frame), this);
            case I64_STORE32 -> memory.storeI32(a, offset, (int) value.executeI64(frame), this);
            case F32_STORE -> memory.storeI32(a, offset, Float.floatToRawIntBits(value.executeF32(frame)), this);
            case F64_STORE -> memory.storeI64(a, offset, Double.doubleToRawLongBits(value.executeF64(frame)), this);
            default -> throw CompilerDirectives.shouldNotReachHere(opcode.text);
        }
        return FALL_THROUGH;
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
