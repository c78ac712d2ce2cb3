package dev.enoki.wasm.nodes.variable;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.VirtualFrame;
import dev.enoki.wasm.nodes.ExpressionNode;

/**
 * Reads a frame slot: a local or a temporary of the operand stack. Slots have one static kind each (the validator
 * fixes every value's type), so the typed read matching the slot's kind is the only one ever called.
 *
 * <p>A temporary's value is read once on each path after it is written (its stack entry is popped), so the read can
 * also free the slot: compiled code then clears it, and the frame states after the read no longer hold the dead value,
 * which otherwise stays live, in a register or a stack slot, until the next value at that stack position overwrites
 * it. The interpreter leaves the slot as it is; only compiled code has frame states to keep small.
 */
public final class SlotReadNode extends ExpressionNode {
    private final int slot;
    private final boolean freesSlot;

    private SlotReadNode(int slot, boolean freesSlot) {
        this.slot = slot;
        this.freesSlot = freesSlot;
    }

    /** A read of a local, or of a temporary that must keep its value (the frame is shared with outlined code). */
    public static SlotReadNode keeping(int slot) {
        return new SlotReadNode(slot, false);
    }

    /** The read of a temporary's value, after which the slot is dead until written again. */
    public static SlotReadNode freeing(int slot) {
        return new SlotReadNode(slot, true);
    }

    /** A second read of the same kind, for a value read on two paths (an if's parameters, a br_if's values). */
    public SlotReadNode copy() {
        return new SlotReadNode(slot, freesSlot);
    }

    @Override
    public int executeI32(VirtualFrame frame) {
        int value = frame.getIntStatic(slot);
        freePrimitive(frame);
        return value;
    }

    @Override
    public long executeI64(VirtualFrame frame) {
        long value = frame.getLongStatic(slot);
        freePrimitive(frame);
        return value;
    }

    @Override
    public float executeF32(VirtualFrame frame) {
        float value = frame.getFloatStatic(slot);
        freePrimitive(frame);
        return value;
    }

    @Override
    public double executeF64(VirtualFrame frame) {
        double value = frame.getDoubleStatic(slot);
        freePrimitive(frame);
        return value;
    }

    @Override
    public Object executeReference(VirtualFrame frame) {
        Object value = frame.getObjectStatic(slot);
        if (freesSlot && CompilerDirectives.inCompiledCode()) {
            frame.clearObjectStatic(slot);
        }
        return value;
    }

    private void freePrimitive(VirtualFrame frame) {
        if (freesSlot && CompilerDirectives.inCompiledCode()) {
            frame.clearPrimitiveStatic(slot);
        }
    }
}
