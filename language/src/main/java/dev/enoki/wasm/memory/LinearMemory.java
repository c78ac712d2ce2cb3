package dev.enoki.wasm.memory;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.nodes.Node;
import dev.enoki.wasm.errors.Trap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A Wasm linear memory: little-endian bytes addressed by unsigned 32-bit addresses plus a static offset. Every access
 * goes through one bounds check, {@code address + offset + width <= byteSize}, done on longs so it cannot overflow.
 *
 * <p>The bytes live in a Java array accessed through little-endian {@link VarHandle}s, which measured fastest in
 * compiled code (see DESIGN.md). Arrays cap a memory at 32767 pages; growing past that fails like any other grow.
 */
public final class LinearMemory implements TruffleObject {
    public static final int PAGE_SIZE = 65536;
    /** Largest page count a Java array can hold. */
    private static final long ARRAY_PAGE_LIMIT = Integer.MAX_VALUE / PAGE_SIZE;

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] bytes;
    private final long maxPages;

    /** @param maxPages the declared maximum, or -1 for none */
    public LinearMemory(long initialPages, long maxPages) {
        this.bytes = new byte[(int) (initialPages * PAGE_SIZE)];
        this.maxPages = maxPages;
    }

    public static boolean canAllocate(long pages) {
        return pages <= ARRAY_PAGE_LIMIT;
    }

    public long byteSize() {
        return bytes.length;
    }

    public long pages() {
        return bytes.length / PAGE_SIZE;
    }

    /** The declared maximum in pages, or -1. */
    public long maxPages() {
        return maxPages;
    }

    /** Grows by {@code delta} pages; returns the old size in pages, or -1 when the grow is not possible. */
    @TruffleBoundary
    public long grow(long delta) {
        long old = pages();
        long target = old + delta;
        long limit = maxPages >= 0 ? Math.min(maxPages, 65536) : 65536;
        if (delta < 0 || target > limit || target > ARRAY_PAGE_LIMIT) {
            return -1;
        }
        if (delta > 0) {
            try {
                bytes = Arrays.copyOf(bytes, (int) (target * PAGE_SIZE));
            } catch (OutOfMemoryError e) {
                return -1;
            }
        }
        return old;
    }

    /** Address of an access of {@code width} bytes, after the bounds check. */
    private int checked(int address, long offset, int width, Node location) {
        long ea = Integer.toUnsignedLong(address) + offset;
        if (ea + width > bytes.length) {
            CompilerDirectives.transferToInterpreter();
            throw Trap.create(Trap.OUT_OF_BOUNDS_MEMORY, location);
        }
        return (int) ea;
    }

    public int loadI32(int address, long offset, Node location) {
        int ea = checked(address, offset, 4, location);
        return (int) INT.get(bytes, ea);
    }

    public long loadI64(int address, long offset, Node location) {
        int ea = checked(address, offset, 8, location);
        return (long) LONG.get(bytes, ea);
    }

    public byte loadI8(int address, long offset, Node location) {
        int ea = checked(address, offset, 1, location);
        return bytes[ea];
    }

    public short loadI16(int address, long offset, Node location) {
        int ea = checked(address, offset, 2, location);
        return (short) SHORT.get(bytes, ea);
    }

    public void storeI32(int address, long offset, int value, Node location) {
        int ea = checked(address, offset, 4, location);
        INT.set(bytes, ea, value);
    }

    public void storeI64(int address, long offset, long value, Node location) {
        int ea = checked(address, offset, 8, location);
        LONG.set(bytes, ea, value);
    }

    public void storeI8(int address, long offset, byte value, Node location) {
        int ea = checked(address, offset, 1, location);
        bytes[ea] = value;
    }

    public void storeI16(int address, long offset, short value, Node location) {
        int ea = checked(address, offset, 2, location);
        SHORT.set(bytes, ea, value);
    }

    private boolean inBounds(long start, long length) {
        return start + length <= bytes.length;
    }

    /** memory.fill: traps before writing anything when the range is out of bounds. */
    @TruffleBoundary
    public void fill(int destination, byte value, int length, Node location) {
        long d = Integer.toUnsignedLong(destination);
        long n = Integer.toUnsignedLong(length);
        if (!inBounds(d, n)) {
            throw Trap.create(Trap.OUT_OF_BOUNDS_MEMORY, location);
        }
        Arrays.fill(bytes, (int) d, (int) (d + n), value);
    }

    /** memory.copy within this memory or from {@code source}; overlapping ranges copy as if through a buffer. */
    @TruffleBoundary
    public void copyFrom(LinearMemory source, int destination, int sourceAddress, int length, Node location) {
        long d = Integer.toUnsignedLong(destination);
        long s = Integer.toUnsignedLong(sourceAddress);
        long n = Integer.toUnsignedLong(length);
        if (!inBounds(d, n) || !source.inBounds(s, n)) {
            throw Trap.create(Trap.OUT_OF_BOUNDS_MEMORY, location);
        }
        System.arraycopy(source.bytes, (int) s, bytes, (int) d, (int) n);
    }

    /** memory.init and active data segments: copies {@code length} bytes of {@code data} from {@code dataOffset}. */
    @TruffleBoundary
    public void initialize(byte[] data, int destination, int dataOffset, int length, Node location) {
        long d = Integer.toUnsignedLong(destination);
        long s = Integer.toUnsignedLong(dataOffset);
        long n = Integer.toUnsignedLong(length);
        if (!inBounds(d, n) || s + n > data.length) {
            throw Trap.create(Trap.OUT_OF_BOUNDS_MEMORY, location);
        }
        System.arraycopy(data, (int) s, bytes, (int) d, (int) n);
    }

    /** Host access to one byte; the caller checks bounds against {@link #byteSize()}. */
    public byte hostReadByte(long index) {
        return bytes[(int) index];
    }

    public void hostWriteByte(long index, byte value) {
        bytes[(int) index] = value;
    }

    @Override
    public String toString() {
        return "wasm-memory[pages=" + pages() + "]";
    }
}
