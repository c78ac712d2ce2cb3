package dev.enoki.wasm.fuzz;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.ByteSequence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Runs a {@link StackShapeGenerator} module on Enoki and records what can be observed, in the format of
 * {@code fuzz/run-stack-shapes.js}: for each exported function {@code fN}, called after {@code refuel} with the
 * arguments of {@link #argument}, its results, or "trap" and the trap's message, or "exhaustion"; after each call the
 * memory's size in pages and FNV-1a hash, and the value of each exported global. NaNs print as "nan" (their payloads
 * are the engine's choice).
 */
final class StackShapeTrace {
    private static final Pattern FUNCTION = Pattern.compile("f\\d+");

    private StackShapeTrace() {
    }

    static List<String> run(byte[] wasm, String name) {
        List<String> lines = new ArrayList<>();
        try (Context context = Context.newBuilder("wasm").option("engine.WarnInterpreterOnly", "false").build()) {
            try {
                Value module = context.eval(Source.newBuilder("wasm", ByteSequence.create(wasm), name).buildLiteral());
                Value exports = module.newInstance().getMember("exports");
                Map<String, String> functions = new LinkedHashMap<>();
                Map<String, String> globals = new LinkedHashMap<>();
                Value descriptions = module.getMember("exports");
                for (long i = 0; i < descriptions.getArraySize(); i++) {
                    Value d = descriptions.getArrayElement(i);
                    String export = d.getMember("name").asString();
                    String kind = d.getMember("kind").asString();
                    if (kind.equals("function") && FUNCTION.matcher(export).matches()) {
                        functions.put(export, d.getMember("type").asString());
                    } else if (kind.equals("global")) {
                        // "i32 mut"
                        globals.put(export, d.getMember("type").asString().split(" ")[0]);
                    }
                }
                for (Map.Entry<String, String> function : functions.entrySet()) {
                    exports.getMember("refuel").execute();
                    String outcome = call(exports.getMember(function.getKey()), function.getValue());
                    lines.add("call " + function.getKey() + " -> " + outcome);
                    lines.add("state " + state(exports, globals));
                    if (outcome.equals("exhaustion")) {
                        break;
                    }
                }
            } catch (PolyglotException e) {
                lines.add("instantiate failed: " + e.getMessage());
            }
        }
        return lines;
    }

    /** The argument at {@code position} of a {@code type} parameter; run-stack-shapes.js passes the same. */
    static Object argument(String type, int position) {
        int i = position % 3;
        return switch (type) {
            case "i32" -> new int[]{13, -7, 200}[i];
            case "i64" -> new long[]{-99, 4294967297L, 42}[i];
            case "f32" -> new float[]{1.5f, -2.25f, 1048576f}[i];
            case "f64" -> new double[]{-0.5, 3e9, 7.25}[i];
            default -> throw new IllegalArgumentException(type);
        };
    }

    /** Calls {@code function} of {@code signature} ("(i32 i64)f32"). */
    private static String call(Value function, String signature) {
        String[] params = FuzzTrace.parameters(signature);
        Object[] args = new Object[params.length];
        for (int i = 0; i < params.length; i++) {
            args[i] = argument(params[i], i);
        }
        return FuzzTrace.outcome(function, args, FuzzTrace.results(signature), true);
    }

    private static String state(Value exports, Map<String, String> globals) {
        Value memory = exports.getMember("memory");
        byte[] bytes = new byte[(int) memory.getBufferSize()];
        memory.readBuffer(0, bytes, 0, bytes.length);
        int hash = 0x811c9dc5;
        for (byte b : bytes) {
            hash = (hash ^ (b & 0xFF)) * 0x01000193;
        }
        StringBuilder out = new StringBuilder("mem=").append(bytes.length / 65536).append(':').append(Integer.toHexString(hash));
        globals.forEach((name, type) -> out.append(' ').append(name).append('=').append(FuzzTrace.show(type, exports.getMember(name).getMember("value"))));
        return out.toString();
    }
}
