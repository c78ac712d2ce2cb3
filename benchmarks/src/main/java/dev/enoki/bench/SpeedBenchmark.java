package dev.enoki.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The speed benchmark: the same WASI programs on native code, node, Enoki, GraalWasm 25.0.1 and Chicory 1.7.5 (AOT), in
 * one invocation, interleaved, several runs each; it prints a table of medians and ratios (first run and steady
 * state, and interpreter-only for the two Truffle engines). From the repository root:
 *
 * <pre>
 * export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
 * mvn -B -q -DskipTests package &amp;&amp; $JAVA_HOME/bin/java -cp benchmarks/target/classes dev.enoki.bench.SpeedBenchmark
 * </pre>
 *
 * <p>The corpus is {@code ../shared/bench/src/*.c} (the issue's eight programs) plus {@code benchmarks/kernels/*.c},
 * compiled at start into {@code benchmarks/target/corpus}: {@code clang --target=wasm32-wasi -O2 -lm} (plus the flags
 * of a {@code wasm-flags:} line in the source) and {@code cc -O2 -lm}, both with the flags of a {@code flags:} line and
 * the file an {@code npm-source:} line names. Every engine's output must equal the native program's; a mismatch is
 * reported loudly. A {@code warm-up-runs: K} line makes the steady-state JVM run the program K times before the runs it
 * measures, for a program that takes longer than one run to warm up.
 *
 * <p>Methodology (the issue's): native and node ({@code node:wasi}, preview1) are whole-process wall seconds. For the JVM
 * engines, <em>first run</em> is a fresh JVM running the program once, JIT enabled, start-up included (wall seconds of
 * the child process); <em>steady</em> is one JVM with a shared engine ({@link SpeedWorkload}; for Chicory the module
 * compiled once, {@link ChicoryWorkload}), a new context per run, the median (and best) of runs 2 to N (of the N - 1
 * runs after a kernel's warm-up runs, when it names more than one). Each steady-state JVM is bracketed by runs of the
 * native program just before and just after it ({@code --native-around}): this machine's speed drifts by up to 2x for
 * tens of seconds at a time, native code included, so a steady median is also compared with the native runs of its own
 * minute (the <em>paired</em> ratios).
 * <em>Interpreter-only</em> runs Enoki and GraalWasm on the plain class path (Truffle's fallback runtime), in-JVM seconds
 * of a run in a fresh JVM. Enoki and GraalWasm both register the language id {@code "wasm"}, so every JVM child has one
 * engine's class path only ({@link ChildJvm}). The JIT children run the Graal compiler from the stock JDK: compiler jars
 * on {@code --upgrade-module-path}, the rest on the class path. {@code bin/wasm} (the real launcher, when it is built)
 * gets an optional first-run column.
 *
 * <p>Run with {@code --help} for the options.
 */
public final class SpeedBenchmark {
    enum Kind {
        NATIVE, NODE, TRUFFLE, CHICORY, LAUNCHER
    }

    record EngineDef(String key, String label, Kind kind, String libDir) {
    }

    static final List<EngineDef> ALL_ENGINES = List.of(
                    new EngineDef("native", "native", Kind.NATIVE, null),
                    new EngineDef("node", "node", Kind.NODE, null),
                    new EngineDef("enoki", "Enoki", Kind.TRUFFLE, "enoki-lib"),
                    new EngineDef("graalwasm", "GraalWasm", Kind.TRUFFLE, "graalwasm-lib"),
                    new EngineDef("chicory", "Chicory", Kind.CHICORY, "chicory-lib"),
                    new EngineDef("launcher", "bin/wasm", Kind.LAUNCHER, null));

    /**
     * A program of the corpus. {@code shared}: from ../shared/bench (the issue's set), else one of benchmarks/kernels.
     * {@code warmUpRuns}: the runs of a steady-state JVM before those it measures (1 unless the source says more).
     */
    record Benchmark(String name, Path source, boolean shared, int warmUpRuns) {
    }

    // ---- options ----
    private int runs = 5;
    private int firstRuns = 3;
    private int interpreterRuns = 1;
    private int nativeAround = 2;
    private List<String> benchmarkNames;
    private List<String> interpreterBenchmarkNames;
    private List<String> engineKeys;
    private boolean firstRun = true;
    private boolean steady = true;
    private boolean interpreter = true;
    private boolean traceCheck = true;
    private String traceBenchmark;
    private List<String> diagnoseNames = List.of();
    private String diagnoseEngine = "enoki";
    private final List<String> extraJvmArgs = new ArrayList<>();
    private String javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private String nodeCommand = "node";
    private long timeoutSeconds = 1800;
    private Path repo;
    private Path sharedBench;
    private Path work;

    // ---- state ----
    private Path target;
    private Path corpus;
    private Path logs;
    private List<Benchmark> benchmarks;
    private List<EngineDef> engines;
    private final Map<String, String> expectedOutput = new LinkedHashMap<>();
    /** benchmark -> column -> samples (seconds). */
    private final Map<String, Map<String, List<Double>>> samples = new LinkedHashMap<>();
    /** benchmark -> column -> why there is no (or no trustworthy) value. */
    private final Map<String, Map<String, String>> failures = new LinkedHashMap<>();
    private final List<String> mismatches = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, String> engineVersions = new LinkedHashMap<>();
    private String loadBefore = "?";
    private String loadAfter = "?";
    private long startNanos;
    private int step;
    private int totalSteps;

    public static void main(String[] args) throws Exception {
        SpeedBenchmark benchmark = new SpeedBenchmark();
        benchmark.parse(args);
        benchmark.locate();
        benchmark.buildCorpus();
        benchmark.run();
        StringWriter text = new StringWriter();
        benchmark.report(new PrintWriter(text));
        System.out.print(text);
        System.out.flush();
        Files.writeString(benchmark.work.resolve("report.txt"), text.toString());
    }

    private static final String USAGE = """
                    usage: SpeedBenchmark [options]
                      --runs N                  runs per steady-state JVM (default 5; statistics over runs 2..N, after
                                                a kernel's warm-up-runs: line over the N - 1 runs after those)
                      --first-runs N            fresh JVMs (and native/node processes) per benchmark and engine (default 3)
                      --interpreter-runs N      interpreter-only runs per benchmark and engine, in one fresh JVM (default 1)
                      --native-around N         native processes just before and N just after each steady-state JVM, for the
                                                paired ratios (default 2; 0: none)
                      --benchmarks a,b,...      subset of the corpus (default: all of ../shared/bench/src and benchmarks/kernels)
                      --interpreter-benchmarks a,b,...   subset for the interpreter-only column (default: --benchmarks)
                      --engines a,b,...         of native,node,enoki,graalwasm,chicory,launcher (default: all; launcher only if
                                                bin/wasm and launcher/target exist). native always runs: it gives the expected
                                                output and the ratios' denominator
                      --no-first-run            skip the JVM engines' first-run column (and bin/wasm)
                      --no-steady               skip the steady-state column
                      --no-interpreter          skip the interpreter-only column
                      --no-trace-check          skip the (untimed) TraceCompilation check that the Truffle JITs compile
                      --trace-benchmark NAME    program for that check (default: the first benchmark)
                      --diagnose a,b,...|auto   after the measurements, run these programs once more in a steady-state JVM with
                                                TraceCompilation, TraceDeoptimizeFrame, TracePerformanceWarnings=all,
                                                TraceTransferToInterpreter and TraceInlining, and
                                                summarize compilations, deoptimizations, invalidations and warnings (untimed);
                                                auto: the two with the highest steady-state ratio to native
                      --diagnose-engine KEY     enoki (default) or graalwasm
                      --jvm-arg ARG             added to every JVM child (repeatable)
                      --java PATH               java for the children (default: this JVM's)
                      --node PATH               node (default: node on PATH)
                      --timeout SECONDS         per child process (default 1800)
                      --repo DIR                the repository root (default: found from benchmarks/target)
                      --shared-bench DIR        the shared corpus sources (default: REPO/../shared/bench/src)
                      --work DIR                logs and results (default: benchmarks/target/speed)
                    """;

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--runs" -> runs = Math.max(1, Integer.parseInt(args[++i]));
                case "--first-runs" -> firstRuns = Math.max(1, Integer.parseInt(args[++i]));
                case "--native-around" -> nativeAround = Math.max(0, Integer.parseInt(args[++i]));
                case "--interpreter-runs" -> interpreterRuns = Math.max(1, Integer.parseInt(args[++i]));
                case "--benchmarks" -> benchmarkNames = list(args[++i]);
                case "--interpreter-benchmarks" -> interpreterBenchmarkNames = list(args[++i]);
                case "--engines" -> engineKeys = list(args[++i]);
                case "--no-first-run" -> firstRun = false;
                case "--no-steady" -> steady = false;
                case "--no-interpreter" -> interpreter = false;
                case "--no-trace-check" -> traceCheck = false;
                case "--trace-benchmark" -> traceBenchmark = args[++i];
                case "--diagnose" -> diagnoseNames = list(args[++i]);
                case "--diagnose-engine" -> diagnoseEngine = args[++i];
                case "--jvm-arg" -> extraJvmArgs.add(args[++i]);
                case "--java" -> javaCommand = args[++i];
                case "--node" -> nodeCommand = args[++i];
                case "--timeout" -> timeoutSeconds = Long.parseLong(args[++i]);
                case "--repo" -> repo = Path.of(args[++i]).toAbsolutePath();
                case "--shared-bench" -> sharedBench = Path.of(args[++i]).toAbsolutePath();
                case "--work" -> work = Path.of(args[++i]).toAbsolutePath();
                case "-h", "--help" -> {
                    System.out.print(USAGE);
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("unknown argument " + a + " (try --help)");
            }
        }
    }

    private static List<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private void locate() throws Exception {
        target = ChildJvm.target(SpeedBenchmark.class);
        if (repo == null) {
            repo = target.getParent().getParent();
        }
        if (sharedBench == null) {
            sharedBench = repo.getParent().resolve("shared").resolve("bench").resolve("src");
        }
        if (work == null) {
            work = target.resolve("speed");
        }
        corpus = target.resolve("corpus");
        logs = work.resolve("logs");
        Files.createDirectories(logs);

        List<EngineDef> chosen = new ArrayList<>();
        boolean launcherBuilt = Files.isExecutable(repo.resolve("bin/wasm")) && Files.isDirectory(repo.resolve("launcher/target/lib"));
        for (EngineDef e : ALL_ENGINES) {
            boolean wanted = engineKeys == null ? (e.kind() != Kind.LAUNCHER || launcherBuilt) : engineKeys.contains(e.key()) || e.kind() == Kind.NATIVE;
            if (wanted) {
                chosen.add(e);
            }
        }
        if (engineKeys != null) {
            for (String k : engineKeys) {
                if (ALL_ENGINES.stream().noneMatch(e -> e.key().equals(k))) {
                    throw new IllegalArgumentException("engines are: " + ALL_ENGINES.stream().map(EngineDef::key).toList());
                }
            }
            if (engineKeys.contains("launcher") && !launcherBuilt) {
                throw new IllegalStateException("bin/wasm needs launcher/target/lib: build first with `mvn -B -q -DskipTests package`");
            }
        } else if (!launcherBuilt) {
            notes.add("bin/wasm column left out: " + repo.resolve("bin/wasm") + " or launcher/target/lib is missing.");
        }
        engines = chosen;
        for (EngineDef e : engines) {
            if (e.libDir() != null) {
                ChildJvm.requireDirectory(target.resolve(e.libDir()));
            }
        }
        if (has("enoki") || has("graalwasm")) {
            ChildJvm.requireDirectory(target.resolve("jit-lib"));
        }

        List<Benchmark> all = new ArrayList<>();
        if (Files.isDirectory(sharedBench)) {
            all.addAll(sources(sharedBench, true));
        } else {
            notes.add("shared corpus " + sharedBench + " not found: only benchmarks/kernels runs.");
        }
        Path kernels = repo.resolve("benchmarks").resolve("kernels");
        if (Files.isDirectory(kernels)) {
            all.addAll(sources(kernels, false));
        }
        if (benchmarkNames == null) {
            benchmarks = all;
        } else {
            benchmarks = new ArrayList<>();
            for (String n : benchmarkNames) {
                benchmarks.add(all.stream().filter(b -> b.name().equals(n)).findFirst()
                                .orElseThrow(() -> new IllegalArgumentException("no benchmark " + n + "; there are " + all.stream().map(Benchmark::name).toList())));
            }
        }
        if (benchmarks.isEmpty()) {
            throw new IllegalStateException("no benchmarks found");
        }
        if (interpreterBenchmarkNames == null) {
            interpreterBenchmarkNames = benchmarks.stream().map(Benchmark::name).toList();
        }
        if (traceBenchmark == null) {
            traceBenchmark = benchmarks.get(0).name();
        }
    }

    /** Which programs warm up longer, and which of their runs count instead of 2..N. */
    private String warmUpNote() {
        List<String> longer = benchmarks.stream().filter(b -> b.warmUpRuns() > 1)
                        .map(b -> String.format(Locale.ROOT, "%s: runs %d..%d", b.name(), b.warmUpRuns() + 1, b.warmUpRuns() + runs - 1)).toList();
        return longer.isEmpty() ? "no program with more warm-up runs" : String.join(", ", longer);
    }

    private boolean has(String key) {
        return engines.stream().anyMatch(e -> e.key().equals(key));
    }

    private static List<Benchmark> sources(Path dir, boolean shared) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".c")).sorted()
                            .map(p -> new Benchmark(p.getFileName().toString().replaceFirst("\\.c$", ""), p, shared, warmUpRuns(p))).toList();
        }
    }

    /**
     * The runs before a steady state, from a {@code warm-up-runs:} line. SQLite's 1.1 MB of code keeps the compiler
     * busy for its first ten runs or so, on every JIT engine: in one JVM, Enoki's runs 2..5 took 11.1-6.8 s and its
     * runs 11..20 3.7-5.7 s (GraalWasm: 9.4-4.2 s, then 2.7-3.2 s).
     */
    private static int warmUpRuns(Path source) {
        try {
            Matcher m = WARM_UP_RUNS.matcher(Files.readString(source));
            return m.find() ? Integer.parseInt(m.group(1)) : 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- the corpus ----

    private static final Pattern WASM_FLAGS = Pattern.compile("wasm-flags:([^\\n*]*)");
    /** Flags for both builds. */
    private static final Pattern FLAGS = Pattern.compile("(?<![-\\w])flags:([^\\n*]*)");
    /**
     * A C file of an npm package built with the kernel, {@code npm-source: PACKAGE@VERSION PATH}: fetched with
     * {@code npm pack} into the corpus folder (once), so that a large third-party program is benchmarked without its
     * source in this repository.
     */
    private static final Pattern NPM_SOURCE = Pattern.compile("npm-source:\\s*(\\S+)\\s+(\\S+)");
    private static final Pattern WARM_UP_RUNS = Pattern.compile("warm-up-runs:\\s*(\\d+)");

    private void buildCorpus() throws IOException, InterruptedException {
        Files.createDirectories(corpus.resolve("wasm"));
        Files.createDirectories(corpus.resolve("native"));
        System.err.println("Building the corpus into " + corpus + " ...");
        for (Benchmark b : benchmarks) {
            String text = Files.readString(b.source());
            List<String> both = new ArrayList<>(flags(FLAGS, text));
            both.add(b.source().toString());
            Matcher npm = NPM_SOURCE.matcher(text);
            if (npm.find()) {
                Path file = npmSource(b, npm.group(1), npm.group(2));
                both.addAll(List.of("-I", file.getParent().toString(), file.toString()));
            }
            List<String> wasm = new ArrayList<>(List.of("clang", "--target=wasm32-wasi", "-O2"));
            wasm.addAll(flags(WASM_FLAGS, text));
            wasm.addAll(List.of("-o", wasmFile(b).toString()));
            wasm.addAll(both);
            wasm.add("-lm");
            compile(b, "wasm", wasm);
            List<String> cc = new ArrayList<>(List.of("cc", "-O2", "-o", nativeFile(b).toString()));
            cc.addAll(both);
            cc.add("-lm");
            compile(b, "native", cc);
        }
        Path runner = work.resolve("run-wasi.mjs");
        Files.writeString(runner, """
                        // Runs a WASI (preview1) command on node: node --no-warnings run-wasi.mjs FILE.wasm
                        import { readFile } from 'node:fs/promises';
                        import { WASI } from 'node:wasi';
                        import { basename } from 'node:path';
                        const file = process.argv[2];
                        const wasi = new WASI({ version: 'preview1', args: [basename(file)], env: {}, returnOnExit: true });
                        const module = await WebAssembly.compile(await readFile(file));
                        const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
                        process.exitCode = wasi.start(instance);
                        """);
    }

    private static List<String> flags(Pattern line, String source) {
        Matcher m = line.matcher(source);
        return m.find() ? list(m.group(1).trim().replaceAll("\\s+", ",")) : List.of();
    }

    /** {@code path} in npm package {@code spec}, fetched and unpacked under the corpus folder the first time. */
    private Path npmSource(Benchmark b, String spec, String path) throws IOException, InterruptedException {
        Path folder = corpus.resolve("npm").resolve(spec.replace('/', '_'));
        Path file = folder.resolve("package").resolve(path);
        if (!Files.exists(file)) {
            Files.createDirectories(folder);
            compile(b, "npm-pack", List.of("npm", "pack", "--silent", "--pack-destination", folder.toString(), spec));
            try (Stream<Path> packed = Files.list(folder)) {
                Path tarball = packed.filter(p -> p.toString().endsWith(".tgz")).findFirst()
                                .orElseThrow(() -> new IllegalStateException("npm pack " + spec + " left no tarball in " + folder));
                compile(b, "npm-unpack", List.of("tar", "xzf", tarball.toString(), "-C", folder.toString()));
            }
        }
        return file;
    }

    Path wasmFile(Benchmark b) {
        return corpus.resolve("wasm").resolve(b.name() + ".wasm");
    }

    Path nativeFile(Benchmark b) {
        return corpus.resolve("native").resolve(b.name());
    }

    private void compile(Benchmark b, String what, List<String> command) throws IOException, InterruptedException {
        Path log = logs.resolve("build-" + what + "-" + b.name() + ".log");
        ChildJvm.Outcome o = ChildJvm.run(command, null, null, log, 300);
        if (o.exit() != 0 || o.timedOut()) {
            throw new IllegalStateException("building " + b.name() + " (" + what + ") failed: " + String.join(" ", command) + ": " + ChildJvm.lastLines(log, 5));
        }
    }

    // ---- running ----

    private void progress(String what) {
        step++;
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        System.err.printf(Locale.ROOT, "[%3d/%d %5.0fs] %s ... ", step, totalSteps, elapsed, what);
        System.err.flush();
    }

    private void run() throws IOException, InterruptedException {
        startNanos = System.nanoTime();
        loadBefore = ChildJvm.loadAverage();
        List<EngineDef> truffle = engines.stream().filter(e -> e.kind() == Kind.TRUFFLE).toList();
        List<EngineDef> jvms = engines.stream().filter(e -> e.kind() == Kind.TRUFFLE || e.kind() == Kind.CHICORY).toList();
        List<EngineDef> processes = engines.stream()
                        .filter(e -> e.kind() == Kind.NATIVE || e.kind() == Kind.NODE || firstRun).toList();
        List<Benchmark> interpreted = benchmarks.stream().filter(b -> interpreterBenchmarkNames.contains(b.name())).toList();
        totalSteps = (traceCheck ? truffle.size() : 0) + (has("launcher") && firstRun ? 1 : 0) + firstRuns * benchmarks.size() * processes.size()
                        + (steady ? benchmarks.size() * jvms.size() : 0) + (interpreter ? interpreted.size() * truffle.size() : 0) + diagnoseNames.size();

        // Untimed preparation: the JIT check, and bin/wasm's one-time runtime copy and AOT cache.
        if (traceCheck) {
            Benchmark b = benchmarks.stream().filter(x -> x.name().equals(traceBenchmark)).findFirst().orElse(benchmarks.get(0));
            for (EngineDef e : truffle) {
                traceCompilation(e, b);
            }
        }
        if (has("launcher") && firstRun) {
            progress("bin/wasm preparation (untimed)");
            Path log = logs.resolve("launcher-prepare.log");
            ChildJvm.Outcome o = ChildJvm.run(List.of(repo.resolve("bin/wasm").toString(), wasmFile(benchmarks.get(0)).toString()), null, launcherEnvironment(), log, timeoutSeconds);
            System.err.printf(Locale.ROOT, "%.1f s%s%n", o.wallSeconds(), o.exit() == 0 ? "" : " FAILED (exit " + o.exit() + "): " + ChildJvm.lastLines(log, 3));
            notes.add(String.format(Locale.ROOT, "bin/wasm: first use (runtime copy and AOT cache, in %s) took %.1f s, untimed.", launcherEnvironment().get("ENOKI_CACHE_DIR"), o.wallSeconds()));
        }

        // Whole-process runs, round by round, the engines interleaved per benchmark.
        for (int r = 1; r <= firstRuns; r++) {
            for (Benchmark b : benchmarks) {
                for (EngineDef e : processes) {
                    firstRun(e, b, r);
                }
            }
        }
        if (steady) {
            for (Benchmark b : benchmarks) {
                for (EngineDef e : jvms) {
                    steadyRun(e, b);
                }
            }
        }
        if (interpreter) {
            for (Benchmark b : interpreted) {
                for (EngineDef e : truffle) {
                    interpreterRun(e, b);
                }
            }
        }
        loadAfter = ChildJvm.loadAverage();
        EngineDef diagnosed = ALL_ENGINES.stream().filter(e -> e.key().equals(diagnoseEngine) && e.kind() == Kind.TRUFFLE).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("--diagnose-engine is enoki or graalwasm"));
        List<String> toDiagnose = diagnoseNames;
        if (diagnoseNames.equals(List.of("auto"))) {
            // The two programs with the highest steady-state time over native time for the diagnosed engine.
            String column = diagnosed.key() + ".steady";
            toDiagnose = benchmarks.stream().filter(b -> ratio(med(b.name(), column), med(b.name(), "native")) != null)
                            .sorted((x, y) -> Double.compare(ratio(med(y.name(), column), med(y.name(), "native")), ratio(med(x.name(), column), med(x.name(), "native"))))
                            .limit(2).map(Benchmark::name).toList();
            totalSteps += toDiagnose.size() - 1;
        }
        for (String name : toDiagnose) {
            Benchmark b = benchmarks.stream().filter(x -> x.name().equals(name)).findFirst()
                            .orElseThrow(() -> new IllegalArgumentException("--diagnose " + name + ": not among the benchmarks run"));
            diagnose(diagnosed, b);
        }
    }

    private final List<String> diagnoses = new ArrayList<>();

    private static final Pattern TIER = Pattern.compile("\\|Tier (\\d)\\|");
    private static final Pattern INLINED = Pattern.compile("Inlined\\s+(\\d+)Y\\s+(\\d+)N");

    /**
     * A steady-state JVM (same runs) with {@code TraceCompilation}, {@code TraceDeoptimizeFrame} and
     * {@code TracePerformanceWarnings=all}, untimed; its log summarized: what was compiled, at which tier, what failed,
     * deoptimized or was invalidated, and every performance warning.
     */
    private void diagnose(EngineDef e, Benchmark b) throws IOException, InterruptedException {
        progress(String.format(Locale.ROOT, "%-9s %-8s diagnosis, %d runs with compilation tracing (untimed)", e.label(), b.name(), runs));
        Path log = logs.resolve("diagnose-" + e.key() + "-" + b.name() + ".log");
        List<String> flags = List.of("-Dpolyglot.engine.TraceCompilation=true", "-Dpolyglot.engine.TraceDeoptimizeFrame=true",
                        "-Dpolyglot.compiler.TracePerformanceWarnings=all", "-Dpolyglot.engine.TraceTransferToInterpreter=true", "-Dpolyglot.compiler.TraceInlining=true");
        ChildJvm.Outcome o = ChildJvm.run(jvmCommand(e, ChildJvm.Mode.JIT_CLASS_PATH, flags, b, runs), null, null, log, timeoutSeconds);
        Map<String, String> results = o.results();
        List<String> times = new ArrayList<>();
        for (int run = 1; results.containsKey("run." + run + ".seconds"); run++) {
            times.add(String.format(Locale.ROOT, "%.2f", Double.parseDouble(results.get("run." + run + ".seconds"))));
        }
        List<String> lines = Files.readAllLines(log).stream().skip(1).filter(l -> !l.startsWith("stdout: ")).toList();
        Map<String, Integer> tiers = new java.util.TreeMap<>();
        int inlinedYes = 0;
        int inlinedNo = 0;
        int osr = 0;
        List<String> interesting = new ArrayList<>();
        for (String l : lines) {
            if (l.contains("opt done")) {
                Matcher t = TIER.matcher(l);
                tiers.merge(t.find() ? "tier " + t.group(1) : "tier ?", 1, Integer::sum);
                Matcher in = INLINED.matcher(l);
                if (in.find()) {
                    inlinedYes += Integer.parseInt(in.group(1));
                    inlinedNo += Integer.parseInt(in.group(2));
                }
                osr += l.contains("<OSR") ? 1 : 0;
            } else if (l.contains("opt failed") || l.contains("opt deopt") || l.contains("opt inval") || l.contains("perf warn") || l.contains("Deoptimiz")
                            || l.contains("ransferToInterpreter") || l.contains("bailout") || l.contains("Bailout")) {
                interesting.add(l.length() > 240 ? l.substring(0, 240) + "..." : l);
            }
        }
        long failed = lines.stream().filter(l -> l.contains("opt failed")).count();
        long deopt = lines.stream().filter(l -> l.contains("opt deopt")).count();
        long inval = lines.stream().filter(l -> l.contains("opt inval")).count();
        long perf = lines.stream().filter(l -> l.contains("perf warn")).count();
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%s %s: runs %s s; compilations done %s (%d OSR), call sites inlined %d / not inlined %d; %d failed, %d deopt, %d invalidated, %d performance warnings%s%n",
                        e.label(), b.name(), String.join(" ", times), tiers, osr, inlinedYes, inlinedNo, failed, deopt, inval, perf,
                        o.exit() == 0 ? "" : "; child exited with " + o.exit()));
        interesting.stream().limit(40).forEach(l -> text.append("      ").append(l).append(System.lineSeparator()));
        if (interesting.size() > 40) {
            text.append("      ... ").append(interesting.size() - 40).append(" more in the log").append(System.lineSeparator());
        }
        text.append("    log: ").append(log).append(System.lineSeparator());
        diagnoses.add(text.toString());
        System.err.printf(Locale.ROOT, "%.1f s%n", o.wallSeconds());
    }

    private Map<String, String> launcherEnvironment() {
        return Map.of("ENOKI_CACHE_DIR", work.resolve("wasm-runtime").toString());
    }

    private void add(Benchmark b, String column, double value) {
        samples.computeIfAbsent(b.name(), k -> new LinkedHashMap<>()).computeIfAbsent(column, k -> new ArrayList<>()).add(value);
    }

    private void fail(Benchmark b, String column, String why) {
        failures.computeIfAbsent(b.name(), k -> new LinkedHashMap<>()).putIfAbsent(column, why);
    }

    private static String normalize(String output) {
        return output.replace("\r\n", "\n").strip();
    }

    /** Compares an engine's output with the native program's; a mismatch is printed at once and listed in the report. */
    private boolean checkOutput(Benchmark b, String column, String output) {
        String expected = expectedOutput.get(b.name());
        if (expected == null || normalize(output).equals(expected)) {
            return true;
        }
        String message = String.format(Locale.ROOT, "OUTPUT MISMATCH: %s %s printed \"%s\", native printed \"%s\"", b.name(), column,
                        WorkloadResults.escape(normalize(output)), WorkloadResults.escape(expected));
        System.err.println();
        System.err.println("!!!!!!!! " + message);
        mismatches.add(message);
        fail(b, column, "wrong output");
        return false;
    }

    private List<String> jvmCommand(EngineDef e, ChildJvm.Mode mode, List<String> moreJvmArgs, Benchmark b, int n) throws IOException {
        List<String> jvmArgs = new ArrayList<>(extraJvmArgs);
        jvmArgs.addAll(moreJvmArgs);
        List<String> command = ChildJvm.command(javaCommand, target, target.resolve(e.libDir()), mode, jvmArgs);
        command.add(e.kind() == Kind.CHICORY ? ChicoryWorkload.class.getName() : SpeedWorkload.class.getName());
        command.add("--file");
        command.add(wasmFile(b).toString());
        command.add("--runs");
        command.add(Integer.toString(n));
        return command;
    }

    /** JIT mode for a JVM engine: the Graal JIT for the Truffle engines, plain HotSpot for Chicory. */
    private static ChildJvm.Mode jitMode(EngineDef e) {
        return e.kind() == Kind.TRUFFLE ? ChildJvm.Mode.JIT_CLASS_PATH : ChildJvm.Mode.INTERPRETER;
    }

    /** One whole-process run: wall seconds from start to exit, start-up included. */
    private void firstRun(EngineDef e, Benchmark b, int round) throws IOException, InterruptedException {
        String column = e.kind() == Kind.NATIVE || e.kind() == Kind.NODE ? e.key() : e.key() + ".first";
        progress(String.format(Locale.ROOT, "%-9s %-8s %s run %d", e.label(), b.name(), e.kind() == Kind.NATIVE || e.kind() == Kind.NODE ? "process" : "first", round));
        Path log = logs.resolve("first-" + e.key() + "-" + b.name() + "-" + round + ".log");
        List<String> command = switch (e.kind()) {
            case NATIVE -> List.of(nativeFile(b).toString());
            case NODE -> List.of(nodeCommand, "--no-warnings", work.resolve("run-wasi.mjs").toString(), wasmFile(b).toString());
            case LAUNCHER -> List.of(repo.resolve("bin/wasm").toString(), wasmFile(b).toString());
            case TRUFFLE, CHICORY -> jvmCommand(e, jitMode(e), List.of(), b, 1);
        };
        ChildJvm.Outcome o = ChildJvm.run(command, null, e.kind() == Kind.LAUNCHER ? launcherEnvironment() : null, log, timeoutSeconds);
        String output;
        Map<String, String> results = o.results();
        if (e.kind() == Kind.TRUFFLE || e.kind() == Kind.CHICORY) {
            output = results.containsKey("run.1.output") ? WorkloadResults.unescape(results.get("run.1.output")) : "";
            if (results.containsKey("run.1.seconds")) {
                add(b, column + ".inJvm", Double.parseDouble(results.get("run.1.seconds")));
            }
            if (results.containsKey("engine.language")) {
                engineVersions.putIfAbsent(e.key(), results.get("engine.language") + (results.containsKey("engine.runtime") ? ", runtime " + results.get("engine.runtime") : ""));
            }
        } else {
            output = String.join("\n", o.stdout());
        }
        if (e.kind() == Kind.NATIVE && o.exit() == 0 && !o.timedOut()) {
            expectedOutput.putIfAbsent(b.name(), normalize(output));
        }
        boolean ok = !o.timedOut() && o.exit() == 0 && (e.kind() != Kind.TRUFFLE && e.kind() != Kind.CHICORY || "true".equals(results.get("done")));
        if (!ok) {
            String why = o.timedOut() ? "timed out after " + timeoutSeconds + " s" : "exit " + o.exit() + ": " + ChildJvm.lastLines(log, 3);
            fail(b, column, why);
            System.err.println("FAILED: " + why + " (log: " + log + ")");
            return;
        }
        boolean same = checkOutput(b, column, output);
        add(b, column, o.wallSeconds());
        System.err.printf(Locale.ROOT, "%.2f s%s%n", o.wallSeconds(), same ? "" : " (WRONG OUTPUT)");
    }

    /** One JVM, a shared engine: the program's warm-up runs, then the {@code runs - 1} runs of its steady state. */
    private void steadyRun(EngineDef e, Benchmark b) throws IOException, InterruptedException {
        int total = b.warmUpRuns() + runs - 1;
        progress(String.format(Locale.ROOT, "%-9s %-8s steady, %d runs in one JVM", e.label(), b.name(), total));
        Path log = logs.resolve("steady-" + e.key() + "-" + b.name() + ".log");
        List<Double> before = nativeAroundJvm(e, b, "before");
        ChildJvm.Outcome o = ChildJvm.run(jvmCommand(e, jitMode(e), List.of(), b, total), null, null, log, timeoutSeconds);
        collectRuns(e, b, e.key() + ".steady", o, log, total, b.warmUpRuns() + 1);
        List<Double> after = nativeAroundJvm(e, b, "after");
        if (!before.isEmpty() || !after.isEmpty()) {
            System.err.printf(Locale.ROOT, "          native around it: %s | %s s%n", seconds(before), seconds(after));
        }
    }

    /**
     * The native program, {@link #nativeAround} times, right before or after a steady-state JVM: its seconds are samples
     * of the column {@code ENGINE.steady.native}, the denominator of that JVM's paired ratio.
     */
    private List<Double> nativeAroundJvm(EngineDef e, Benchmark b, String when) throws IOException, InterruptedException {
        List<Double> times = new ArrayList<>();
        if (!has("native")) {
            return times;
        }
        for (int i = 1; i <= nativeAround; i++) {
            Path log = logs.resolve("around-" + e.key() + "-" + b.name() + "-" + when + "-" + i + ".log");
            ChildJvm.Outcome o = ChildJvm.run(List.of(nativeFile(b).toString()), null, null, log, timeoutSeconds);
            if (o.timedOut() || o.exit() != 0) {
                fail(b, e.key() + ".steady.native", "native run " + when + " the JVM: exit " + o.exit());
                continue;
            }
            times.add(o.wallSeconds());
            add(b, e.key() + ".steady.native", o.wallSeconds());
        }
        return times;
    }

    private static String seconds(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).collect(Collectors.joining(" "));
    }

    /** Interpreter-only: plain class path, Truffle's fallback runtime; in-JVM seconds per run. */
    private void interpreterRun(EngineDef e, Benchmark b) throws IOException, InterruptedException {
        progress(String.format(Locale.ROOT, "%-9s %-8s interpreter-only, %d run(s)", e.label(), b.name(), interpreterRuns));
        Path log = logs.resolve("interpreter-" + e.key() + "-" + b.name() + ".log");
        ChildJvm.Outcome o = ChildJvm.run(jvmCommand(e, ChildJvm.Mode.INTERPRETER, List.of(), b, interpreterRuns), null, null, log, timeoutSeconds);
        collectRuns(e, b, e.key() + ".interp", o, log, interpreterRuns, 1);
    }

    /** Takes runs {@code from..n} of a child as samples of {@code column}; every run's output is checked. */
    private void collectRuns(EngineDef e, Benchmark b, String column, ChildJvm.Outcome o, Path log, int n, int from) throws IOException {
        Map<String, String> results = o.results();
        List<Double> all = new ArrayList<>();
        boolean same = true;
        for (int run = 1; run <= n; run++) {
            String s = results.get("run." + run + ".seconds");
            if (s == null) {
                break;
            }
            double v = Double.parseDouble(s);
            all.add(v);
            same &= checkOutput(b, column, WorkloadResults.unescape(results.getOrDefault("run." + run + ".output", "")));
            if (!"0".equals(results.get("run." + run + ".exit"))) {
                fail(b, column, "run " + run + " exited with " + results.get("run." + run + ".exit"));
                same = false;
            }
            if (run >= Math.min(from, n)) {
                add(b, column, v);
            }
        }
        samples.computeIfAbsent(b.name(), k -> new LinkedHashMap<>()).put(column + ".all", all);
        if (results.containsKey("engine.language")) {
            engineVersions.putIfAbsent(e.key(), results.get("engine.language") + (results.containsKey("engine.runtime") ? ", runtime " + results.get("engine.runtime") : ""));
        }
        String runsText = seconds(all);
        if (o.timedOut() || o.exit() != 0 || !"true".equals(results.get("done"))) {
            String why = (o.timedOut() ? "timed out after " + timeoutSeconds + " s" : "exit " + o.exit() + ": " + ChildJvm.lastLines(log, 3))
                            + (all.isEmpty() ? "" : " after runs " + runsText);
            fail(b, column, why);
            System.err.println("FAILED: " + why + " (log: " + log + ")");
            return;
        }
        System.err.printf(Locale.ROOT, "%.1f s; runs: %s%s%n", o.wallSeconds(), runsText, same ? "" : " (WRONG OUTPUT)");
    }

    /** An untimed run with -Dpolyglot.engine.TraceCompilation=true: does the Graal JIT compile the guest code? */
    private void traceCompilation(EngineDef e, Benchmark b) throws IOException, InterruptedException {
        progress(String.format(Locale.ROOT, "%-9s %-8s TraceCompilation check (untimed)", e.label(), b.name()));
        Path log = logs.resolve("trace-" + e.key() + "-" + b.name() + ".log");
        ChildJvm.Outcome o = ChildJvm.run(jvmCommand(e, ChildJvm.Mode.JIT_CLASS_PATH, List.of("-Dpolyglot.engine.TraceCompilation=true"), b, 1), null, null, log, timeoutSeconds);
        List<String> lines = Files.readAllLines(log);
        long done = lines.stream().filter(l -> l.contains("opt done")).count();
        long osr = lines.stream().filter(l -> l.contains("opt done") && l.contains("<OSR")).count();
        long failed = lines.stream().filter(l -> l.contains("opt failed")).count();
        long deopt = lines.stream().filter(l -> l.contains("opt deopt") || l.contains("opt inval")).count();
        String runtime = o.results().getOrDefault("engine.runtime", "?");
        String text = String.format(Locale.ROOT, "%s, %s: %d compilations done (%d OSR), %d failed, %d deoptimized/invalidated; runtime %s%s", e.label(), b.name(), done, osr, failed,
                        deopt, runtime, done == 0 ? "  <-- NO COMPILATION: the JIT is not working" : "");
        notes.add("JIT check (untimed, -Dpolyglot.engine.TraceCompilation=true): " + text + " (log: " + log + ")");
        System.err.printf(Locale.ROOT, "%.1f s: %d compilations%s%n", o.wallSeconds(), done, o.exit() == 0 ? "" : ", FAILED (exit " + o.exit() + ")");
    }

    // ---- statistics ----

    private List<Double> values(String bench, String column) {
        List<Double> v = samples.getOrDefault(bench, Map.of()).get(column);
        return v == null ? List.of() : v.stream().filter(x -> !Double.isNaN(x)).toList();
    }

    static double median(List<Double> v) {
        double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** The median of a column, or null when it has no trustworthy value. */
    private Double med(String bench, String column) {
        if (failures.getOrDefault(bench, Map.of()).containsKey(column)) {
            return null;
        }
        List<Double> v = values(bench, column);
        return v.isEmpty() ? null : median(v);
    }

    private Double best(String bench, String column) {
        if (failures.getOrDefault(bench, Map.of()).containsKey(column)) {
            return null;
        }
        List<Double> v = values(bench, column);
        return v.isEmpty() ? null : v.stream().mapToDouble(Double::doubleValue).min().getAsDouble();
    }

    private static Double ratio(Double a, Double b) {
        return a == null || b == null || b <= 0 ? null : a / b;
    }

    /** An engine's steady median over the median of the native runs just before and after its JVM. */
    private Double paired(Benchmark b, String engine) {
        return ratio(med(b.name(), engine + ".steady"), med(b.name(), engine + ".steady.native"));
    }

    private boolean pairing() {
        return steady && nativeAround > 0 && has("native");
    }

    /** The geometric mean of f over the benchmarks, or null if any is missing. */
    private static Double geomean(List<Benchmark> over, Function<Benchmark, Double> f) {
        if (over.isEmpty()) {
            return null;
        }
        double sum = 0;
        for (Benchmark b : over) {
            Double v = f.apply(b);
            if (v == null || v <= 0) {
                return null;
            }
            sum += Math.log(v);
        }
        return Math.exp(sum / over.size());
    }

    // ---- the report ----

    /** A table column: a header and a value per benchmark. */
    record Col(String header, Function<Benchmark, Double> value, String format) {
    }

    private String cell(Benchmark b, String column, Double v, String format) {
        if (v != null) {
            return String.format(Locale.ROOT, format, v);
        }
        String why = failures.getOrDefault(b.name(), Map.of()).get(column);
        if (why == null) {
            return "-";
        }
        return why.equals("wrong output") ? "WRONG" : why.startsWith("timed out") ? "TIMEOUT" : "FAILED";
    }

    private void table(PrintWriter out, List<Col> cols, List<String> rawColumns) {
        List<String[]> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("benchmark"));
        cols.forEach(c -> header.add(c.header()));
        rows.add(header.toArray(String[]::new));
        for (Benchmark b : benchmarks) {
            List<String> row = new ArrayList<>(List.of(b.name() + (b.shared() ? "" : " +")));
            for (int i = 0; i < cols.size(); i++) {
                Col c = cols.get(i);
                row.add(cell(b, rawColumns.get(i), c.value().apply(b), c.format()));
            }
            rows.add(row.toArray(String[]::new));
        }
        List<Benchmark> shared = benchmarks.stream().filter(Benchmark::shared).toList();
        boolean kernels = benchmarks.stream().anyMatch(b -> !b.shared());
        List<List<Benchmark>> means = new ArrayList<>();
        List<String> meanNames = new ArrayList<>();
        if (!shared.isEmpty()) {
            means.add(shared);
            meanNames.add(kernels ? "geomean (shared)" : "geomean");
        }
        if (kernels) {
            means.add(benchmarks);
            meanNames.add("geomean (all)");
        }
        rows.add(null);
        for (int m = 0; m < means.size(); m++) {
            List<String> row = new ArrayList<>(List.of(meanNames.get(m)));
            for (Col c : cols) {
                Double g = geomean(means.get(m), c.value());
                row.add(g == null ? "-" : String.format(Locale.ROOT, c.format(), g));
            }
            rows.add(row.toArray(String[]::new));
        }
        int[] widths = new int[header.size()];
        for (String[] row : rows) {
            if (row != null) {
                for (int i = 0; i < row.length; i++) {
                    widths[i] = Math.max(widths[i], row[i].length());
                }
            }
        }
        int total = Arrays.stream(widths).sum() + 2 * (widths.length - 1);
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            if (row == null) {
                out.println("-".repeat(total));
                continue;
            }
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == 0 ? String.format("%-" + widths[i] + "s", row[i]) : String.format("%" + widths[i] + "s", row[i]));
                line.append(i == row.length - 1 ? "" : "  ");
            }
            out.println(line.toString().stripTrailing());
            if (r == 0) {
                out.println("-".repeat(total));
            }
        }
    }

    private void report(PrintWriter out) throws IOException {
        out.println();
        out.printf(Locale.ROOT, "Speed benchmark, %s, commit %s; %d cores; load average before/after %s / %s; total %.0f s%n",
                        LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")), gitCommit(), Runtime.getRuntime().availableProcessors(),
                        loadBefore, loadAfter, (System.nanoTime() - startNanos) / 1e9);
        out.printf(Locale.ROOT, "JVM children: %s; %s%n", javaCommand, engines.stream().filter(e -> engineVersions.containsKey(e.key()))
                        .map(e -> e.label() + " = " + engineVersions.get(e.key())).collect(Collectors.joining("; ")));
        out.printf(Locale.ROOT, "Native: cc -O2; Wasm: clang --target=wasm32-wasi -O2; node %s (node:wasi, preview1).%n", version(List.of(nodeCommand, "--version")));
        out.printf(Locale.ROOT, "Whole-process columns (native, node, first runs) are the median of %d process(es); steady = one JVM, shared engine, new context per run, "
                        + "median of runs 2..%d (%s); interpreter-only = in-JVM seconds, %d run(s) in a fresh JVM, plain class path.%n", firstRuns, runs,
                        warmUpNote(), interpreterRuns);
        out.println();

        List<Col> cols = new ArrayList<>();
        List<String> raw = new ArrayList<>();
        Function<String, Function<Benchmark, Double>> medOf = column -> b -> med(b.name(), column);
        addCol(cols, raw, "native", "native", medOf, true);
        addCol(cols, raw, "node", "node", medOf, has("node"));
        boolean first = firstRun;
        addCol(cols, raw, "Enoki 1st", "enoki.first", medOf, first && has("enoki"));
        addCol(cols, raw, "bin/wasm 1st", "launcher.first", medOf, first && has("launcher"));
        addCol(cols, raw, "GW 1st", "graalwasm.first", medOf, first && has("graalwasm"));
        addCol(cols, raw, "Chicory 1st", "chicory.first", medOf, first && has("chicory"));
        addCol(cols, raw, "Enoki steady", "enoki.steady", medOf, steady && has("enoki"));
        addCol(cols, raw, "GW steady", "graalwasm.steady", medOf, steady && has("graalwasm"));
        addCol(cols, raw, "Chicory steady", "chicory.steady", medOf, steady && has("chicory"));
        addCol(cols, raw, "Enoki interp", "enoki.interp", medOf, interpreter && has("enoki"));
        addCol(cols, raw, "GW interp", "graalwasm.interp", medOf, interpreter && has("graalwasm"));
        out.println("Seconds (medians). GW = GraalWasm 25.0.1; 1st = first run (fresh JVM, start-up included); + = this repository's own kernel.");
        table(out, cols, raw);
        out.println();

        if (steady) {
            List<Col> bestCols = new ArrayList<>();
            List<String> bestRaw = new ArrayList<>();
            Function<String, Function<Benchmark, Double>> bestOf = column -> b -> best(b.name(), column);
            addCol(bestCols, bestRaw, "Enoki best", "enoki.steady", bestOf, has("enoki"));
            addCol(bestCols, bestRaw, "GW best", "graalwasm.steady", bestOf, has("graalwasm"));
            addCol(bestCols, bestRaw, "Chicory best", "chicory.steady", bestOf, has("chicory"));
            if (!bestCols.isEmpty()) {
                addRatioCol(bestCols, bestRaw, "Enoki best/native", b -> ratio(best(b.name(), "enoki.steady"), med(b.name(), "native")), "enoki.steady", has("enoki"));
                addRatioCol(bestCols, bestRaw, "Enoki best/GW best", b -> ratio(best(b.name(), "enoki.steady"), best(b.name(), "graalwasm.steady")), "enoki.steady",
                                has("enoki") && has("graalwasm"));
                out.printf(Locale.ROOT, "Steady state, best of runs 2..%d (%s; seconds):%n", runs, warmUpNote());
                table(out, bestCols, bestRaw);
                out.println();
            }
        }

        List<Col> ratioCols = new ArrayList<>();
        List<String> ratioRaw = new ArrayList<>();
        Function<String, Function<Benchmark, Double>> toNative = column -> b -> ratio(med(b.name(), column), med(b.name(), "native"));
        addRatio(ratioCols, ratioRaw, "node", "node", toNative, has("node"));
        addRatio(ratioCols, ratioRaw, "Enoki 1st", "enoki.first", toNative, first && has("enoki"));
        addRatio(ratioCols, ratioRaw, "bin/wasm 1st", "launcher.first", toNative, first && has("launcher"));
        addRatio(ratioCols, ratioRaw, "GW 1st", "graalwasm.first", toNative, first && has("graalwasm"));
        addRatio(ratioCols, ratioRaw, "Chicory 1st", "chicory.first", toNative, first && has("chicory"));
        addRatio(ratioCols, ratioRaw, "Enoki steady", "enoki.steady", toNative, steady && has("enoki"));
        addRatio(ratioCols, ratioRaw, "GW steady", "graalwasm.steady", toNative, steady && has("graalwasm"));
        addRatio(ratioCols, ratioRaw, "Chicory steady", "chicory.steady", toNative, steady && has("chicory"));
        addRatioCol(ratioCols, ratioRaw, "| Enoki/GW steady", b -> ratio(med(b.name(), "enoki.steady"), med(b.name(), "graalwasm.steady")), "enoki.steady",
                        steady && has("enoki") && has("graalwasm"));
        addRatioCol(ratioCols, ratioRaw, "Enoki/GW 1st", b -> ratio(med(b.name(), "enoki.first"), med(b.name(), "graalwasm.first")), "enoki.first",
                        first && has("enoki") && has("graalwasm"));
        addRatioCol(ratioCols, ratioRaw, "Enoki/GW interp", b -> ratio(med(b.name(), "enoki.interp"), med(b.name(), "graalwasm.interp")), "enoki.interp",
                        interpreter && has("enoki") && has("graalwasm"));
        out.println("Ratios: time / native time (lower is better), then Enoki / GraalWasm (below 1.00x: Enoki is faster).");
        table(out, ratioCols, ratioRaw);
        out.println();

        if (pairing()) {
            List<Col> pairedCols = new ArrayList<>();
            List<String> pairedRaw = new ArrayList<>();
            for (EngineDef e : engines) {
                if (e.kind() == Kind.TRUFFLE || e.kind() == Kind.CHICORY) {
                    String label = e.key().equals("graalwasm") ? "GW" : e.label();
                    addCol(pairedCols, pairedRaw, "native@" + label, e.key() + ".steady.native", medOf, true);
                    addRatioCol(pairedCols, pairedRaw, label + "/native@", b -> paired(b, e.key()), e.key() + ".steady", true);
                }
            }
            addRatioCol(pairedCols, pairedRaw, "| Enoki/GW paired", b -> ratio(paired(b, "enoki"), paired(b, "graalwasm")), "enoki.steady", has("enoki") && has("graalwasm"));
            out.printf(Locale.ROOT, "Steady state, paired: each JVM's steady median over the median of the native program's %d runs just before and %d just after%n"
                            + "that JVM (native@ = those runs' median, seconds); Enoki/GW paired = Enoki's paired ratio over GraalWasm's.%n", nativeAround, nativeAround);
            table(out, pairedCols, pairedRaw);
            out.println();
        }

        goals(out);

        if (!mismatches.isEmpty()) {
            out.println();
            out.println("!!!!!!!! OUTPUT MISMATCHES (the native program's output is the reference):");
            mismatches.forEach(m -> out.println("  " + m));
        }
        boolean anyFailure = failures.values().stream().anyMatch(m -> m.values().stream().anyMatch(v -> !v.equals("wrong output")));
        if (anyFailure) {
            out.println();
            out.println("Failures:");
            failures.forEach((b, m) -> m.forEach((c, why) -> {
                if (!why.equals("wrong output")) {
                    out.println("  " + b + " " + c + ": " + why);
                }
            }));
        }
        if (!notes.isEmpty()) {
            out.println();
            notes.forEach(n -> out.println(n));
        }
        if (!diagnoses.isEmpty()) {
            out.println();
            out.println("Diagnosis (untimed; -Dpolyglot.engine.TraceCompilation=true -Dpolyglot.engine.TraceDeoptimizeFrame=true -Dpolyglot.compiler.TracePerformanceWarnings=all");
            out.println("  -Dpolyglot.engine.TraceTransferToInterpreter=true -Dpolyglot.compiler.TraceInlining=true; the inlining trees are in the logs):");
            diagnoses.forEach(d -> out.print("  " + d));
        }

        List<String> rawLines = new ArrayList<>();
        samples.forEach((b, m) -> m.forEach((c, v) -> rawLines.add(b + " " + c + " " + v.stream().map(x -> String.format(Locale.ROOT, "%.4f", x)).collect(Collectors.joining(" ")))));
        Files.write(work.resolve("results.txt"), rawLines);
        out.println();
        out.println("Every sample: " + work.resolve("results.txt") + " (COLUMN.inJvm: the first run's own time inside its JVM; .all: every steady run); child logs: " + logs);
        out.flush();
    }

    private void addCol(List<Col> cols, List<String> raw, String header, String column, Function<String, Function<Benchmark, Double>> f, boolean when) {
        if (when) {
            cols.add(new Col(header, f.apply(column), "%.2f"));
            raw.add(column);
        }
    }

    private void addRatio(List<Col> cols, List<String> raw, String header, String column, Function<String, Function<Benchmark, Double>> f, boolean when) {
        if (when) {
            cols.add(new Col(header, f.apply(column), "%.2fx"));
            raw.add(column);
        }
    }

    private void addRatioCol(List<Col> cols, List<String> raw, String header, Function<Benchmark, Double> f, String column, boolean when) {
        if (when) {
            cols.add(new Col(header, f, "%.2fx"));
            raw.add(column);
        }
    }

    /** The issue's goals for Enoki, each with the benchmarks that miss it. */
    private void goals(PrintWriter out) {
        if (!has("enoki")) {
            return;
        }
        List<Benchmark> shared = benchmarks.stream().filter(Benchmark::shared).toList();
        List<Benchmark> geoSet = shared.isEmpty() ? benchmarks : shared;
        String geoName = shared.isEmpty() ? "all benchmarks" : "the shared (../shared/bench) benchmarks";
        out.println("Goals for Enoki (geomeans over " + geoName + "; per-benchmark goals over every benchmark run):");
        List<String[]> rows = new ArrayList<>();
        if (steady) {
            steadyGoals(rows, geoSet, "median", b -> ratio(med(b.name(), "enoki.steady"), med(b.name(), "native")),
                            b -> ratio(med(b.name(), "enoki.steady"), med(b.name(), "graalwasm.steady")));
            if (pairing()) {
                steadyGoals(rows, geoSet, "paired", b -> paired(b, "enoki"), b -> ratio(paired(b, "enoki"), paired(b, "graalwasm")));
            }
            steadyGoals(rows, geoSet, "best", b -> ratio(best(b.name(), "enoki.steady"), med(b.name(), "native")),
                            b -> ratio(best(b.name(), "enoki.steady"), best(b.name(), "graalwasm.steady")));
        }
        if (firstRun) {
            Double g = geomean(geoSet, b -> ratio(med(b.name(), "enoki.first"), med(b.name(), "native")));
            List<String> over3 = missing(b -> ratio(med(b.name(), "enoki.first"), med(b.name(), "native")), r -> r <= 3.0);
            rows.add(goalRow("first run geomean <= 3x native", g == null ? "-" : String.format(Locale.ROOT, "%.2fx", g), g == null ? null : g <= 3.0,
                            over3 == null || over3.isEmpty() ? "" : "above 3x: " + String.join(", ", over3)));
            if (has("launcher")) {
                Double l = geomean(geoSet, b -> ratio(med(b.name(), "launcher.first"), med(b.name(), "native")));
                rows.add(goalRow("  the same through bin/wasm", l == null ? "-" : String.format(Locale.ROOT, "%.2fx", l), l == null ? null : l <= 3.0, ""));
            }
        }
        if (interpreter && has("graalwasm")) {
            List<Benchmark> interpreted = benchmarks.stream().filter(b -> interpreterBenchmarkNames.contains(b.name())).toList();
            List<String> slower = new ArrayList<>();
            boolean complete = true;
            for (Benchmark b : interpreted) {
                Double r = ratio(med(b.name(), "enoki.interp"), med(b.name(), "graalwasm.interp"));
                if (r == null) {
                    complete = false;
                } else if (r > 1.0) {
                    slower.add(String.format(Locale.ROOT, "%s %.2fx", b.name(), r));
                }
            }
            Double g = geomean(interpreted, b -> ratio(med(b.name(), "enoki.interp"), med(b.name(), "graalwasm.interp")));
            rows.add(goalRow("interpreter-only <= GraalWasm's", "geomean " + (g == null ? "-" : String.format(Locale.ROOT, "%.2fx", g)),
                            complete ? slower.isEmpty() : null, String.join(", ", slower)));
        }
        int w0 = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
        int w1 = rows.stream().mapToInt(r -> r[1].length()).max().orElse(0);
        for (String[] r : rows) {
            out.printf(Locale.ROOT, "  %-" + w0 + "s  %" + w1 + "s  %-4s  %s%n", r[0], r[1], r[2], r[3].isEmpty() ? "" : "misses: " + r[3]);
        }
    }

    /**
     * The three steady-state goals, with Enoki's steady state over native time and over GraalWasm's taken one way:
     * {@code median} (of runs 2..N), {@code paired} (the median over the native runs around the same JVM) or {@code best}
     * (of runs 2..N, the issue's own measure of GraalWasm's steady state in its table of anchors).
     */
    private void steadyGoals(List<String[]> rows, List<Benchmark> geoSet, String kind, Function<Benchmark, Double> toNative, Function<Benchmark, Double> toGraalWasm) {
        Double g = geomean(geoSet, toNative);
        rows.add(goalRow(kind + " steady geomean <= 1.2x native", g == null ? "-" : String.format(Locale.ROOT, "%.2fx", g), g == null ? null : g <= 1.2, ""));
        List<String> over2 = missing(toNative, r -> r <= 2.0);
        rows.add(goalRow(kind + " steady: none above 2x native", worst(toNative), over2 == null ? null : over2.isEmpty(), over2 == null ? "" : String.join(", ", over2)));
        if (has("graalwasm")) {
            List<String> slower = missing(toGraalWasm, r -> r <= 1.0);
            rows.add(goalRow(kind + " steady <= GraalWasm's, each", worst(toGraalWasm), slower == null ? null : slower.isEmpty(), slower == null ? "" : String.join(", ", slower)));
        }
    }

    private static String[] goalRow(String goal, String value, Boolean met, String misses) {
        return new String[]{goal, value, met == null ? "?" : met ? "met" : "NO", misses};
    }

    /** Benchmarks whose ratio fails {@code ok}, with the ratio; null when a value is missing. */
    private List<String> missing(Function<Benchmark, Double> f, java.util.function.DoublePredicate ok) {
        List<String> out = new ArrayList<>();
        for (Benchmark b : benchmarks) {
            Double r = f.apply(b);
            if (r == null) {
                return null;
            }
            if (!ok.test(r)) {
                out.add(String.format(Locale.ROOT, "%s %.2fx", b.name(), r));
            }
        }
        return out;
    }

    private String worst(Function<Benchmark, Double> f) {
        Benchmark worst = null;
        double max = -1;
        for (Benchmark b : benchmarks) {
            Double r = f.apply(b);
            if (r != null && r > max) {
                max = r;
                worst = b;
            }
        }
        return worst == null ? "-" : String.format(Locale.ROOT, "max %.2fx (%s)", max, worst.name());
    }

    private String gitCommit() {
        String head = version(List.of("git", "-C", repo.toString(), "rev-parse", "--short", "HEAD"));
        String status = version(List.of("git", "-C", repo.toString(), "status", "--porcelain", "--untracked-files=no"));
        return head + (status.isEmpty() || status.equals("?") ? "" : " + uncommitted changes");
    }

    /** The first line a short command prints, or "?". */
    private static String version(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor();
            return p.exitValue() == 0 ? text.lines().findFirst().orElse("") : "?";
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }
}
