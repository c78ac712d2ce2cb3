package dev.enoki.wasm.wasi;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The calling program's linear memory during one WASI call. Pointers are unsigned 32-bit; a range outside the memory
 * fails the call with {@code EFAULT} rather than trapping, as a system call would.
 * <p>
 * Numbers go through a little-endian scratch buffer and byte copies rather than the segment's own {@code get} and
 * {@code set}: the var handles behind those are built on first use, which made the first WASI call of every run spin
 * seven method-handle classes (~5 ms at startup), and these are a few values per call.
 */
final class GuestMemory {
    /** One buffer descriptor of an {@code iovec} array: {@code buf} and {@code buf_len}, 8 bytes. */
    record Iovec(long address, long length) {
    }

    private final MemorySegment bytes;
    private final ByteBuffer scratch = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);

    /** @param bytes the memory's current view; null when the program has no memory, so every pointer is bad */
    GuestMemory(MemorySegment bytes) {
        this.bytes = bytes == null ? MemorySegment.NULL : bytes;
    }

    /** The offset of {@code length} bytes at {@code pointer}, after the bounds check. */
    long checked(int pointer, long length) {
        long address = Integer.toUnsignedLong(pointer);
        if (length < 0 || address + length > bytes.byteSize()) {
            throw Errno.FAULT.error();
        }
        return address;
    }

    int readI32(int pointer) {
        return load(pointer, Integer.BYTES).getInt(0);
    }

    long readI64(int pointer) {
        return load(pointer, Long.BYTES).getLong(0);
    }

    int readU8(int pointer) {
        return Byte.toUnsignedInt(load(pointer, Byte.BYTES).get(0));
    }

    int readU16(int pointer) {
        return Short.toUnsignedInt(load(pointer, Short.BYTES).getShort(0));
    }

    void writeI8(int pointer, int value) {
        store(pointer, scratch.put(0, (byte) value), Byte.BYTES);
    }

    void writeI16(int pointer, int value) {
        store(pointer, scratch.putShort(0, (short) value), Short.BYTES);
    }

    void writeI32(int pointer, int value) {
        store(pointer, scratch.putInt(0, value), Integer.BYTES);
    }

    void writeI64(int pointer, long value) {
        store(pointer, scratch.putLong(0, value), Long.BYTES);
    }

    /** The scratch buffer holding the {@code size} bytes at {@code pointer}. */
    private ByteBuffer load(int pointer, int size) {
        MemorySegment.copy(bytes, ValueLayout.JAVA_BYTE, checked(pointer, size), scratch.array(), 0, size);
        return scratch;
    }

    private void store(int pointer, ByteBuffer value, int size) {
        writeBytes(pointer, value.array(), 0, size);
    }

    void zero(int pointer, int length) {
        bytes.asSlice(checked(pointer, length), length).fill((byte) 0);
    }

    byte[] readBytes(int pointer, int length) {
        long address = checked(pointer, Integer.toUnsignedLong(length));
        byte[] result = new byte[length];
        MemorySegment.copy(bytes, ValueLayout.JAVA_BYTE, address, result, 0, length);
        return result;
    }

    void writeBytes(int pointer, byte[] source, int offset, int length) {
        long address = checked(pointer, length);
        MemorySegment.copy(source, offset, bytes, ValueLayout.JAVA_BYTE, address, length);
    }

    /** A path or other string argument: UTF-8, as WASI requires; other bytes fail with {@code EILSEQ}. */
    String readString(int pointer, int length) {
        byte[] data = readBytes(pointer, length);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            throw Errno.ILSEQ.error();
        }
    }

    /** Reads an array of {@code count} iovecs; every buffer is checked before any I/O happens. */
    Iovec[] readIovecs(int pointer, int count) {
        checked(pointer, Integer.toUnsignedLong(count) * 8);
        Iovec[] result = new Iovec[count];
        for (int i = 0; i < count; i++) {
            int buf = readI32(pointer + 8 * i);
            long length = Integer.toUnsignedLong(readI32(pointer + 8 * i + 4));
            result[i] = new Iovec(checked(buf, length), length);
        }
        return result;
    }

    /** Copies {@code length} bytes from {@code offset} into an iovec's buffer out to {@code target}. */
    void copyOut(Iovec iovec, long offset, byte[] target, int length) {
        MemorySegment.copy(bytes, ValueLayout.JAVA_BYTE, iovec.address() + offset, target, 0, length);
    }

    /** Copies {@code length} bytes of {@code source} into an iovec's buffer at {@code offset}. */
    void copyIn(Iovec iovec, long offset, byte[] source, int length) {
        MemorySegment.copy(source, 0, bytes, ValueLayout.JAVA_BYTE, iovec.address() + offset, length);
    }
}
