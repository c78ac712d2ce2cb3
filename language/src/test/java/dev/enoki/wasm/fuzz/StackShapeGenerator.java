package dev.enoki.wasm.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Random valid modules in the text format whose code is stack code, written to stress how an engine turns the operand
 * stack into something else (for Enoki, the AST builder's pending values and temporary slots). Values stay on the
 * stack while calls with several results, indirect calls, stores, memory.grow, local and global writes, blocks and
 * branches happen above them, and are consumed later; the function bodies are made by {@link StackCodeGenerator}.
 *
 * <p>What a module does is fixed by the spec, so two correct engines agree on it: loops count down a local that
 * nothing else writes, each call spends one unit of a global fuel (with none left a function returns zeros at once,
 * so recursion ends too), and a float whose bits become visible (stored, reinterpreted, giving its sign to copysign)
 * is made 0 first if it is a NaN, whose payload and sign an engine may choose.
 */
final class StackShapeGenerator {
    /** The fuel an exported call starts with: the calls it may make, all nested calls counted. */
    static final int FUEL = 300;
    static final int MAX_PAGES = 2;

    enum NumType {
        I32, I64, F32, F64;

        final String text = name().toLowerCase(Locale.ROOT);

        boolean isFloat() {
            return this == F32 || this == F64;
        }

        static final List<NumType> ALL = List.of(values());
    }

    record Signature(List<NumType> params, List<NumType> results) {
        /** The params and results as a block or function type: {@code (param i32 f64) (result i64)}. */
        String text() {
            StringBuilder out = new StringBuilder();
            if (!params.isEmpty()) {
                out.append("(param");
                params.forEach(t -> out.append(' ').append(t.text));
                out.append(')');
            }
            if (!results.isEmpty()) {
                out.append(out.isEmpty() ? "" : " ").append("(result");
                results.forEach(t -> out.append(' ').append(t.text));
                out.append(')');
            }
            return out.toString();
        }
    }

    record Global(NumType type, boolean mutable) {
    }

    private final Random random;
    final List<Signature> signatures = new ArrayList<>();
    /** The signature index of each function. */
    final List<Integer> functions = new ArrayList<>();
    /** Global 0 is the fuel, which generated code reads but never writes. */
    final List<Global> globals = new ArrayList<>();

    private StackShapeGenerator(long seed) {
        this.random = new Random(seed);
    }

    /** The text of the module made from {@code seed}. */
    static String module(long seed) {
        return new StackShapeGenerator(seed).module();
    }

    private String module() {
        int signatureCount = 2 + random.nextInt(4);
        for (int i = 0; i < signatureCount; i++) {
            signatures.add(new Signature(types(new int[]{3, 4, 4, 2}), types(new int[]{2, 5, 3, 2})));
        }
        int functionCount = 3 + random.nextInt(5);
        for (int i = 0; i < functionCount; i++) {
            functions.add(random.nextInt(signatureCount));
        }
        globals.add(new Global(NumType.I32, true));
        int globalCount = 3 + random.nextInt(4);
        for (int i = 0; i < globalCount; i++) {
            globals.add(new Global(type(), random.nextInt(4) != 0));
        }

        StringBuilder out = new StringBuilder("(module\n");
        for (int i = 0; i < signatures.size(); i++) {
            out.append("  (type $s").append(i).append(" (func ").append(signatures.get(i).text()).append("))\n");
        }
        for (int i = 0; i < globals.size(); i++) {
            Global g = globals.get(i);
            String init = i == 0 ? "i32.const 0" : constant(g.type);
            out.append("  (global ").append(globalName(i)).append(g.mutable ? " (mut " + g.type.text + ")" : " " + g.type.text)
                            .append(" (").append(init).append("))\n");
        }
        out.append("  (memory 1 ").append(MAX_PAGES).append(")\n");
        out.append("  (data (i32.const 0) \"");
        for (int i = 0; i < 96; i++) {
            out.append(String.format("\\%02x", random.nextInt(256)));
        }
        out.append("\")\n");
        // One slot more than there are functions, left null: call_indirect through it traps.
        out.append("  (table ").append(functionCount + 1).append(" funcref)\n  (elem (i32.const 0) func");
        for (int i = 0; i < functionCount; i++) {
            out.append(" $f").append(i);
        }
        out.append(")\n");
        out.append("  (export \"memory\" (memory 0))\n");
        for (int i = 0; i < globals.size(); i++) {
            if (globals.get(i).mutable) {
                out.append("  (export \"").append(globalName(i).substring(1)).append("\" (global ").append(globalName(i)).append("))\n");
            }
        }
        out.append("  (func (export \"refuel\") i32.const ").append(FUEL).append(" global.set $fuel)\n");
        for (int i = 0; i < functionCount; i++) {
            out.append(new StackCodeGenerator(this, random, i).function());
        }
        return out.append(")\n").toString();
    }

    static String globalName(int index) {
        return index == 0 ? "$fuel" : "$g" + index;
    }

    Signature signatureOf(int function) {
        return signatures.get(functions.get(function));
    }

    /** A type, i32 the most often: values of one type combine without conversions. */
    NumType type() {
        return NumType.ALL.get(pick(random, 4, 3, 2, 2));
    }

    /** Up to three types, their count drawn with the weights given for 0, 1, 2 and 3. */
    private List<NumType> types(int[] weights) {
        int count = pick(random, weights);
        List<NumType> types = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            types.add(type());
        }
        return types;
    }

    /** An index drawn with the given weights. */
    static int pick(Random random, int... weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int r = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        throw new AssertionError();
    }

    /** A constant instruction: mostly small numbers, and the edges where division, shifts and conversions turn. */
    String constant(NumType type) {
        return type.text + ".const " + switch (type) {
            case I32 -> Integer.toString(intConstant());
            case I64 -> Long.toString(longConstant());
            case F32 -> floatText((float) floatConstant());
            case F64 -> doubleText(floatConstant());
        };
    }

    private int intConstant() {
        return switch (pick(random, 3, 10, 6, 3, 2, 3)) {
            case 0 -> 0;
            case 1 -> random.nextInt(24) - 4;
            case 2 -> random.nextInt(160);
            case 3 -> (1 << random.nextInt(32)) + random.nextInt(3) - 1;
            case 4 -> random.nextBoolean() ? Integer.MIN_VALUE : Integer.MAX_VALUE;
            default -> random.nextInt();
        };
    }

    private long longConstant() {
        return switch (pick(random, 3, 10, 4, 3, 2, 3)) {
            case 0 -> 0;
            case 1 -> random.nextInt(24) - 4;
            case 2 -> random.nextInt(160);
            case 3 -> (1L << random.nextInt(64)) + random.nextInt(3) - 1;
            case 4 -> random.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE;
            default -> random.nextLong();
        };
    }

    private double floatConstant() {
        return switch (pick(random, 2, 8, 5, 3, 2, 2)) {
            case 0 -> random.nextBoolean() ? 0.0 : -0.0;
            case 1 -> random.nextInt(24) - 4;
            case 2 -> (random.nextInt(400) - 200) / 8.0;
            case 3 -> new double[]{2147483648.0, -2147483649.0, 4294967296.0, 9.2233720368547758E18, -9.3e18, 1e10, 3e38, 1e300}[random.nextInt(8)];
            case 4 -> new double[]{Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Float.MIN_VALUE, 1e-40, 0.5}[random.nextInt(6)];
            default -> {
                double d;
                do {
                    d = Double.longBitsToDouble(random.nextLong());
                } while (Double.isNaN(d) || Float.isNaN((float) d));
                yield d;
            }
        };
    }

    private static String floatText(float f) {
        return Float.isInfinite(f) ? (f > 0 ? "inf" : "-inf") : Float.toHexString(f);
    }

    private static String doubleText(double d) {
        return Double.isInfinite(d) ? (d > 0 ? "inf" : "-inf") : Double.toHexString(d);
    }
}
