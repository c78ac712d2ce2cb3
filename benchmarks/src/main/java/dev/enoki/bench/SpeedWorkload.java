package dev.enoki.bench;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Language;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.ByteSequence;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The speed workload for a Truffle Wasm engine (Enoki or GraalWasm, whichever one is on the class path: both register
 * the language id {@code "wasm"}), run in a child JVM by {@link SpeedBenchmark}. It runs one WASI command
 * ({@code _start}) {@code --runs N} times: one {@link Engine} shared by all runs, a new {@link Context} per run (so a
 * fresh instance, memory and WASI state every time), with {@code wasm.Builtins=wasi_snapshot_preview1} and the
 * program name as the only argument. Uses the polyglot API only, so the same code measures both engines.
 *
 * <pre>
 * java -cp benchmarks/target/classes:benchmarks/target/enoki-lib/* dev.enoki.bench.SpeedWorkload \
 *      --file benchmarks/target/corpus/wasm/fib.wasm [--runs 5] [--option wasm.SomeOption=value]
 * </pre>
 *
 * Each run's time covers building the context, parsing (or taking from the engine's cache) and instantiating the
 * module, running {@code _start} and closing the context. Results go to standard output as {@code RESULT key=value}
 * lines: {@code run.I.seconds}, {@code run.I.exit} and {@code run.I.output} (the program's standard output, with
 * {@code \n} for line breaks); the program's standard error goes to this process's standard error.
 */
public final class SpeedWorkload {
    private SpeedWorkload() {
    }

    public static void main(String[] args) throws Exception {
        Path file = null;
        int runs = 1;
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--file" -> file = Path.of(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--option" -> {
                    String[] kv = args[++i].split("=", 2);
                    options.put(kv[0], kv.length > 1 ? kv[1] : "true");
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (file == null) {
            throw new IllegalArgumentException("usage: SpeedWorkload --file X.wasm [--runs N] [--option KEY=VALUE]...");
        }
        String name = file.getFileName().toString();
        byte[] bytes = Files.readAllBytes(file);
        try (Engine engine = Engine.newBuilder("wasm").allowExperimentalOptions(true).options(options).build()) {
            Source source = Source.newBuilder("wasm", ByteSequence.create(bytes), name).build();
            for (int run = 1; run <= runs; run++) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int exit = 0;
                long t0 = System.nanoTime();
                try (Context context = Context.newBuilder("wasm").engine(engine)
                                .option("wasm.Builtins", "wasi_snapshot_preview1")
                                .arguments("wasm", new String[]{name})
                                .out(out).err(System.err).build()) {
                    Value instance = context.eval(source).newInstance();
                    try {
                        instance.getMember("exports").getMember("_start").execute();
                    } catch (PolyglotException e) {
                        if (!e.isExit()) {
                            throw e;
                        }
                        exit = e.getExitStatus();
                    }
                }
                long t1 = System.nanoTime();
                WorkloadResults.result("run." + run + ".seconds", String.format(Locale.ROOT, "%.6f", (t1 - t0) / 1e9));
                WorkloadResults.result("run." + run + ".exit", exit);
                WorkloadResults.result("run." + run + ".output", WorkloadResults.escape(out.toString(StandardCharsets.UTF_8)));
            }
            Language wasm = engine.getLanguages().get("wasm");
            WorkloadResults.result("engine.language", (wasm.getImplementationName().isBlank() ? wasm.getName() : wasm.getImplementationName()) + " " + wasm.getVersion());
            WorkloadResults.result("engine.runtime", engine.getImplementationName());
        }
        WorkloadResults.result("done", "true");
    }
}
