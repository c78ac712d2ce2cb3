package dev.enoki.wasm.nodes.builder;

import dev.enoki.wasm.module.ValueType;
import dev.enoki.wasm.nodes.ConstantNode;
import dev.enoki.wasm.nodes.ExpressionNode;
import dev.enoki.wasm.nodes.FunctionFrame;
import dev.enoki.wasm.nodes.variable.SlotReadNode;

/**
 * One value on the builder's simulated operand stack: the expression that will compute it, plus what the builder
 * must know to keep Wasm's order of evaluation when it emits statements while the value is still pending.
 */
final class StackEntry {
    enum Kind {
        /** A constant; never affected by anything. */
        CONSTANT,
        /** A read of a temporary slot written earlier; stable until a value is written there again for its position. */
        TEMPORARY,
        /** local.get; changes only when that local is written. */
        LOCAL,
        /** Any other expression. */
        COMPUTED
    }

    final ExpressionNode node;
    final ValueType type;
    final Kind kind;
    /** Slot read by a TEMPORARY or LOCAL entry, else -1. */
    final int slot;
    /** No trap and no read of memory, globals or tables: may be evaluated later without changing behaviour. */
    final boolean pure;
    /** Locals the expression reads, one bit per local index modulo 64 (a conservative set). */
    final long localMask;
    /** The stack positions whose temporary slots the expression reads, one bit per position modulo 64 (conservative). */
    final long temporaryMask;
    private final long constantBits;
    private final Object constantReference;

    private StackEntry(ExpressionNode node, ValueType type, Kind kind, int slot, boolean pure, long localMask, long temporaryMask, long bits, Object reference) {
        this.node = node;
        this.type = type;
        this.kind = kind;
        this.slot = slot;
        this.pure = pure;
        this.localMask = localMask;
        this.temporaryMask = temporaryMask;
        this.constantBits = bits;
        this.constantReference = reference;
    }

    static StackEntry constantBits(ValueType type, long bits) {
        return new StackEntry(ConstantNode.ofBits(bits), type, Kind.CONSTANT, -1, true, 0, 0, bits, null);
    }

    static StackEntry constantReference(ValueType type, Object reference) {
        return new StackEntry(ConstantNode.ofReference(reference), type, Kind.CONSTANT, -1, true, 0, 0, 0, reference);
    }

    /**
     * @param position the stack position whose temporary slot {@code slot} is
     * @param freesSlot whether reading the value frees its slot ({@link SlotReadNode#freeing})
     */
    static StackEntry temporary(ValueType type, int slot, int position, boolean freesSlot) {
        return new StackEntry(freesSlot ? SlotReadNode.freeing(slot) : SlotReadNode.keeping(slot), type, Kind.TEMPORARY, slot, true, 0, positionBit(position), 0, null);
    }

    static StackEntry local(ValueType type, int local) {
        int slot = FunctionFrame.localSlot(local);
        return new StackEntry(SlotReadNode.keeping(slot), type, Kind.LOCAL, slot, true, localBit(local), 0, 0, null);
    }

    static StackEntry computed(ExpressionNode node, ValueType type, boolean pure, long localMask, long temporaryMask) {
        return new StackEntry(node, type, Kind.COMPUTED, -1, pure, localMask, temporaryMask, 0, null);
    }

    static long localBit(int local) {
        return 1L << (local & 63);
    }

    private static long positionBit(int position) {
        return 1L << (position & 63);
    }

    boolean readsLocal(int local) {
        return (localMask & localBit(local)) != 0;
    }

    /** Whether the expression may read the temporary slot of stack position {@code position}. */
    boolean readsTemporaryOf(int position) {
        return (temporaryMask & positionBit(position)) != 0;
    }

    /** True if a second node computing the same value can be made without evaluating anything ({@link #copyNode}). */
    boolean isCopyable() {
        return kind != Kind.COMPUTED;
    }

    /** A fresh node for the same value; a node can have only one parent, so a value used twice needs a copy. */
    ExpressionNode copyNode() {
        return switch (kind) {
            case CONSTANT -> constantReference != null ? ConstantNode.ofReference(constantReference) : ConstantNode.ofBits(constantBits);
            case TEMPORARY, LOCAL -> ((SlotReadNode) node).copy();
            case COMPUTED -> throw new IllegalStateException("computed values must be spilled before they are copied");
        };
    }

    /** A second entry for the same stable value (the parameters an if's else-arm starts with again). */
    StackEntry copy() {
        return new StackEntry(copyNode(), type, kind, slot, pure, localMask, temporaryMask, constantBits, constantReference);
    }
}
