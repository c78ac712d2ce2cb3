package dev.enoki.wasm.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.ByteSequence;

/**
 * Run in its own JVM by {@link JitCompilationTest}: calls each function of traps.wat {@code args[1]} times, one call
 * in ten with the argument that traps, as an embedder that catches traps and calls again does. Prints, per function,
 * the traps caught and the sum of the results of the other calls.
 */
public final class TrapsAgainAndAgain {
    private static final String[] FUNCTIONS = {"load", "divide", "truncate", "unreachable", "indirect"};

    private TrapsAgainAndAgain() {
    }

    public static void main(String[] args) throws Exception {
        Path module = Path.of(args[0]);
        int calls = Integer.parseInt(args[1]);
        try (Context context = ForegroundCompilation.context()) {
            Value exports = context.eval(Source.newBuilder("wasm", ByteSequence.create(Files.readAllBytes(module)), "traps").build()).newInstance().getMember("exports");
            for (String name : FUNCTIONS) {
                Value function = exports.getMember(name);
                int traps = 0;
                long sum = 0;
                for (int i = 0; i < calls; i++) {
                    try {
                        sum += function.execute(i % 10 == 0 ? 0 : 1).asInt();
                    } catch (PolyglotException e) {
                        traps++;
                    }
                }
                System.out.println(name + " " + traps + " " + sum);
            }
        }
    }
}
