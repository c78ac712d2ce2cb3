package dev.enoki.wasm.binary;

import static dev.enoki.wasm.binary.ByteReader.malformed;

import dev.enoki.wasm.module.FuncType;
import dev.enoki.wasm.module.GlobalType;
import dev.enoki.wasm.module.Limits;
import dev.enoki.wasm.module.MemoryType;
import dev.enoki.wasm.module.TableType;
import dev.enoki.wasm.module.ValueType;

/** Decodes types: value and reference types, function types, limits, and table, memory and global types. */
final class TypeReader {
    /** The byte introducing a function type (-0x20 as a signed LEB128). */
    private static final int FUNCTION_TYPE = 0x60;

    private TypeReader() {
    }

    /**
     * A value type. Type codes are one-byte signed LEB128s, so a continuation bit makes the encoding too long. An
     * unknown code is reported as a malformed reference type, as the reference interpreter does: it tries number,
     * vector and reference types in turn and reports the last failure. {@code v128} is a Wasm 2.0 value type and
     * decodes; that this engine has no SIMD is for the validator to report.
     */
    static ValueType readValueType(ByteReader in) {
        int offset = in.position();
        ValueType type = ValueType.fromCode(readTypeCode(in));
        if (type == null) {
            throw malformed("malformed reference type", offset);
        }
        return type;
    }

    static ValueType readReferenceType(ByteReader in) {
        int offset = in.position();
        ValueType type = ValueType.fromCode(readTypeCode(in));
        if (type == null || !type.isReference()) {
            throw malformed("malformed reference type", offset);
        }
        return type;
    }

    static FuncType readFuncType(ByteReader in) {
        int offset = in.position();
        if (readTypeCode(in) != FUNCTION_TYPE) {
            throw malformed("malformed function type", offset);
        }
        ValueType[] params = readResultType(in);
        ValueType[] results = readResultType(in);
        return new FuncType(params, results);
    }

    static TableType readTableType(ByteReader in) {
        ValueType elementType = readReferenceType(in);
        return new TableType(elementType, readLimits(in));
    }

    static MemoryType readMemoryType(ByteReader in) {
        return new MemoryType(readLimits(in));
    }

    static GlobalType readGlobalType(ByteReader in) {
        ValueType type = readValueType(in);
        int offset = in.position();
        int mutability = in.readByte();
        if (mutability > 1) {
            throw malformed("malformed mutability", offset);
        }
        return new GlobalType(type, mutability == 1);
    }

    private static ValueType[] readResultType(ByteReader in) {
        return Vectors.read(in, TypeReader::readValueType).toArray(new ValueType[0]);
    }

    /** Limits: a flag (a one-bit LEB128) saying whether a maximum follows the minimum. */
    private static Limits readLimits(ByteReader in) {
        boolean hasMax = readFlag(in);
        long min = in.readU32();
        long max = hasMax ? in.readU32() : -1;
        return new Limits(min, max);
    }

    /** A one-bit unsigned LEB128: any other value bit is too large, a continuation bit makes it too long. */
    private static boolean readFlag(ByteReader in) {
        int offset = in.position();
        int b = in.readByte();
        if ((b & 0x7F) > 1) {
            throw malformed("integer too large", offset);
        }
        if ((b & 0x80) != 0) {
            throw malformed("integer representation too long", offset);
        }
        return b == 1;
    }

    /** A type code: a signed 7-bit LEB128, which fits in one byte. */
    private static int readTypeCode(ByteReader in) {
        int offset = in.position();
        int b = in.readByte();
        if ((b & 0x80) != 0) {
            throw malformed("integer representation too long", offset);
        }
        return b;
    }
}
