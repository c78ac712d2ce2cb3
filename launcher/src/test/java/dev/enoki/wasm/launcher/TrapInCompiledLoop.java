package dev.enoki.wasm.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.ByteSequence;

/**
 * Run in its own JVM by {@link JitCompilationTest}: compiles fill.wat's loop with in-bounds calls, then calls it with
 * ranges that run past the end of memory, {@code args[1]} times. Prints the trap's message and what the last call wrote
 * before it trapped: the last word of memory and the first one written.
 */
public final class TrapInCompiledLoop {
    private TrapInCompiledLoop() {
    }

    public static void main(String[] args) throws Exception {
        Path module = Path.of(args[0]);
        int traps = Integer.parseInt(args[1]);
        try (Context context = ForegroundCompilation.context()) {
            Value instance = context.eval(Source.newBuilder("wasm", ByteSequence.create(Files.readAllBytes(module)), "fill").build()).newInstance();
            Value fill = instance.getMember("exports").getMember("fill");
            Value read = instance.getMember("exports").getMember("read");
            for (int i = 0; i < 20_000; i++) {
                fill.execute(0, 1000);
            }
            String message = null;
            for (int i = 0; i < traps; i++) {
                try {
                    // 65536 bytes: the words at 60000, 60004, ... 65532 are in bounds, the 1385th is not.
                    fill.execute(60_000, 2000);
                } catch (PolyglotException e) {
                    message = e.getMessage();
                }
            }
            System.out.println(message);
            System.out.println(read.execute(65_532).asInt());
            System.out.println(read.execute(60_000).asInt());
        }
    }
}
