package dev.enoki.wasm.nodes.variable;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.enoki.wasm.nodes.ExpressionNode;

/**
 * Reads a frame slot: a local or a temporary of the operand stack. Slots have one static kind each (the validator
 * fixes every value's type), so the typed read matching the slot's kind is the only one ever called.
 */
public final class SlotReadNode extends ExpressionNode {
    private final int slot;

    public SlotReadNode(int slot) {
        this.slot = slot;
    }

    public int slot() {
        return slot;
    }

    @Override
    public int executeI32(VirtualFrame frame) {
        return frame.getIntStatic(slot);
    }

    @Override
    public long executeI64(VirtualFrame frame) {
        return frame.getLongStatic(slot);
    }

    @Override
    public float executeF32(VirtualFrame frame) {
        return frame.getFloatStatic(slot);
    }

    @Override
    public double executeF64(VirtualFrame frame) {
        return frame.getDoubleStatic(slot);
    }

    @Override
    public Object executeReference(VirtualFrame frame) {
        return frame.getObjectStatic(slot);
    }
}
