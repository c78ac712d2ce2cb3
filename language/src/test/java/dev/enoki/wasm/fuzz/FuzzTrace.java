package dev.enoki.wasm.fuzz;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.ByteSequence;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a binaryen {@code -ttf} module on Enoki and records what can be observed, in the format of
 * {@code fuzz/run-node.js}: each fuzzing-support log call, and for each exported function (called with zero
 * arguments after resetting the hang limit) its results, "trap" or "exhaustion". NaNs print as "nan" because the
 * spec lets engines choose NaN payloads.
 */
final class FuzzTrace {
    private FuzzTrace() {
    }

    static List<String> run(byte[] wasm, String name) {
        List<String> lines = new ArrayList<>();
        try (Context context = Context.newBuilder("wasm").option("engine.WarnInterpreterOnly", "false").build()) {
            try {
                Value module = context.eval(Source.newBuilder("wasm", ByteSequence.create(wasm), name).buildLiteral());
                ProxyObject support = ProxyObject.fromMap(Map.of(
                                "log-i32", logger(lines, "i32"), "log-i64", logger(lines, "i64"),
                                "log-f32", logger(lines, "f32"), "log-f64", logger(lines, "f64")));
                Value exports = module.newInstance(ProxyObject.fromMap(Map.of("fuzzing-support", support))).getMember("exports");
                Value descriptions = module.getMember("exports");
                for (long i = 0; i < descriptions.getArraySize(); i++) {
                    Value d = descriptions.getArrayElement(i);
                    String export = d.getMember("name").asString();
                    if (!d.getMember("kind").asString().equals("function") || export.equals("hangLimitInitializer")) {
                        continue;
                    }
                    if (exports.hasMember("hangLimitInitializer")) {
                        exports.getMember("hangLimitInitializer").execute();
                    }
                    String outcome = call(exports.getMember(export), d.getMember("type").asString());
                    lines.add("call " + export + " -> " + outcome);
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

    private static Object logger(List<String> lines, String type) {
        return (ProxyExecutable) args -> {
            lines.add("log " + show(type, args[0]));
            return null;
        };
    }

    /** Calls with zero arguments of the types in {@code signature} ("(i32 i64)f32"). */
    private static String call(Value function, String signature) {
        String[] params = parameters(signature);
        Object[] args = new Object[params.length];
        for (int i = 0; i < params.length; i++) {
            args[i] = switch (params[i]) {
                case "i32" -> 0;
                case "i64" -> 0L;
                case "f32" -> 0f;
                case "f64" -> 0d;
                default -> null;
            };
        }
        return outcome(function, args, results(signature), false);
    }

    /**
     * What a call shows: its results by type, "exhaustion", "trap" (with the trap's message if asked) or "error" with
     * what the host saw.
     */
    static String outcome(Value function, Object[] args, String[] results, boolean trapMessage) {
        try {
            Value r = function.execute(args);
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < results.length; i++) {
                Value v = results.length == 1 ? r : r.getArrayElement(i);
                out.append(i == 0 ? "" : " ").append(show(results[i], v));
            }
            return out.toString();
        } catch (PolyglotException e) {
            if (e.isGuestException() && e.getMessage().contains("call stack exhausted")) {
                return "exhaustion";
            }
            if (e.isGuestException() && !e.isInternalError()) {
                return trapMessage ? "trap " + e.getMessage() : "trap";
            }
            return "error " + e;
        }
    }

    /** The parameter types of a signature written "(i32 i64)f32". */
    static String[] parameters(String signature) {
        return types(signature.substring(1, signature.indexOf(')')));
    }

    /** The result types of a signature written "(i32 i64)f32". */
    static String[] results(String signature) {
        return types(signature.substring(signature.indexOf(')') + 1));
    }

    private static String[] types(String list) {
        return list.isEmpty() ? new String[0] : list.split(" ");
    }

    static String show(String type, Value v) {
        return switch (type) {
            case "i32" -> "i32:" + v.asInt();
            case "i64" -> "i64:" + v.asLong();
            case "f32" -> Float.isNaN(v.asFloat()) ? "nan" : "f32:" + Integer.toUnsignedString(Float.floatToRawIntBits(v.asFloat()));
            case "f64" -> Double.isNaN(v.asDouble()) ? "nan" : "f64:" + Long.toUnsignedString(Double.doubleToRawLongBits(v.asDouble()));
            default -> v.isNull() ? "null" : "ref";
        };
    }
}
