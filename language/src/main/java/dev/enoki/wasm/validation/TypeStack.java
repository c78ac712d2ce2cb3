package dev.enoki.wasm.validation;

import static dev.enoki.wasm.validation.TypeCodes.UNKNOWN;

import java.util.Arrays;

/**
 * The state of the spec appendix's validation algorithm: the operand stack of value types (as {@link TypeCodes}) and
 * the control stack of frames, each with its block's start and end types, the operand height at entry and whether
 * the rest of the block is unreachable (making the stack below polymorphic). Kept in primitive arrays and reused
 * across functions.
 */
final class TypeStack {
    static final int BLOCK = 0;
    static final int LOOP = 1;
    static final int IF = 2;
    static final int ELSE = 3;
    static final int FUNCTION = 4;

    private int[] values = new int[64];
    private int size;

    private int[] kinds = new int[16];
    private int[][] startTypes = new int[16][];
    private int[][] endTypes = new int[16][];
    private int[] heights = new int[16];
    private boolean[] unreachable = new boolean[16];
    private int depth;

    /** Starts a function body: one frame producing {@code results}, with an empty operand stack. */
    void reset(int[] results) {
        size = 0;
        depth = 0;
        pushFrame(FUNCTION, TypeCodes.NONE, results);
    }

    // ---- operands

    void push(int type) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = type;
    }

    void pushAll(int[] types) {
        int n = types.length;
        if (size + n > values.length) {
            values = Arrays.copyOf(values, Math.max(values.length * 2, size + n));
        }
        System.arraycopy(types, 0, values, size, n);
        size += n;
    }

    /** Pops one operand of any type; Unknown when the stack is polymorphic at the frame's base. */
    int popAny(int offset) {
        int f = depth - 1;
        if (size == heights[f]) {
            if (unreachable[f]) {
                return UNKNOWN;
            }
            throw new InvalidModuleException("type mismatch: instruction requires [_] but stack has []", offset);
        }
        return values[--size];
    }

    /** Pops one operand that must have type {@code expected} (or be Unknown). */
    void pop(int expected, int offset) {
        int f = depth - 1;
        if (size == heights[f]) {
            if (!unreachable[f]) {
                throw requires(TypeCodes.single(expected), offset);
            }
            return;
        }
        int actual = values[size - 1];
        if (actual != expected && actual != UNKNOWN) {
            throw requires(TypeCodes.single(expected), offset);
        }
        size--;
    }

    /** Pops operands of types {@code types} (the last one from the top). */
    void popAll(int[] types, int offset) {
        checkTop(types, offset);
        size = Math.max(heights[depth - 1], size - types.length);
    }

    /** Checks that the top operands have types {@code types} without popping them (br_table's targets). */
    void checkTop(int[] types, int offset) {
        int n = types.length;
        int height = heights[depth - 1];
        int base = size - n;
        if (base < height && !unreachable[depth - 1]) {
            throw requires(types, offset);
        }
        for (int i = Math.max(0, height - base); i < n; i++) {
            int actual = values[base + i];
            if (actual != types[i] && actual != UNKNOWN) {
                throw requires(types, offset);
            }
        }
    }

    private InvalidModuleException requires(int[] types, int offset) {
        int height = heights[depth - 1];
        int shown = Math.min(types.length, size - height);
        String has = TypeCodes.format(values, size - shown, size);
        if (unreachable[depth - 1]) {
            // Polymorphic base: the missing operands count as Unknown, as in the reference interpreter.
            has = "[" + "_ ".repeat(types.length - shown) + has.substring(1);
            has = has.replace(" ]", "]");
        }
        return new InvalidModuleException("type mismatch: instruction requires " + TypeCodes.format(types) + " but stack has " + has, offset);
    }

    // ---- control frames

    int depth() {
        return depth;
    }

    int topKind() {
        return kinds[depth - 1];
    }

    int[] topStartTypes() {
        return startTypes[depth - 1];
    }

    int[] topEndTypes() {
        return endTypes[depth - 1];
    }

    /** The label types of the frame {@code relative} levels out: a loop's start types, else its end types. */
    int[] labelTypes(int relative) {
        int f = depth - 1 - relative;
        return kinds[f] == LOOP ? startTypes[f] : endTypes[f];
    }

    /** Enters a block whose start types have already been popped: records the height and pushes them back. */
    void pushFrame(int kind, int[] start, int[] end) {
        if (depth == kinds.length) {
            int n = depth * 2;
            kinds = Arrays.copyOf(kinds, n);
            startTypes = Arrays.copyOf(startTypes, n);
            endTypes = Arrays.copyOf(endTypes, n);
            heights = Arrays.copyOf(heights, n);
            unreachable = Arrays.copyOf(unreachable, n);
        }
        kinds[depth] = kind;
        startTypes[depth] = start;
        endTypes[depth] = end;
        heights[depth] = size;
        unreachable[depth] = false;
        depth++;
        pushAll(start);
    }

    /** Checks that the operands of the top frame are exactly its end types (at an {@code end} or {@code else}). */
    void checkFrameEnd(int offset) {
        int f = depth - 1;
        int[] end = endTypes[f];
        int n = size - heights[f];
        boolean ok = n <= end.length && (n == end.length || unreachable[f]);
        for (int i = 0; ok && i < n; i++) {
            int actual = values[heights[f] + i];
            ok = actual == end[end.length - n + i] || actual == UNKNOWN;
        }
        if (!ok) {
            throw new InvalidModuleException("type mismatch: block requires " + TypeCodes.format(end) + " but stack has "
                            + TypeCodes.format(values, heights[f], size), offset);
        }
    }

    /** Leaves the top frame (after {@link #checkFrameEnd}) and returns its end types, not yet pushed. */
    int[] popFrame() {
        depth--;
        size = heights[depth];
        return endTypes[depth];
    }

    /** Turns the top {@code if} frame into its {@code else} branch (after {@link #checkFrameEnd}). */
    void enterElse() {
        int f = depth - 1;
        kinds[f] = ELSE;
        size = heights[f];
        unreachable[f] = false;
        pushAll(startTypes[f]);
    }

    /** The rest of the current block is unreachable: drops its operands and makes the stack polymorphic. */
    void markUnreachable() {
        int f = depth - 1;
        size = heights[f];
        unreachable[f] = true;
    }
}
