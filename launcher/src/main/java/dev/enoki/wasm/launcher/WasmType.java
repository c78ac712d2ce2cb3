package dev.enoki.wasm.launcher;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import org.graalvm.polyglot.Value;

/**
 * Wasm value types as the command line sees them: how an argument string becomes a value of the type, and how a
 * result of the type is printed.
 */
enum WasmType {
    I32("i32"),
    I64("i64"),
    F32("f32"),
    F64("f64"),
    V128("v128"),
    FUNCREF("funcref"),
    EXTERNREF("externref"),
    /** Any other reference type (function-references and GC proposals). */
    REF("ref");

    private static final BigInteger TWO_TO_32 = BigInteger.ONE.shiftLeft(32);
    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    private final String text;

    WasmType(String text) {
        this.text = text;
    }

    String text() {
        return text;
    }

    static WasmType fromCode(int code) {
        return switch (code) {
            case 0x7F -> I32;
            case 0x7E -> I64;
            case 0x7D -> F32;
            case 0x7C -> F64;
            case 0x7B -> V128;
            case 0x70 -> FUNCREF;
            case 0x6F -> EXTERNREF;
            default -> REF;
        };
    }

    /**
     * The value of this type written as {@code text}: integers in decimal or {@code 0x} hex, signed or (like wasmtime)
     * unsigned, so {@code 0xffffffff} is the i32 -1; floats in decimal, hex-float ({@code 0x1.8p1}), {@code inf} or
     * {@code nan}.
     *
     * @throws IllegalArgumentException with a message for the user when the text is not such a value
     */
    Object parse(String text) {
        return switch (this) {
            case I32 -> parseInteger(text, 32).intValue();
            case I64 -> parseInteger(text, 64).longValue();
            case F32 -> (float) parseFloat(text, true);
            case F64 -> parseFloat(text, false);
            default -> throw new IllegalArgumentException("the launcher cannot pass a " + this.text + " from the command line");
        };
    }

    /** The text printed for a result of this type. */
    String format(Value value) {
        return switch (this) {
            case I32 -> Integer.toString(value.asInt());
            case I64 -> Long.toString(value.asLong());
            case F32 -> formatFloat(value.asFloat(), Float.toString(value.asFloat()));
            case F64 -> formatFloat(value.asDouble(), Double.toString(value.asDouble()));
            default -> value.toString();
        };
    }

    private BigInteger parseInteger(String text, int bits) {
        String digits = text.replace("_", "");
        boolean negative = digits.startsWith("-");
        if (negative || digits.startsWith("+")) {
            digits = digits.substring(1);
        }
        int radix = 10;
        if (digits.startsWith("0x") || digits.startsWith("0X")) {
            radix = 16;
            digits = digits.substring(2);
        }
        BigInteger value;
        try {
            if (digits.isEmpty() || digits.startsWith("-") || digits.startsWith("+")) {
                throw new NumberFormatException();
            }
            value = new BigInteger(digits, radix);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not an " + this.text + " (expected a decimal or 0x hex integer)");
        }
        if (negative) {
            value = value.negate();
        }
        BigInteger limit = bits == 32 ? TWO_TO_32 : TWO_TO_64;
        BigInteger minimum = limit.shiftRight(1).negate();
        if (value.compareTo(minimum) < 0 || value.compareTo(limit) >= 0) {
            throw new IllegalArgumentException("'" + text + "' does not fit in an " + this.text);
        }
        return value;
    }

    private double parseFloat(String text, boolean single) {
        String lower = text.toLowerCase(Locale.ROOT).replace("_", "");
        String unsigned = lower.startsWith("-") || lower.startsWith("+") ? lower.substring(1) : lower;
        double sign = lower.startsWith("-") ? -1 : 1;
        if (unsigned.equals("inf") || unsigned.equals("infinity")) {
            return sign * Double.POSITIVE_INFINITY;
        }
        if (unsigned.equals("nan")) {
            return Double.NaN;
        }
        boolean hex = unsigned.startsWith("0x");
        // Java's parser also takes the suffixes of Java literals ("1f", "1d"); Wasm text has none.
        if (!hex && (unsigned.endsWith("f") || unsigned.endsWith("d"))) {
            throw notAFloat(text);
        }
        if (hex && !unsigned.contains("p")) {
            lower = lower + "p0"; // Java's hex floats need an exponent; Wasm text's don't
        }
        try {
            return single ? Float.parseFloat(lower) : Double.parseDouble(lower);
        } catch (NumberFormatException e) {
            throw notAFloat(text);
        }
    }

    private IllegalArgumentException notAFloat(String text) {
        return new IllegalArgumentException("'" + text + "' is not an " + this.text + " (expected a decimal or hex float, inf or nan)");
    }

    /**
     * Shortest text that reads back as the same value, without an exponent (as wasmtime prints): {@code 1.5},
     * {@code 10000000000}, {@code -0}, {@code nan}, {@code inf}.
     */
    private static String formatFloat(double value, String shortest) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0" : "0";
        }
        return new BigDecimal(shortest).stripTrailingZeros().toPlainString();
    }
}
