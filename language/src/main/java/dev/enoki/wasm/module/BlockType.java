package dev.enoki.wasm.module;

import java.util.List;

/**
 * Block types as decoded by the reader: a signed 33-bit value where -64 (byte 0x40) means no params/results, other
 * negative values are a single value type (the code's low 7 bits), and non-negative values are a type index.
 */
public final class BlockType {
    public static final long EMPTY = -64;
    private static final FuncType NONE = new FuncType(new ValueType[0], new ValueType[0]);

    private BlockType() {
    }

    /** The signature of a block, or null when the encoding names no value type or type index. */
    public static FuncType resolve(long raw, List<FuncType> types) {
        if (raw == EMPTY) {
            return NONE;
        }
        if (raw < 0) {
            ValueType t = ValueType.fromCode((int) (raw & 0x7F));
            return t == null ? null : new FuncType(new ValueType[0], new ValueType[]{t});
        }
        return raw < types.size() ? types.get((int) raw) : null;
    }
}
