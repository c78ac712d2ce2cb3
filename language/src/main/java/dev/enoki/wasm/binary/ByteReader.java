package dev.enoki.wasm.binary;

import dev.enoki.wasm.errors.CompileError;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/**
 * A cursor over module bytes with the binary format's primitive decoders: strict LEB128 (no over-long encodings,
 * no stray bits in the last byte), IEEE floats as raw bits, UTF-8 names. Every failure is a {@link CompileError}
 * with the spec's wording and the offset where decoding failed.
 */
public final class ByteReader {
    private final byte[] bytes;
    private int position;
    private int limit;

    public ByteReader(byte[] bytes, int position, int limit) {
        this.bytes = bytes;
        this.position = position;
        this.limit = limit;
    }

    public int position() {
        return position;
    }

    public void seek(int newPosition) {
        this.position = newPosition;
    }

    public int limit() {
        return limit;
    }

    /** Narrows reading to {@code newLimit} (a section or function end); returns the previous limit. */
    public int setLimit(int newLimit) {
        int old = limit;
        limit = newLimit;
        return old;
    }

    public boolean atEnd() {
        return position >= limit;
    }

    public byte[] bytes() {
        return bytes;
    }

    public static CompileError malformed(String problem, int offset) {
        return new CompileError(problem, offset);
    }

    public int readByte() {
        if (position >= limit) {
            throw malformed(position >= bytes.length ? "unexpected end" : "unexpected end of section or function", position);
        }
        return bytes[position++] & 0xFF;
    }

    public byte[] readBytes(int length) {
        if (length < 0 || length > limit - position) {
            throw malformed(limit >= bytes.length ? "unexpected end" : "unexpected end of section or function", position);
        }
        byte[] result = new byte[length];
        System.arraycopy(bytes, position, result, 0, length);
        position += length;
        return result;
    }

    public int readFixedInt() {
        int b0 = readByte();
        int b1 = readByte();
        int b2 = readByte();
        int b3 = readByte();
        return b0 | (b1 << 8) | (b2 << 16) | (b3 << 24);
    }

    public long readFixedLong() {
        long low = readFixedInt() & 0xFFFFFFFFL;
        long high = readFixedInt() & 0xFFFFFFFFL;
        return low | (high << 32);
    }

    /** An unsigned 32-bit LEB128 as a non-negative long. */
    public long readU32() {
        return readUnsigned(32);
    }

    /** An unsigned 32-bit LEB128 used as a count or index; values beyond int range are reported as too large. */
    public int readU32AsInt() {
        int start = position;
        long v = readUnsigned(32);
        if (v > Integer.MAX_VALUE) {
            // No count or index this large can be backed by data; treat it like a length running past the end.
            throw malformed("integer too large", start);
        }
        return (int) v;
    }

    /**
     * A vector length or byte count (the spec's {@code len32}): an unsigned 32-bit LEB128 that may not exceed the bytes
     * left in the whole module, counted from the length's own first byte. This bounds every allocation by the
     * module's size.
     */
    public int readLength() {
        int start = position;
        long n = readUnsigned(32);
        if (n > bytes.length - start) {
            throw malformed("length out of bounds", start);
        }
        return (int) n;
    }

    /**
     * An index (u32). Values of 2^31 and above are clamped to {@link Integer#MAX_VALUE}: no index space can be that
     * large (every entity takes at least one byte of the module), so such an index stays out of range and the
     * validator reports it as unknown rather than seeing a negative int.
     */
    public int readIndex() {
        return (int) Math.min(readUnsigned(32), Integer.MAX_VALUE);
    }

    public int readS32() {
        return (int) readSigned(32);
    }

    public long readS64() {
        return readSigned(64);
    }

    /** A signed 33-bit LEB128, the encoding of a block type's type index. */
    public long readS33() {
        return readSigned(33);
    }

    private long readUnsigned(int bits) {
        int start = position;
        long result = 0;
        int shift = 0;
        while (true) {
            int b = readByte();
            if (shift + 7 >= bits && (b & 0x80) != 0) {
                throw malformed("integer representation too long", start);
            }
            if (shift + 7 > bits) {
                // The last byte may only use the bits that still fit.
                int unused = b >>> (bits - shift);
                if (unused != 0) {
                    throw malformed("integer too large", start);
                }
            }
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
            shift += 7;
        }
    }

    private long readSigned(int bits) {
        int start = position;
        long result = 0;
        int shift = 0;
        while (true) {
            int b = readByte();
            if (shift + 7 >= bits && (b & 0x80) != 0) {
                throw malformed("integer representation too long", start);
            }
            if (shift + 7 > bits) {
                // Unused bits of the last byte must all equal the sign bit.
                int remaining = bits - shift;
                int signAndUnused = (b & 0x7F) >> (remaining - 1);
                if (signAndUnused != 0 && signAndUnused != (0x7F >> (remaining - 1))) {
                    throw malformed("integer too large", start);
                }
            }
            result |= (long) (b & 0x7F) << shift;
            shift += 7;
            if ((b & 0x80) == 0) {
                if (shift < 64 && (b & 0x40) != 0) {
                    result |= -1L << shift;
                }
                return result;
            }
        }
    }

    /** A name: a length-prefixed UTF-8 string. */
    public String readName() {
        int length = readLength();
        int start = position;
        byte[] raw = readBytes(length);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw malformed("malformed UTF-8 encoding", start);
        }
    }
}
