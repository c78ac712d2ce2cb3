package dev.enoki.wasm.validation;

import dev.enoki.wasm.module.FuncType;
import dev.enoki.wasm.module.ValueType;

/**
 * Value types as small ints for the validator's primitive stacks: a type's code is its {@link ValueType} ordinal, and
 * {@link #UNKNOWN} is the spec appendix's "Unknown" type that values popped from a polymorphic stack have.
 */
final class TypeCodes {
    private static final ValueType[] VALUES = ValueType.values();

    static final int I32 = ValueType.I32.ordinal();
    static final int I64 = ValueType.I64.ordinal();
    static final int F32 = ValueType.F32.ordinal();
    static final int F64 = ValueType.F64.ordinal();
    static final int V128 = ValueType.V128.ordinal();
    static final int FUNCREF = ValueType.FUNCREF.ordinal();
    static final int EXTERNREF = ValueType.EXTERNREF.ordinal();
    static final int UNKNOWN = VALUES.length;

    static final int[] NONE = new int[0];
    private static final int[][] SINGLE = new int[VALUES.length][];
    static {
        for (ValueType t : VALUES) {
            SINGLE[t.ordinal()] = new int[]{t.ordinal()};
        }
    }

    private TypeCodes() {
    }

    static int of(ValueType t) {
        return t.ordinal();
    }

    /** A shared one-element array holding {@code code}; callers must not modify it. */
    static int[] single(int code) {
        return SINGLE[code];
    }

    static int[] of(ValueType[] types) {
        if (types.length == 0) {
            return NONE;
        }
        if (types.length == 1) {
            return SINGLE[types[0].ordinal()];
        }
        int[] codes = new int[types.length];
        for (int i = 0; i < types.length; i++) {
            codes[i] = types[i].ordinal();
        }
        return codes;
    }

    static int[] params(FuncType t) {
        return of(t.params());
    }

    static int[] results(FuncType t) {
        return of(t.results());
    }

    /** Numeric or vector type, or Unknown: what untyped {@code select} accepts. */
    static boolean isNumericOrVector(int code) {
        return code == UNKNOWN || (code != FUNCREF && code != EXTERNREF);
    }

    static boolean isReference(int code) {
        return code == FUNCREF || code == EXTERNREF;
    }

    static String name(int code) {
        return code == UNKNOWN ? "_" : VALUES[code].text;
    }

    /** {@code [i32 f64]}: the reference interpreter's rendering of a result type. */
    static String format(int[] codes, int from, int to) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = from; i < to; i++) {
            sb.append(i == from ? "" : " ").append(name(codes[i]));
        }
        return sb.append(']').toString();
    }

    static String format(int[] codes) {
        return format(codes, 0, codes.length);
    }
}
