package dev.enoki.wasm.module;

/** A Wasm value type, with its binary encoding. */
public enum ValueType {
    I32(0x7F, "i32"),
    I64(0x7E, "i64"),
    F32(0x7D, "f32"),
    F64(0x7C, "f64"),
    V128(0x7B, "v128"),
    FUNCREF(0x70, "funcref"),
    EXTERNREF(0x6F, "externref");

    private static final ValueType[] BY_CODE = new ValueType[128];
    static {
        for (ValueType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    public final int code;
    public final String text;

    ValueType(int code, String text) {
        this.code = code;
        this.text = text;
    }

    /** The type with binary code {@code code}, or null if the byte is not a value type. */
    public static ValueType fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    public boolean isReference() {
        return this == FUNCREF || this == EXTERNREF;
    }

    public boolean isNumeric() {
        return this == I32 || this == I64 || this == F32 || this == F64;
    }

    @Override
    public String toString() {
        return text;
    }
}
