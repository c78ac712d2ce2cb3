package dev.enoki.wasm.memory;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.InvalidBufferOffsetException;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.interop.UnsupportedTypeException;
import com.oracle.truffle.api.interop.ArityException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import dev.enoki.wasm.interop.ValueArray;
import com.oracle.truffle.api.nodes.Node;
import dev.enoki.wasm.errors.Trap;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * A Wasm linear memory: little-endian bytes addressed by an unsigned 32-bit address plus a static offset, checked once
 * per access ({@code address + offset + width <= byteSize}; see {@link #checked}).
 *
 * <p>The bytes live off the Java heap, in address space reserved once for the memory's maximum size (at most 4 GiB):
 * growing only widens the view, and pages cost memory only once touched. The reservation is released when the
 * memory becomes unreachable (see {@link MappingLease}: the mapping may then serve a later memory), or at
 * once when its context closes ({@link ContextMemories}). The native bytes are booked in {@link NativeMemoryAccount},
 * which prompts a collection when unreachable memories may be holding much of them.
 *
 * <p>The host sees a memory as a writable buffer of its current byte size, with members {@code size} (pages) and
 * {@code grow(pages)}.
 */
@ExportLibrary(InteropLibrary.class)
public final class LinearMemory implements TruffleObject {
    private static final String SIZE = "size";
    private static final String GROW = "grow";

    public static final int PAGE_SIZE = 65536;
    /** Wasm32's limit: 65536 pages, 4 GiB. */
    public static final long MAX_PAGES = 65536;

    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final MemorySegment DETACHED = MemorySegment.NULL;
    private static final sun.misc.Unsafe UNSAFE = UnsafeAccess.UNSAFE;
    /** Start of the reserved address space: growing widens the view, it never moves the bytes. */
    private final long address;
    /** The current size in bytes; 0 once released. */
    private long byteSize;
    /**
     * {@link #byteSize} capped to 32 bits (one short for 4 GiB): what {@link #checked} derives its limits from. Wasm
     * code reads it at a function's entry and after each grow or call, never in between.
     */
    private long checkedSize;
    /** The same bytes for bulk and host-side access; swapped on grow, and for an empty one when released. */
    private MemorySegment segment;
    private final long maxPages;
    private final MappingLease lease;

    private LinearMemory(long maxPages, Mapping mapping, ContextMemories context) {
        this.maxPages = maxPages;
        this.address = mapping.address;
        this.segment = DETACHED;
        this.lease = new MappingLease(mapping, context, this);
    }

    /**
     * Allocates a memory of {@code initialPages}, growable to {@code maxPages} (-1: to 4 GiB). Returns null when the
     * address space cannot be reserved or the context's memory limit does not allow the initial size.
     */
    @TruffleBoundary
    public static LinearMemory allocate(long initialPages, long maxPages, ContextMemories context) {
        long reservePages = maxPages >= 0 ? Math.min(maxPages, MAX_PAGES) : MAX_PAGES;
        if (initialPages > reservePages) {
            return null;
        }
        long reservedBytes = Math.max(reservePages * PAGE_SIZE, PAGE_SIZE);
        Mapping mapping = MappingPool.take(reservedBytes);
        if (mapping == null) {
            makeRoomFor(initialPages);
            mapping = MappingPool.take(reservedBytes);
        }
        if (mapping == null) {
            mapping = Mapping.reserve(reservedBytes);
        }
        if (mapping == null) {
            return null;
        }
        LinearMemory memory = new LinearMemory(maxPages, mapping, context);
        if (memory.grow(initialPages) < 0) {
            memory.lease.release();
            return null;
        }
        return memory;
    }

    /**
     * When mapping {@code pages} more would pass the account's soft limit and no pooled mapping is ready, collects
     * first, so that a memory that became unreachable hands its mapping (pages already resident) to the next one.
     */
    @TruffleBoundary
    public static void makeRoomFor(long pages) {
        NativeMemoryAccount.collectBeforeMapping(pages * PAGE_SIZE);
    }

    public long byteSize() {
        return byteSize;
    }

    public long pages() {
        return byteSize / PAGE_SIZE;
    }

    /** The declared maximum in pages, or -1. */
    public long maxPages() {
        return maxPages;
    }

    void detach() {
        checkedSize = 0;
        byteSize = 0;
        segment = DETACHED;
    }

    /** Grows by {@code delta} pages; returns the old size in pages, or -1 when the grow is not possible. */
    @TruffleBoundary
    public long grow(long delta) {
        long old = pages();
        // Checked before computing the target: a huge delta from the host must not overflow into a small size.
        if (delta < 0 || delta > MAX_PAGES - old) {
            return -1;
        }
        long target = old + delta;
        if (target * PAGE_SIZE > lease.mapping.reservedBytes || (maxPages >= 0 && target > maxPages)) {
            return -1;
        }
        if (delta > 0) {
            if (!lease.grow(target * PAGE_SIZE)) {
                return -1;
            }
            segment = VirtualMemory.view(address, target * PAGE_SIZE);
            byteSize = target * PAGE_SIZE;
            checkedSize = Math.min(byteSize, 0xFFFF_FFFFL);
        }
        return old;
    }

    /** Where the bytes start; it never changes (see {@link dev.enoki.wasm.nodes.FunctionFrame#cacheMemory}). */
    public long address() {
        return address;
    }

    /** The size accesses are checked against: {@link #byteSize} capped to 32 bits, 0 once released. */
    public long checkedSize() {
        return checkedSize;
    }

    /**
     * The native address of an access of {@code width} bytes to the memory that starts at {@code base} and has the
     * given {@link #checkedSize}, after the bounds check. The check takes one of two forms, by where the access is.
     *
     * <p>Inside a loop of its compilation unit, it compares the 32-bit address, unsigned, with a limit derived from the
     * size, the offset and the width, which is the same for every iteration of a loop: in compiled code an access is
     * then one add and one compare before the load, where the check on the 64-bit effective address took a
     * zero-extension, an add, an add and a compare (and, in matmul's inner loop, a register spilled); in a loop that
     * counts, Graal checks the range of addresses once before it ({@link #pastTheLimit}), which it does not do for the
     * 64-bit compare (matmul 0.45-0.53 s a run with this form, 0.70-1.11 s with the other). The limit fits 32 bits
     * except for a 4 GiB memory, where it is one short; the last address an access of that width can start at then
     * takes the slow path, which checks exactly. It is derived from the capped size so that where the compiler leaves
     * it inside a loop it costs a subtraction and a conditional move: derived from the size, with a second conditional
     * move and compare, it took 7 instructions per access in the dispatch kernel's loop. Steady runs 2..5 of that
     * kernel: 2.06-3.07 s before, 1.71-2.18 s after, two interleaved pairs.
     *
     * <p>Elsewhere, it compares the 64-bit start, address plus offset, with the size less the width. That limit is one
     * per width for the whole compilation unit, where the other form's is one per offset and width: Graal computes each
     * once, where the function starts and after each call, and keeps it to its uses. sqlite's func1019 (135 accesses
     * with 37 different offsets, most of them outside its three short loops) computed 37 limits that way, with a
     * conditional move each, and spilled them to the stack.
     */
    private static long checked(long base, long checkedSize, int wasmAddress, long offset, int width, Node location) {
        if (!(location instanceof BoundsCheckedAccess access && access.insideLoop())) {
            long start = Integer.toUnsignedLong(wasmAddress) + offset;
            if (start > checkedSize - width) {
                pastTheLimit(location);
                if (start + width > exactSize(checkedSize)) {
                    throw Trap.create(Trap.OUT_OF_BOUNDS_MEMORY, location);
                }
            }
            return base + start;
        }
        int limit = (int) Math.max(0, checkedSize - (offset + width - 1));
        if (Integer.compareUnsigned(wasmAddress, limit) >= 0) {
            pastTheLimit(location);
            if (Integer.toUnsignedLong(wasmAddress) + offset + width > exactSize(checkedSize)) {
                throw Trap.create(Trap.OUT_OF_BOUNDS_MEMORY, location);
            }
        }
        return base + Integer.toUnsignedLong(wasmAddress) + offset;
    }

    /** A capped size is one short of 4 GiB only for a memory of 4 GiB: sizes are whole pages. */
    private static long exactSize(long checkedSize) {
        return checkedSize == 0xFFFF_FFFFL ? 1L << 32 : checkedSize;
    }

    /**
     * Leaves compiled code at an access past the limit, and throws that code away the first time at an access. That
     * makes the check a speculation Graal may move: in a loop it counts, it checks the range of addresses once before
     * the loop (speculative guard movement), where a check that only leaves the code stays in every iteration.
     * matmul's inner loop kept four checks per two iterations: 0.63-0.71 s a run, 0.55-0.58 s without them. An access
     * that went past the limit before keeps its check in place and traps from compiled code: leaving that code at
     * each trap made HotSpot throw it away after a few, so a function that traps again and again (an embedder that
     * catches the trap and calls again) was compiled 16 times and then no more ("Deopt taken too many times").
     */
    private static void pastTheLimit(Node location) {
        if (location instanceof BoundsCheckedAccess access && !access.wentPastTheLimit()) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            access.wentPastTheLimitNow();
        }
    }

    // Wasm is little-endian; so is every platform Enoki runs on (x86-64, AArch64), so native order is Wasm's order.
    // The accesses take the memory as its address and checked size, which a function keeps in its frame.

    public static int loadI32(long base, long checkedSize, int wasmAddress, long offset, Node location) {
        return UNSAFE.getInt(checked(base, checkedSize, wasmAddress, offset, 4, location));
    }

    public static long loadI64(long base, long checkedSize, int wasmAddress, long offset, Node location) {
        return UNSAFE.getLong(checked(base, checkedSize, wasmAddress, offset, 8, location));
    }

    public static byte loadI8(long base, long checkedSize, int wasmAddress, long offset, Node location) {
        return UNSAFE.getByte(checked(base, checkedSize, wasmAddress, offset, 1, location));
    }

    public static short loadI16(long base, long checkedSize, int wasmAddress, long offset, Node location) {
        return UNSAFE.getShort(checked(base, checkedSize, wasmAddress, offset, 2, location));
    }

    public static void storeI32(long base, long checkedSize, int wasmAddress, long offset, int value, Node location) {
        UNSAFE.putInt(checked(base, checkedSize, wasmAddress, offset, 4, location), value);
    }

    public static void storeI64(long base, long checkedSize, int wasmAddress, long offset, long value, Node location) {
        UNSAFE.putLong(checked(base, checkedSize, wasmAddress, offset, 8, location), value);
    }

    public static void storeI8(long base, long checkedSize, int wasmAddress, long offset, byte value, Node location) {
        UNSAFE.putByte(checked(base, checkedSize, wasmAddress, offset, 1, location), value);
    }

    public static void storeI16(long base, long checkedSize, int wasmAddress, long offset, short value, Node location) {
        UNSAFE.putShort(checked(base, checkedSize, wasmAddress, offset, 2, location), value);
    }

    /** memory.fill: traps before writing anything when the range is out of bounds. */
    @TruffleBoundary(transferToInterpreterOnException = false)
    public void fill(int destination, byte value, int length, Node location) {
        MemorySegment s = segment;
        long d = Integer.toUnsignedLong(destination);
        long n = Integer.toUnsignedLong(length);
        if (d + n > s.byteSize()) {
            throw Trap.create(Trap.OUT_OF_BOUNDS_MEMORY, location);
        }
        s.asSlice(d, n).fill(value);
    }

    /** memory.copy within this memory or from {@code source}; overlapping ranges copy as if through a buffer. */
    @TruffleBoundary(transferToInterpreterOnException = false)
    public void copyFrom(LinearMemory source, int destination, int sourceAddress, int length, Node location) {
        MemorySegment to = segment;
        MemorySegment from = source.segment;
        long d = Integer.toUnsignedLong(destination);
        long s = Integer.toUnsignedLong(sourceAddress);
        long n = Integer.toUnsignedLong(length);
        if (d + n > to.byteSize() || s + n > from.byteSize()) {
            throw Trap.create(Trap.OUT_OF_BOUNDS_MEMORY, location);
        }
        MemorySegment.copy(from, s, to, d, n);
    }

    /** memory.init and active data segments: copies {@code length} bytes of {@code data} from {@code dataOffset}. */
    @TruffleBoundary(transferToInterpreterOnException = false)
    public void initialize(byte[] data, int destination, int dataOffset, int length, Node location) {
        MemorySegment s = segment;
        long d = Integer.toUnsignedLong(destination);
        long o = Integer.toUnsignedLong(dataOffset);
        long n = Integer.toUnsignedLong(length);
        if (d + n > s.byteSize() || o + n > data.length) {
            throw Trap.create(Trap.OUT_OF_BOUNDS_MEMORY, location);
        }
        MemorySegment.copy(data, (int) o, s, ValueLayout.JAVA_BYTE, d, (int) n);
    }

    /** The current bytes for host-side access (WASI, the buffer protocol); callers check bounds on its size. */
    public MemorySegment segment() {
        return segment;
    }

    // ---- the buffer protocol and members, for the host ----

    @ExportMessage
    boolean hasBufferElements() {
        return true;
    }

    @ExportMessage
    boolean isBufferWritable() {
        return true;
    }

    @ExportMessage
    long getBufferSize() {
        return byteSize();
    }

    private long hostChecked(long offset, long width) throws InvalidBufferOffsetException {
        if (offset < 0 || offset > byteSize() - width) { // not offset + width: it overflows for huge offsets
            throw InvalidBufferOffsetException.create(offset, width);
        }
        return offset;
    }

    @ExportMessage
    @TruffleBoundary
    void readBuffer(long byteOffset, byte[] destination, int destinationOffset, int length) throws InvalidBufferOffsetException {
        MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, hostChecked(byteOffset, length), destination, destinationOffset, length);
    }

    @ExportMessage
    byte readBufferByte(long byteOffset) throws InvalidBufferOffsetException {
        return segment.get(ValueLayout.JAVA_BYTE, hostChecked(byteOffset, 1));
    }

    @ExportMessage
    void writeBufferByte(long byteOffset, byte value) throws InvalidBufferOffsetException {
        segment.set(ValueLayout.JAVA_BYTE, hostChecked(byteOffset, 1), value);
    }

    @ExportMessage
    short readBufferShort(ByteOrder order, long byteOffset) throws InvalidBufferOffsetException {
        return segment.get(SHORT.withOrder(order), hostChecked(byteOffset, 2));
    }

    @ExportMessage
    void writeBufferShort(ByteOrder order, long byteOffset, short value) throws InvalidBufferOffsetException {
        segment.set(SHORT.withOrder(order), hostChecked(byteOffset, 2), value);
    }

    @ExportMessage
    int readBufferInt(ByteOrder order, long byteOffset) throws InvalidBufferOffsetException {
        return segment.get(INT.withOrder(order), hostChecked(byteOffset, 4));
    }

    @ExportMessage
    void writeBufferInt(ByteOrder order, long byteOffset, int value) throws InvalidBufferOffsetException {
        segment.set(INT.withOrder(order), hostChecked(byteOffset, 4), value);
    }

    @ExportMessage
    long readBufferLong(ByteOrder order, long byteOffset) throws InvalidBufferOffsetException {
        return segment.get(LONG.withOrder(order), hostChecked(byteOffset, 8));
    }

    @ExportMessage
    void writeBufferLong(ByteOrder order, long byteOffset, long value) throws InvalidBufferOffsetException {
        segment.set(LONG.withOrder(order), hostChecked(byteOffset, 8), value);
    }

    @ExportMessage
    float readBufferFloat(ByteOrder order, long byteOffset) throws InvalidBufferOffsetException {
        return Float.intBitsToFloat(readBufferInt(order, byteOffset));
    }

    @ExportMessage
    void writeBufferFloat(ByteOrder order, long byteOffset, float value) throws InvalidBufferOffsetException {
        writeBufferInt(order, byteOffset, Float.floatToRawIntBits(value));
    }

    @ExportMessage
    double readBufferDouble(ByteOrder order, long byteOffset) throws InvalidBufferOffsetException {
        return Double.longBitsToDouble(readBufferLong(order, byteOffset));
    }

    @ExportMessage
    void writeBufferDouble(ByteOrder order, long byteOffset, double value) throws InvalidBufferOffsetException {
        writeBufferLong(order, byteOffset, Double.doubleToRawLongBits(value));
    }

    @ExportMessage
    boolean hasMembers() {
        return true;
    }

    @ExportMessage
    Object getMembers(@SuppressWarnings("unused") boolean includeInternal) {
        return new ValueArray(new Object[]{SIZE, GROW});
    }

    @ExportMessage
    boolean isMemberReadable(String member) {
        return SIZE.equals(member);
    }

    @ExportMessage
    boolean isMemberInvocable(String member) {
        return GROW.equals(member);
    }

    @ExportMessage
    Object readMember(String member) throws UnknownIdentifierException {
        if (SIZE.equals(member)) {
            return pages();
        }
        throw UnknownIdentifierException.create(member);
    }

    @ExportMessage
    @TruffleBoundary
    Object invokeMember(String member, Object[] arguments) throws UnknownIdentifierException, ArityException, UnsupportedTypeException {
        if (!GROW.equals(member)) {
            throw UnknownIdentifierException.create(member);
        }
        if (arguments.length != 1) {
            throw ArityException.create(1, 1, arguments.length);
        }
        InteropLibrary interop = InteropLibrary.getUncached(arguments[0]);
        if (!interop.fitsInLong(arguments[0])) {
            throw UnsupportedTypeException.create(arguments, "grow takes a number of pages");
        }
        try {
            return grow(interop.asLong(arguments[0]));
        } catch (UnsupportedMessageException e) {
            throw UnsupportedTypeException.create(arguments, "grow takes a number of pages");
        }
    }

    @ExportMessage
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return toString();
    }

    @Override
    public String toString() {
        return "wasm-memory[pages=" + pages() + "]";
    }
}
