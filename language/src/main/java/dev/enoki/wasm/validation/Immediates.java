package dev.enoki.wasm.validation;

import dev.enoki.wasm.binary.ByteReader;
import dev.enoki.wasm.errors.CompileError;
import dev.enoki.wasm.module.BlockType;
import dev.enoki.wasm.module.ValueType;

/**
 * Decoding of the immediates whose encoding has malformed cases of its own, shared by {@link FunctionValidator} and
 * {@link CodeScanner} so both decode code identically.
 */
final class Immediates {
    /** The spec interpreter's wording for running out of bytes inside a function body. */
    static final String UNEXPECTED_END = "unexpected end of section or function";

    private Immediates() {
    }

    /** Returned by {@link #readBlockType} for a multi-byte encoding of a negative value: an unknown type index. */
    static final long NEGATIVE_TYPE_INDEX = Long.MIN_VALUE;

    /**
     * A block type as the raw signed 33-bit value {@link BlockType#resolve} takes. As in the spec's decoder, a single
     * byte in the value type range (0x40..0x7F) is the empty type or a value type (a malformed reference type if it
     * names none, as for other value types); anything else is an s33 type index, where a negative one is returned as
     * {@link #NEGATIVE_TYPE_INDEX}.
     */
    static long readBlockType(ByteReader in) {
        int start = in.position();
        int b = in.readByte();
        if ((b & 0xC0) == 0x40) {
            if (b != 0x40 && ValueType.fromCode(b) == null) {
                throw ByteReader.malformed("malformed reference type", start);
            }
            return b - 0x80;
        }
        in.seek(start);
        long raw = in.readS33();
        return raw < 0 ? NEGATIVE_TYPE_INDEX : raw;
    }

    /**
     * A value type, decoded like the module reader does: a one-byte signed LEB128 (a continuation bit makes it too
     * long), and an unknown code is a malformed reference type, the reference interpreter's last alternative.
     */
    static ValueType readValueType(ByteReader in) {
        int start = in.position();
        ValueType t = ValueType.fromCode(readTypeCode(in));
        if (t == null) {
            throw ByteReader.malformed("malformed reference type", start);
        }
        return t;
    }

    static ValueType readReferenceType(ByteReader in) {
        int start = in.position();
        ValueType t = ValueType.fromCode(readTypeCode(in));
        if (t == null || !t.isReference()) {
            throw ByteReader.malformed("malformed reference type", start);
        }
        return t;
    }

    private static int readTypeCode(ByteReader in) {
        int start = in.position();
        int b = in.readByte();
        if ((b & 0x80) != 0) {
            throw ByteReader.malformed("integer representation too long", start);
        }
        return b;
    }

    /** The reserved memory index of memory instructions: exactly one 0x00 byte (not a long LEB128 zero). */
    static void readZeroByte(ByteReader in) {
        int start = in.position();
        if (in.readByte() != 0) {
            throw ByteReader.malformed("zero byte expected", start);
        }
    }

    /**
     * Running past the end of the module inside a body: the spec interpreter reports the body's section, so the
     * reader's plain "unexpected end" becomes "unexpected end of section or function".
     */
    static CompileError inBody(CompileError e) {
        if ("unexpected end".equals(e.problem())) {
            return new CompileError(UNEXPECTED_END, e.offset());
        }
        return e;
    }
}
