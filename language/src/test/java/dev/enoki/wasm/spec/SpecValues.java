package dev.enoki.wasm.spec;

import dev.enoki.wasm.spec.WastJson.WastValue;
import org.graalvm.polyglot.Value;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Conversion of script values to polyglot arguments and comparison of polyglot results with script
 * expectations. Floats are compared by their bit patterns (the spec requires exact results, NaN payloads
 * included), except for the {@code nan:canonical} and {@code nan:arithmetic} patterns.
 */
final class SpecValues {

    private static final int F32_SIGN_MASK = 0x8000_0000;
    private static final int F32_CANONICAL_NAN = 0x7fc0_0000;
    private static final long F64_SIGN_MASK = 0x8000_0000_0000_0000L;
    private static final long F64_CANONICAL_NAN = 0x7ff8_0000_0000_0000L;
    private static final Set<String> SUPPORTED_TYPES =
            Set.of("i32", "i64", "f32", "f64", "externref", "funcref");

    private SpecValues() {
    }

    /**
     * The host object standing for the script's {@code (ref.extern N)}. One instance per number, so the engine
     * can hand it back and the runner can recognise it by identity.
     */
    record HostRef(long id) {
        private static final Map<Long, HostRef> INTERNED = new ConcurrentHashMap<>();

        static HostRef of(long id) {
            return INTERNED.computeIfAbsent(id, HostRef::new);
        }

        @Override
        public String toString() {
            return "ref.extern " + id;
        }
    }

    /** The Java value to pass to an exported function for a script argument. */
    static Object toArgument(WastValue v) {
        String text = v.text();
        return switch (v.type()) {
            case "i32" -> (int) parseBits(text);
            case "i64" -> parseBits(text);
            case "f32" -> Float.intBitsToFloat((int) parseBits(text));
            case "f64" -> Double.longBitsToDouble(parseBits(text));
            case "externref" -> text == null || text.equals("null") ? null : HostRef.of(Long.parseLong(text));
            case "funcref" -> {
                if (text == null || text.equals("null")) {
                    yield null;
                }
                throw new UnsupportedOperationException("funcref argument other than null: " + v);
            }
            default -> throw new UnsupportedOperationException("unsupported argument type " + v.type()
                    + (v.type().equals("v128") ? " (SIMD)" : ""));
        };
    }

    static Object[] toArguments(List<WastValue> args) {
        Object[] result = new Object[args.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = toArgument(args.get(i));
        }
        return result;
    }

    /**
     * Compares an action's result with the expectations. Returns {@code null} on a match, else a description
     * of the difference.
     */
    static String mismatch(List<WastValue> expected, Value actual) {
        if (expected.isEmpty()) {
            return actual == null || actual.isNull() ? null : "expected no result, got " + describe(actual);
        }
        if (expected.size() == 1) {
            return mismatch(expected.getFirst(), actual);
        }
        if (actual == null || !actual.hasArrayElements()) {
            return "expected " + expected.size() + " results, got " + describe(actual);
        }
        if (actual.getArraySize() != expected.size()) {
            return "expected " + expected.size() + " results, got " + actual.getArraySize() + ": "
                    + describe(actual);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < expected.size(); i++) {
            String m = mismatch(expected.get(i), actual.getArrayElement(i));
            if (m != null) {
                sb.append(sb.isEmpty() ? "" : "; ").append("result ").append(i).append(": ").append(m);
            }
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    /** Compares one value. Returns {@code null} on a match, else a description of the difference. */
    static String mismatch(WastValue expected, Value actual) {
        String text = expected.text();
        String type = expected.type();
        if (actual == null) {
            return "expected " + format(expected) + ", got no value";
        }
        if (!SUPPORTED_TYPES.contains(type)) {
            return "unsupported expectation type " + type + (type.equals("v128") ? " (SIMD)" : "");
        }
        boolean ok;
        try {
            ok = switch (type) {
                case "i32" -> actual.isNumber() && actual.fitsInInt() && actual.asInt() == (int) parseBits(text);
                case "i64" -> actual.isNumber() && actual.fitsInLong() && actual.asLong() == parseBits(text);
                case "f32" -> actual.isNumber() && actual.fitsInFloat()
                        && f32Matches(text, Float.floatToRawIntBits(actual.asFloat()));
                case "f64" -> actual.isNumber() && actual.fitsInDouble()
                        && f64Matches(text, Double.doubleToRawLongBits(actual.asDouble()));
                case "externref" -> externMatches(text, actual);
                case "funcref" -> text != null && text.equals("null") ? actual.isNull() : !actual.isNull();
                default -> false;
            };
        } catch (RuntimeException e) {
            return "expected " + format(expected) + ", got " + describe(actual) + " (" + e + ")";
        }
        return ok ? null : "expected " + format(expected) + ", got " + describe(actual);
    }

    private static boolean externMatches(String text, Value actual) {
        if (text == null) {
            return !actual.isNull();
        }
        if (text.equals("null")) {
            return actual.isNull();
        }
        return actual.isHostObject() && actual.asHostObject() == HostRef.of(Long.parseLong(text));
    }

    static boolean f32Matches(String expected, int bits) {
        return switch (expected) {
            case "nan:canonical" -> (bits & ~F32_SIGN_MASK) == F32_CANONICAL_NAN;
            case "nan:arithmetic" -> (bits & F32_CANONICAL_NAN) == F32_CANONICAL_NAN;
            default -> bits == (int) parseBits(expected);
        };
    }

    static boolean f64Matches(String expected, long bits) {
        return switch (expected) {
            case "nan:canonical" -> (bits & ~F64_SIGN_MASK) == F64_CANONICAL_NAN;
            case "nan:arithmetic" -> (bits & F64_CANONICAL_NAN) == F64_CANONICAL_NAN;
            default -> bits == parseBits(expected);
        };
    }

    /** wast2json writes numbers as the unsigned decimal of their bits; accept a signed form too. */
    static long parseBits(String text) {
        if (text == null) {
            throw new IllegalArgumentException("missing value");
        }
        return text.startsWith("-") ? Long.parseLong(text) : Long.parseUnsignedLong(text);
    }

    /** A script value for messages: {@code i32:-1}, {@code f32:1.5 (0x3fc00000)}, {@code f64:nan:canonical}. */
    static String format(WastValue v) {
        String text = v.text();
        if (text == null) {
            return v.type();
        }
        try {
            return switch (v.type()) {
                case "i32" -> "i32:" + (int) parseBits(text);
                case "i64" -> "i64:" + parseBits(text);
                case "f32" -> text.startsWith("nan:") ? "f32:" + text : formatF32((int) parseBits(text));
                case "f64" -> text.startsWith("nan:") ? "f64:" + text : formatF64(parseBits(text));
                default -> v.type() + ":" + text;
            };
        } catch (RuntimeException e) {
            return v.type() + ":" + text;
        }
    }

    static String format(List<WastValue> values) {
        StringBuilder sb = new StringBuilder();
        for (WastValue v : values) {
            sb.append(sb.isEmpty() ? "" : ", ").append(format(v));
        }
        return sb.toString();
    }

    private static String formatF32(int bits) {
        return "f32:" + Float.intBitsToFloat(bits) + " (0x" + Integer.toHexString(bits) + ")";
    }

    private static String formatF64(long bits) {
        return "f64:" + Double.longBitsToDouble(bits) + " (0x" + Long.toHexString(bits) + ")";
    }

    /** A polyglot result for messages, with its Java type and, for floats, the bit pattern. */
    static String describe(Value v) {
        if (v == null) {
            return "no value (Java null)";
        }
        try {
            if (v.isNull()) {
                return "null";
            }
            if (v.isHostObject()) {
                Object o = v.asHostObject();
                return "host " + (o == null ? "null" : o.getClass().getSimpleName() + " " + o);
            }
            if (v.isNumber()) {
                Object boxed = v.as(Object.class);
                String kind = boxed == null ? "?" : boxed.getClass().getSimpleName();
                if (boxed instanceof Float f) {
                    return kind + " " + f + " (0x" + Integer.toHexString(Float.floatToRawIntBits(f)) + ")";
                }
                if (boxed instanceof Double d) {
                    return kind + " " + d + " (0x" + Long.toHexString(Double.doubleToRawLongBits(d)) + ")";
                }
                return kind + " " + boxed;
            }
            if (v.hasArrayElements()) {
                StringBuilder sb = new StringBuilder("[");
                for (long i = 0; i < v.getArraySize(); i++) {
                    sb.append(i == 0 ? "" : ", ").append(describe(v.getArrayElement(i)));
                }
                return sb.append(']').toString();
            }
            return (v.canExecute() ? "function " : "") + v;
        } catch (RuntimeException e) {
            return "<unprintable value: " + e + ">";
        }
    }
}
