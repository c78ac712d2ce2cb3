package dev.enoki.wasm.nodes.builder;

import com.oracle.truffle.api.frame.FrameDescriptor;
import com.oracle.truffle.api.frame.FrameSlotKind;
import dev.enoki.wasm.module.ValueType;
import dev.enoki.wasm.nodes.ExpressionNode;
import dev.enoki.wasm.nodes.StatementNode;
import dev.enoki.wasm.nodes.variable.SlotWriteNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The AST builder's simulated operand stack: pending expressions instead of values, and the rules that keep Wasm's
 * order of evaluation when statements are emitted while values are still pending (DESIGN.md). A value is spilled by
 * writing it to the temporary slot of its stack position and type, and reading it back from there; block results and
 * branch values meet in the same slots, so they need no extra copies.
 */
final class OperandStack {
    private final FrameDescriptor.Builder frame;
    private final Consumer<StatementNode> emit;
    private final Map<Long, Integer> temporarySlots = new HashMap<>();
    private final List<StackEntry> stack = new ArrayList<>();
    /** Whether reading a temporary frees its slot: not where outlined code shares the frame, which it then pays for. */
    private final boolean freesTemporaries;

    /** @param emit where spills go: the statements of the block being built */
    OperandStack(FrameDescriptor.Builder frame, Consumer<StatementNode> emit, boolean freesTemporaries) {
        this.frame = frame;
        this.emit = emit;
        this.freesTemporaries = freesTemporaries;
    }

    /** The entry for a value in the temporary slot of {@code position}. */
    StackEntry temporaryAt(int position, ValueType type) {
        return StackEntry.temporary(type, temporarySlot(position, type), position, freesTemporaries);
    }

    int size() {
        return stack.size();
    }

    StackEntry get(int position) {
        return stack.get(position);
    }

    void set(int position, StackEntry entry) {
        stack.set(position, entry);
    }

    /** Drops everything above {@code height}. */
    void truncate(int height) {
        while (stack.size() > height) {
            stack.remove(stack.size() - 1);
        }
    }

    /** The entries from {@code from} to the top, for an if's else-arm to start with again. */
    List<StackEntry> top(int from) {
        return new ArrayList<>(stack.subList(from, stack.size()));
    }

    private void emit(StatementNode statement) {
        emit.accept(statement);
    }

    /**
     * The temporary slots allocated so far for stack positions from {@code position} up. Inside a loop whose
     * parameters end there, none holds a value across the back edge: a branch to a loop carries only its parameters.
     */
    Map<Integer, ValueType> temporarySlotsFrom(int position) {
        Map<Integer, ValueType> slots = new HashMap<>();
        temporarySlots.forEach((key, slot) -> {
            if ((key >> 8) >= position) {
                slots.put(slot, ValueType.values()[(int) (key & 0xff)]);
            }
        });
        return slots;
    }

    int temporaryCount() {
        return temporarySlots.size();
    }

    int temporarySlot(int position, ValueType valueType) {
        return temporarySlots.computeIfAbsent(((long) position << 8) | valueType.ordinal(), k -> frame.addSlot(FrameSlotKind.Static, null, null));
    }

    void push(StackEntry entry) {
        stack.add(entry);
    }

    StackEntry pop() {
        return stack.remove(stack.size() - 1);
    }

    StackEntry[] popN(int n) {
        StackEntry[] entries = new StackEntry[n];
        for (int i = n - 1; i >= 0; i--) {
            entries[i] = pop();
        }
        return entries;
    }

    static ExpressionNode[] nodes(StackEntry... entries) {
        ExpressionNode[] result = new ExpressionNode[entries.length];
        for (int i = 0; i < entries.length; i++) {
            result[i] = entries[i].node;
        }
        return result;
    }

    void spill(int position) {
        if (!stack.get(position).pure) {
            // Wasm's order: a value below that may trap is evaluated first, so that the first trap is the one reported.
            for (int i = 0; i < position; i++) {
                if (!stack.get(i).pure) {
                    spill(i);
                }
            }
        }
        spillReadersOfTemporary(position);
        StackEntry e = stack.get(position);
        emit(SlotWriteNode.create(e.type, temporarySlot(position, e.type), e.node));
        stack.set(position, temporaryAt(position, e.type));
    }

    /**
     * Before a value is written to the temporary slot of {@code position}: a pending value elsewhere on the stack that
     * reads the value there now must be evaluated first. Such a value was computed from the one at that position,
     * which it consumed; in {@code call a; call b; i32.add; call c; i32.add}, the pending sum of a and b reads b's
     * result from position 1's slot, and c's result goes to that slot.
     */
    private void spillReadersOfTemporary(int position) {
        for (int i = 0; i < stack.size(); i++) {
            if (i != position && stack.get(i).readsTemporaryOf(position)) {
                spill(i);
            }
        }
    }

    /** Before a statement with effects: evaluate now every pending value that could trap or read mutable state. */
    void spillImpure() {
        for (int i = 0; i < stack.size(); i++) {
            if (!stack.get(i).pure) {
                spill(i);
            }
        }
    }

    /** Before a block: its body may write any local, so only constants and temporaries may stay pending. */
    void spillAllButStable() {
        for (int i = 0; i < stack.size(); i++) {
            StackEntry.Kind k = stack.get(i).kind;
            if (k != StackEntry.Kind.CONSTANT && k != StackEntry.Kind.TEMPORARY) {
                spill(i);
            }
        }
    }

    /** Before local.set/tee: a pending read of that local must see the old value. */
    void spillReadersOf(int local) {
        for (int i = 0; i < stack.size(); i++) {
            if (stack.get(i).readsLocal(local)) {
                spill(i);
            }
        }
    }

    /** Before consuming {@code operands} in a statement: pending values below them must be evaluated first. */
    void orderBefore(StackEntry... operands) {
        for (StackEntry operand : operands) {
            if (!operand.pure) {
                spillImpure();
                return;
            }
        }
    }

    StackEntry pushComputed(ExpressionNode node, ValueType valueType, boolean pure, StackEntry... operands) {
        long locals = 0;
        long temporaries = 0;
        boolean allPure = pure;
        for (StackEntry operand : operands) {
            locals |= operand.localMask;
            temporaries |= operand.temporaryMask;
            allPure &= operand.pure;
        }
        StackEntry entry = StackEntry.computed(node, valueType, allPure, locals, temporaries);
        push(entry);
        return entry;
    }

    /** Pushes the results of a statement that writes them to their positions' temporary slots, emitted next. */
    int[] pushResults(ValueType[] types) {
        int base = stack.size();
        int[] slots = new int[types.length];
        for (int i = 0; i < types.length; i++) {
            spillReadersOfTemporary(base + i);
            slots[i] = temporarySlot(base + i, types[i]);
            push(temporaryAt(base + i, types[i]));
        }
        return slots;
    }

    /** Writes the top {@code types.length} values into the slots at {@code height}, skipping values already there. */
    List<StatementNode> moveTopTo(int height, ValueType[] types, boolean keepOnStack) {
        List<StatementNode> moves = new ArrayList<>();
        int first = stack.size() - types.length;
        for (int i = 0; i < types.length; i++) {
            StackEntry e = stack.get(first + i);
            int slot = temporarySlot(height + i, types[i]);
            if (e.kind == StackEntry.Kind.TEMPORARY && e.slot == slot) {
                continue;
            }
            if (keepOnStack && !e.isCopyable()) {
                spill(first + i);
                e = stack.get(first + i);
                if (e.slot == slot) {
                    continue;
                }
            }
            moves.add(SlotWriteNode.create(types[i], slot, keepOnStack ? e.copyNode() : e.node));
        }
        return moves;
    }
}
