package dev.enoki.wasm.nodes.numeric;

/**
 * Float operations whose Wasm semantics differ from plain Java arithmetic: sign operations act on the raw bits
 * (NaN payloads included), NaN results must be quiet ("arithmetic") NaNs, and integer-float conversions must round
 * once. Raw bits are always read with {@code floatToRawIntBits}/{@code doubleToRawLongBits}: the non-raw variants
 * canonicalise NaNs.
 */
final class WasmFloatMath {
    static final int F32_SIGN = 0x8000_0000;
    static final int F32_QUIET = 0x0040_0000;
    static final long F64_SIGN = 0x8000_0000_0000_0000L;
    static final long F64_QUIET = 0x0008_0000_0000_0000L;

    private WasmFloatMath() {
    }

    /** A NaN with its quiet bit set: payload and sign kept, so a canonical NaN stays canonical. */
    static float quiet(float nan) {
        return Float.intBitsToFloat(Float.floatToRawIntBits(nan) | F32_QUIET);
    }

    static double quiet(double nan) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(nan) | F64_QUIET);
    }

    static float abs(float v) {
        return Float.intBitsToFloat(Float.floatToRawIntBits(v) & ~F32_SIGN);
    }

    static double abs(double v) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(v) & ~F64_SIGN);
    }

    static float neg(float v) {
        return Float.intBitsToFloat(Float.floatToRawIntBits(v) ^ F32_SIGN);
    }

    static double neg(double v) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(v) ^ F64_SIGN);
    }

    static float copysign(float magnitude, float sign) {
        int magnitudeBits = Float.floatToRawIntBits(magnitude) & ~F32_SIGN;
        return Float.intBitsToFloat(magnitudeBits | (Float.floatToRawIntBits(sign) & F32_SIGN));
    }

    static double copysign(double magnitude, double sign) {
        long magnitudeBits = Double.doubleToRawLongBits(magnitude) & ~F64_SIGN;
        return Double.longBitsToDouble(magnitudeBits | (Double.doubleToRawLongBits(sign) & F64_SIGN));
    }

    /*
     * min/max: a NaN operand wins (quieted, so a signalling input gives an arithmetic NaN); otherwise equal operands
     * can only differ in the sign of zero, and OR-ing (min) or AND-ing (max) the bits picks -0.0 or +0.0.
     */

    static float min(float a, float b) {
        if (Float.isNaN(a)) {
            return quiet(a);
        } else if (Float.isNaN(b)) {
            return quiet(b);
        } else if (a != b) {
            return a < b ? a : b;
        }
        return Float.intBitsToFloat(Float.floatToRawIntBits(a) | Float.floatToRawIntBits(b));
    }

    static float max(float a, float b) {
        if (Float.isNaN(a)) {
            return quiet(a);
        } else if (Float.isNaN(b)) {
            return quiet(b);
        } else if (a != b) {
            return a > b ? a : b;
        }
        return Float.intBitsToFloat(Float.floatToRawIntBits(a) & Float.floatToRawIntBits(b));
    }

    static double min(double a, double b) {
        if (Double.isNaN(a)) {
            return quiet(a);
        } else if (Double.isNaN(b)) {
            return quiet(b);
        } else if (a != b) {
            return a < b ? a : b;
        }
        return Double.longBitsToDouble(Double.doubleToRawLongBits(a) | Double.doubleToRawLongBits(b));
    }

    static double max(double a, double b) {
        if (Double.isNaN(a)) {
            return quiet(a);
        } else if (Double.isNaN(b)) {
            return quiet(b);
        } else if (a != b) {
            return a > b ? a : b;
        }
        return Double.longBitsToDouble(Double.doubleToRawLongBits(a) & Double.doubleToRawLongBits(b));
    }

    /**
     * Truncation toward zero; the sign of zero is kept (trunc(-0.5) = -0.0) because ceil and floor keep it. Exact for
     * f32 operands too, since every f32 widens exactly to f64 and an integral result of an f32 is an f32.
     */
    static double trunc(double v) {
        return v < 0 ? Math.ceil(v) : Math.floor(v);
    }

    /** f64 to f32, rounding to nearest even; a NaN keeps its sign and top payload bits and becomes quiet. */
    static float demote(double v) {
        if (Double.isNaN(v)) {
            long bits = Double.doubleToRawLongBits(v);
            int sign = (int) (bits >>> 32) & F32_SIGN;
            int payload = (int) (bits >>> 29) & 0x003F_FFFF;
            return Float.intBitsToFloat(sign | 0x7FC0_0000 | payload);
        }
        return (float) v;
    }

    /** f32 to f64, exact; a NaN keeps its sign and payload and becomes quiet. */
    static double promote(float v) {
        if (Float.isNaN(v)) {
            long bits = Float.floatToRawIntBits(v) & 0xFFFF_FFFFL;
            long sign = (bits & 0x8000_0000L) << 32;
            long payload = (bits & 0x003F_FFFFL) << 29;
            return Double.longBitsToDouble(sign | 0x7FF8_0000_0000_0000L | payload);
        }
        return v;
    }

    /*
     * Unsigned i64 to float: Java converts only signed longs. A value with the top bit set is halved first, with the
     * dropped low bit OR-ed into bit 0 (a sticky bit far below the rounding position, which keeps ties and
     * round-ups exactly as in the full value), converted with Java's single correctly rounded conversion, and doubled
     * back, which is exact.
     */

    static float unsignedToF32(long v) {
        if (v >= 0) {
            return v;
        }
        return ((float) ((v >>> 1) | (v & 1))) * 2.0f;
    }

    static double unsignedToF64(long v) {
        if (v >= 0) {
            return v;
        }
        return ((double) ((v >>> 1) | (v & 1))) * 2.0;
    }
}
