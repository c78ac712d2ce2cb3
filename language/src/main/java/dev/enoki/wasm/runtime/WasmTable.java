package dev.enoki.wasm.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.nodes.Node;
import dev.enoki.wasm.errors.Trap;
import dev.enoki.wasm.module.ValueType;

import java.util.Arrays;

/** A table of references: functions ({@link WasmFunction}), host objects (externref) or {@link WasmNull}. */
public final class WasmTable implements com.oracle.truffle.api.interop.TruffleObject {
    /** Tables are Java arrays; this bounds growth well below the array limit. */
    public static final long MAX_SIZE = 10_000_000;

    private final ValueType elementType;
    private final long max;
    private Object[] elements;

    /** @param max the declared maximum, or -1 for none */
    public WasmTable(ValueType elementType, int initialSize, long max, Object init) {
        this.elementType = elementType;
        this.max = max;
        this.elements = new Object[initialSize];
        Arrays.fill(elements, init);
    }

    public ValueType elementType() {
        return elementType;
    }

    public int size() {
        return elements.length;
    }

    /** The declared maximum, or -1. */
    public long max() {
        return max;
    }

    public Object get(int index, Node location) {
        Object[] e = elements;
        if (Integer.compareUnsigned(index, e.length) >= 0) {
            throw Trap.create(Trap.OUT_OF_BOUNDS_TABLE, location);
        }
        return e[index];
    }

    public void set(int index, Object value, Node location) {
        Object[] e = elements;
        if (Integer.compareUnsigned(index, e.length) >= 0) {
            throw Trap.create(Trap.OUT_OF_BOUNDS_TABLE, location);
        }
        e[index] = value;
    }

    /** Direct element access for call_indirect, which reports its own trap messages. */
    public Object[] elements() {
        return elements;
    }

    /** Returns the old size, or -1 when growing by {@code delta} would pass the maximum. */
    @TruffleBoundary
    public int grow(int delta, Object init) {
        int old = elements.length;
        long target = (long) old + Integer.toUnsignedLong(delta);
        long limit = max >= 0 ? Math.min(max, MAX_SIZE) : MAX_SIZE;
        if (target > limit) {
            return -1;
        }
        Object[] grown = Arrays.copyOf(elements, (int) target);
        Arrays.fill(grown, old, (int) target, init);
        elements = grown;
        return old;
    }

    @TruffleBoundary
    public void fill(int start, Object value, int length, Node location) {
        long s = Integer.toUnsignedLong(start);
        long n = Integer.toUnsignedLong(length);
        if (s + n > elements.length) {
            throw Trap.create(Trap.OUT_OF_BOUNDS_TABLE, location);
        }
        Arrays.fill(elements, (int) s, (int) (s + n), value);
    }

    /** table.copy and table.init: copies {@code length} references from {@code source} into this table. */
    @TruffleBoundary
    public void copyFrom(Object[] source, int sourceStart, int destination, int length, Node location) {
        long s = Integer.toUnsignedLong(sourceStart);
        long d = Integer.toUnsignedLong(destination);
        long n = Integer.toUnsignedLong(length);
        if (s + n > source.length || d + n > elements.length) {
            throw Trap.create(Trap.OUT_OF_BOUNDS_TABLE, location);
        }
        System.arraycopy(source, (int) s, elements, (int) d, (int) n);
    }

    @Override
    public String toString() {
        return "wasm-table[" + elementType + ", size=" + elements.length + "]";
    }
}
