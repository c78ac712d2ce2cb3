package dev.enoki.wasm.nodes.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.enoki.wasm.errors.Trap;
import dev.enoki.wasm.module.Opcode;
import dev.enoki.wasm.nodes.ExpressionNode;

/**
 * Runs the numeric nodes on the official suite's own cases, without the rest of the engine: the suite files used here
 * export one function per instruction, whose body applies the instruction to its parameters, so each
 * {@code assert_return}/{@code assert_trap} on such a function is one node execution on constant operands. Skipped
 * when the suite is not checked out (system property {@code enoki.testsuite}, else {@code ../shared/wasm-testsuite}).
 */
class NumericWastTest {

    @ParameterizedTest
    @ValueSource(strings = {"i32", "i64", "f32", "f64", "f32_cmp", "f64_cmp", "f32_bitwise", "f64_bitwise",
        "conversions", "float_misc"})
    void suiteFile(String name) throws IOException {
        Path file = suiteDirectory().resolve(name + ".wast");
        assumeTrue(Files.isRegularFile(file), () -> "spec suite not found: " + file);
        Map<String, Opcode> exports = new HashMap<>();
        List<String> failures = new ArrayList<>();
        int run = 0;
        int assertions = 0;
        for (Object form : SExpression.parse(Files.readString(file))) {
            if (!(form instanceof List<?> list) || list.isEmpty()) {
                continue;
            }
            switch (String.valueOf(list.get(0))) {
                case "module" -> exports = exportedInstructions(list);
                case "assert_return", "assert_trap" -> {
                    assertions++;
                    List<?> invoke = (List<?>) list.get(1);
                    Opcode op = exports.get(unquote(invoke.get(1)));
                    if (op != null) {
                        run++;
                        String failure = check(op, invoke.subList(2, invoke.size()), list);
                        if (failure != null) {
                            failures.add(failure);
                        }
                    }
                }
                default -> {
                    // assert_invalid, assert_malformed, ...: about validation, not execution.
                }
            }
        }
        assertTrue(failures.isEmpty(), () -> failures.size() + " failures, e.g.:\n" + String.join("\n",
                        failures.subList(0, Math.min(20, failures.size()))));
        // Every assertion in these files is about a one-instruction function.
        assertEquals(assertions, run, "assertions run");
    }

    private static Path suiteDirectory() {
        String configured = System.getProperty("enoki.testsuite");
        Path root = configured != null ? Path.of(configured) : Path.of("../shared/wasm-testsuite");
        if (!Files.isDirectory(root) && configured == null) {
            root = Path.of("../../shared/wasm-testsuite");
        }
        return root.resolve("wasm-2.0");
    }

    /** The exports whose body is one numeric instruction applied to the parameters in order. */
    private static Map<String, Opcode> exportedInstructions(List<?> module) {
        Map<String, Opcode> byText = new HashMap<>();
        for (Opcode op : Opcode.values()) {
            if (NumericNodes.isNumeric(op)) {
                byText.put(op.text, op);
            }
        }
        Map<String, Opcode> exports = new HashMap<>();
        for (Object field : module) {
            if (!(field instanceof List<?> func) || !"func".equals(func.get(0))) {
                continue;
            }
            String export = null;
            List<String> params = new ArrayList<>();
            List<?> body = null;
            int bodies = 0;
            for (Object part : func.subList(1, func.size())) {
                if (part instanceof List<?> p && "export".equals(p.get(0))) {
                    export = unquote(p.get(1));
                } else if (part instanceof List<?> p && "param".equals(p.get(0))) {
                    params.add(String.valueOf(p.get(1)));
                } else if (part instanceof List<?> p && !"result".equals(p.get(0))) {
                    body = p;
                    bodies++;
                }
            }
            Opcode op = body == null ? null : byText.get(String.valueOf(body.get(0)));
            if (export != null && bodies == 1 && op != null && readsParameters(body, params)) {
                exports.put(export, op);
            }
        }
        return exports;
    }

    private static boolean readsParameters(List<?> body, List<String> params) {
        if (body.size() - 1 != params.size()) {
            return false;
        }
        for (int i = 0; i < params.size(); i++) {
            if (!(body.get(i + 1) instanceof List<?> get) || !List.of("local.get", params.get(i)).equals(get)) {
                return false;
            }
        }
        return true;
    }

    /** Runs one assertion; returns a description of the mismatch, or null. */
    private static String check(Opcode op, List<?> arguments, List<?> assertion) {
        ExpressionNode[] operands = new ExpressionNode[arguments.size()];
        for (int i = 0; i < operands.length; i++) {
            operands[i] = constant((List<?>) arguments.get(i));
        }
        boolean trapExpected = "assert_trap".equals(assertion.get(0));
        Object actual;
        try {
            actual = NumericRunner.run(op, operands);
        } catch (Trap trap) {
            String expected = trapExpected ? unquote(assertion.get(2)) : "a value";
            return expected.equals(trap.getMessage()) ? null : assertion + ": trapped with " + trap.getMessage();
        }
        if (trapExpected) {
            return assertion + ": returned " + actual;
        }
        List<?> expected = (List<?>) assertion.get(2);
        String literal = String.valueOf(expected.get(1));
        boolean matches = switch (String.valueOf(expected.get(0))) {
            case "i32.const" -> (Integer) actual == integer(literal).intValue();
            case "i64.const" -> (Long) actual == integer(literal).longValue();
            case "f32.const" -> f32Matches(Float.floatToRawIntBits((Float) actual), literal);
            case "f64.const" -> f64Matches(Double.doubleToRawLongBits((Double) actual), literal);
            default -> false;
        };
        return matches ? null : assertion + ": got " + describe(actual);
    }

    private static boolean f32Matches(int bits, String literal) {
        return switch (literal) {
            case "nan:canonical" -> (bits & 0x7FFF_FFFF) == 0x7FC0_0000;
            case "nan:arithmetic" -> (bits & 0x7FC0_0000) == 0x7FC0_0000;
            default -> bits == f32Bits(literal);
        };
    }

    private static boolean f64Matches(long bits, String literal) {
        return switch (literal) {
            case "nan:canonical" -> (bits & Long.MAX_VALUE) == 0x7FF8_0000_0000_0000L;
            case "nan:arithmetic" -> (bits & 0x7FF8_0000_0000_0000L) == 0x7FF8_0000_0000_0000L;
            default -> bits == f64Bits(literal);
        };
    }

    private static String describe(Object value) {
        return switch (value) {
            case Float f -> f + " (0x" + Integer.toHexString(Float.floatToRawIntBits(f)) + ")";
            case Double d -> d + " (0x" + Long.toHexString(Double.doubleToRawLongBits(d)) + ")";
            default -> String.valueOf(value);
        };
    }

    private static ExpressionNode constant(List<?> constant) {
        String literal = String.valueOf(constant.get(1));
        return switch (String.valueOf(constant.get(0))) {
            case "i32.const" -> NumericRunner.i32(integer(literal).intValue());
            case "i64.const" -> NumericRunner.i64(integer(literal).longValue());
            case "f32.const" -> NumericRunner.f32Bits(f32Bits(literal));
            case "f64.const" -> NumericRunner.f64Bits(f64Bits(literal));
            default -> throw new IllegalArgumentException("not a numeric constant: " + constant);
        };
    }

    // ---- the text format's number literals (wrapped modulo 2^N for integers, as the format allows)

    private static BigInteger integer(String literal) {
        String s = literal.replace("_", "");
        boolean negative = s.startsWith("-");
        if (negative || s.startsWith("+")) {
            s = s.substring(1);
        }
        BigInteger magnitude = s.startsWith("0x") ? new BigInteger(s.substring(2), 16) : new BigInteger(s);
        return negative ? magnitude.negate() : magnitude;
    }

    private static int f32Bits(String literal) {
        String s = literal.replace("_", "");
        int sign = s.startsWith("-") ? 0x8000_0000 : 0;
        String magnitude = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
        if (magnitude.equals("nan")) {
            return sign | 0x7FC0_0000;
        } else if (magnitude.startsWith("nan:0x")) {
            return sign | 0x7F80_0000 | Integer.parseInt(magnitude.substring(6), 16);
        } else if (magnitude.equals("inf")) {
            return sign | 0x7F80_0000;
        }
        // Java parses decimal and hex literals with one correct rounding, straight to f32.
        return sign | Float.floatToRawIntBits(Float.parseFloat(javaHex(magnitude)));
    }

    private static long f64Bits(String literal) {
        String s = literal.replace("_", "");
        long sign = s.startsWith("-") ? Long.MIN_VALUE : 0;
        String magnitude = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
        if (magnitude.equals("nan")) {
            return sign | 0x7FF8_0000_0000_0000L;
        } else if (magnitude.startsWith("nan:0x")) {
            return sign | 0x7FF0_0000_0000_0000L | Long.parseLong(magnitude.substring(6), 16);
        } else if (magnitude.equals("inf")) {
            return sign | 0x7FF0_0000_0000_0000L;
        }
        return sign | Double.doubleToRawLongBits(Double.parseDouble(javaHex(magnitude)));
    }

    /** Java's hex float literals need the binary exponent the text format lets one omit. */
    private static String javaHex(String magnitude) {
        return magnitude.startsWith("0x") && !magnitude.contains("p") && !magnitude.contains("P") ? magnitude + "p0"
                        : magnitude;
    }

    private static String unquote(Object token) {
        String s = String.valueOf(token);
        return s.substring(1, s.length() - 1);
    }

    /** Just enough of the text format's S-expressions: lists, atoms, strings (kept quoted), comments dropped. */
    private static final class SExpression {
        private final String text;
        private int position;

        private SExpression(String text) {
            this.text = text;
        }

        static List<Object> parse(String text) {
            SExpression parser = new SExpression(text);
            List<Object> forms = new ArrayList<>();
            Object form;
            while ((form = parser.next()) != null) {
                forms.add(form);
            }
            return forms;
        }

        /** The next list or atom; null at a closing parenthesis or the end. */
        private Object next() {
            skipSpaceAndComments();
            if (position >= text.length()) {
                return null;
            }
            char c = text.charAt(position);
            if (c == ')') {
                position++;
                return null;
            } else if (c == '(') {
                position++;
                List<Object> list = new ArrayList<>();
                Object element;
                while ((element = next()) != null) {
                    list.add(element);
                }
                return list;
            } else if (c == '"') {
                int start = position++;
                while (text.charAt(position) != '"') {
                    position += text.charAt(position) == '\\' ? 2 : 1;
                }
                return text.substring(start, ++position);
            }
            int start = position;
            while (position < text.length() && !Character.isWhitespace(text.charAt(position))
                            && "()\";".indexOf(text.charAt(position)) < 0) {
                position++;
            }
            return text.substring(start, position);
        }

        private void skipSpaceAndComments() {
            while (position < text.length()) {
                if (Character.isWhitespace(text.charAt(position))) {
                    position++;
                } else if (text.startsWith(";;", position)) {
                    int end = text.indexOf('\n', position);
                    position = end < 0 ? text.length() : end + 1;
                } else if (text.startsWith("(;", position)) {
                    skipBlockComment();
                } else {
                    return;
                }
            }
        }

        private void skipBlockComment() {
            int depth = 0;
            do {
                if (text.startsWith("(;", position)) {
                    depth++;
                    position += 2;
                } else if (text.startsWith(";)", position)) {
                    depth--;
                    position += 2;
                } else {
                    position++;
                }
            } while (depth > 0 && position < text.length());
        }
    }
}
