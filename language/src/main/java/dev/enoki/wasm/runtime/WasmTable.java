package dev.enoki.wasm.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.ArityException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.InvalidArrayIndexException;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.interop.UnsupportedTypeException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.nodes.Node;
import dev.enoki.wasm.interop.ValueArray;
import dev.enoki.wasm.interop.ValueConversion;
import dev.enoki.wasm.errors.Trap;
import dev.enoki.wasm.module.ValueType;

import java.util.Arrays;

/**
 * A table of references: functions ({@link WasmFunction}), host objects (externref) or {@link WasmNull}. The host
 * sees its elements as a polyglot array, and can {@code grow(delta[, init])} it.
 */
@ExportLibrary(InteropLibrary.class)
public final class WasmTable implements TruffleObject {
    private static final String GROW = "grow";

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

    @TruffleBoundary(transferToInterpreterOnException = false)
    public void fill(int start, Object value, int length, Node location) {
        long s = Integer.toUnsignedLong(start);
        long n = Integer.toUnsignedLong(length);
        if (s + n > elements.length) {
            throw Trap.create(Trap.OUT_OF_BOUNDS_TABLE, location);
        }
        Arrays.fill(elements, (int) s, (int) (s + n), value);
    }

    /** table.copy and table.init: copies {@code length} references from {@code source} into this table. */
    @TruffleBoundary(transferToInterpreterOnException = false)
    public void copyFrom(Object[] source, int sourceStart, int destination, int length, Node location) {
        long s = Integer.toUnsignedLong(sourceStart);
        long d = Integer.toUnsignedLong(destination);
        long n = Integer.toUnsignedLong(length);
        if (s + n > source.length || d + n > elements.length) {
            throw Trap.create(Trap.OUT_OF_BOUNDS_TABLE, location);
        }
        System.arraycopy(source, (int) s, elements, (int) d, (int) n);
    }

    // ---- host access ----

    @ExportMessage
    boolean hasArrayElements() {
        return true;
    }

    @ExportMessage
    long getArraySize() {
        return elements.length;
    }

    @ExportMessage(name = "isArrayElementReadable")
    @ExportMessage(name = "isArrayElementModifiable")
    boolean isArrayElementInBounds(long index) {
        return index >= 0 && index < elements.length;
    }

    @ExportMessage
    boolean isArrayElementInsertable(@SuppressWarnings("unused") long index) {
        return false;
    }

    @ExportMessage
    Object readArrayElement(long index) throws InvalidArrayIndexException {
        if (!isArrayElementInBounds(index)) {
            throw InvalidArrayIndexException.create(index);
        }
        return elements[(int) index];
    }

    @ExportMessage
    @TruffleBoundary
    void writeArrayElement(long index, Object value) throws InvalidArrayIndexException, UnsupportedTypeException {
        if (!isArrayElementInBounds(index)) {
            throw InvalidArrayIndexException.create(index);
        }
        elements[(int) index] = toElement(value);
    }

    private Object toElement(Object value) throws UnsupportedTypeException {
        try {
            return ValueConversion.fromHost(elementType, value);
        } catch (UnsupportedMessageException e) {
            throw UnsupportedTypeException.create(new Object[]{value}, "a " + elementType + " table holds " + (elementType == ValueType.FUNCREF ? "Wasm functions or null" : "references"));
        }
    }

    @ExportMessage
    boolean hasMembers() {
        return true;
    }

    @ExportMessage
    Object getMembers(@SuppressWarnings("unused") boolean includeInternal) {
        return new ValueArray(new Object[]{GROW});
    }

    @ExportMessage
    boolean isMemberInvocable(String member) {
        return GROW.equals(member);
    }

    @ExportMessage
    @TruffleBoundary
    Object invokeMember(String member, Object[] arguments) throws UnknownIdentifierException, ArityException, UnsupportedTypeException {
        if (!GROW.equals(member)) {
            throw UnknownIdentifierException.create(member);
        }
        if (arguments.length < 1 || arguments.length > 2) {
            throw ArityException.create(1, 2, arguments.length);
        }
        InteropLibrary interop = InteropLibrary.getUncached();
        if (!interop.fitsInInt(arguments[0])) {
            throw UnsupportedTypeException.create(arguments, "grow takes a number of elements");
        }
        Object init = arguments.length == 2 ? toElement(arguments[1]) : WasmNull.INSTANCE;
        try {
            return grow(interop.asInt(arguments[0]), init);
        } catch (UnsupportedMessageException e) {
            throw UnsupportedTypeException.create(arguments, "grow takes a number of elements");
        }
    }

    @ExportMessage
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return toString();
    }

    @Override
    public String toString() {
        return "wasm-table[" + elementType + ", size=" + elements.length + "]";
    }
}
