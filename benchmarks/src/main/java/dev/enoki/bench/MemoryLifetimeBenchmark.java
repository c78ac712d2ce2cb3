package dev.enoki.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The memory-lifetime benchmark: Enoki against GraalWasm 25.0.1 (default on-heap memory, and with
 * {@code wasm.UseUnsafeMemory=true}), side by side, in one invocation. From the repository root:
 *
 * <pre>
 * export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
 * mvn -B -q -DskipTests package &amp;&amp; $JAVA_HOME/bin/java -cp benchmarks/target/classes dev.enoki.bench.MemoryLifetimeBenchmark --cycles 100
 * </pre>
 *
 * Enoki and GraalWasm both register the Truffle language id {@code "wasm"}, so each engine runs in its own child JVM
 * with its own class path ({@code benchmarks/target/enoki-lib} or {@code benchmarks/target/graalwasm-lib}, copied at
 * package time), one JVM per engine and scenario so that no scenario's heap growth or fragmentation shows in another's
 * starting RSS. Every child gets the same JVM flags ({@code -Xmx768m} and the options below); the workload is
 * {@link MemoryWorkload}, the same code for every engine, using the polyglot API only.
 *
 * <p>By default Truffle runs interpreter-only (plain class path, {@code -Dpolyglot.engine.WarnInterpreterOnly=false}):
 * on a stock JDK the Graal compiler first has to compile itself on these 2 cores, which would dominate a 100-cycle run.
 * {@code --jit} runs the children with the Graal JIT instead (JVMCI, compiler jars on the upgrade module path, Truffle
 * and the engine on the module path) and a longer warm-up.
 *
 * <p>Options: {@code --cycles N} (A's cycles, default 100), {@code --contexts N} (B's contexts, default: cycles),
 * {@code --scenarios A,AS,B,BT,C,D,E}, {@code --engines enoki,graalwasm,graalwasm-unsafe}, {@code --heap 768m},
 * {@code --jit}, {@code --warmup N} (1 MiB warm-up cycles per child), {@code --repeat N} (runs per engine and scenario,
 * each in a fresh JVM, default 3: the table shows medians), {@code --jvm-arg ARG} (repeatable, added to every
 * child), {@code --java PATH} (default: the running JVM), {@code --timeout SECONDS} (per child, default 1800). Each
 * child's standard error goes to {@code benchmarks/target/memory-lifetime/ENGINE-SCENARIO.log}; every raw result to
 * {@code benchmarks/target/memory-lifetime/results.txt}.
 */
public final class MemoryLifetimeBenchmark {
    /** "RSS back near the starting value": at most this much over the starting RSS right after the last close. */
    static final double NEAR_START_MIB = 64;

    record EngineConfig(String key, String label, String libDir, List<String> workloadArgs) {
    }

    static final List<EngineConfig> ALL_ENGINES = List.of(
                    new EngineConfig("enoki", "Enoki", "enoki-lib", List.of()),
                    new EngineConfig("graalwasm", "GraalWasm", "graalwasm-lib", List.of()),
                    new EngineConfig("graalwasm-unsafe", "GraalWasm unsafe", "graalwasm-lib", List.of("--option", "wasm.UseUnsafeMemory=true")));

    private int cycles = 100;
    private int contexts = -1;
    private String scenarios = "A,AS,B,BT,C,D,E";
    private List<EngineConfig> engines = ALL_ENGINES;
    private String heap = "768m";
    private boolean jit;
    private int warmup = -1;
    private int repeat = 3;
    private String loadBefore = "?";
    private String loadAfter = "?";
    private final List<String> extraJvmArgs = new ArrayList<>();
    private String javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private long timeoutSeconds = 1800;

    private List<String> scenarioList;
    private Path target;
    private Path logs;
    /** engine key -> result key -> value */
    private final Map<String, Map<String, String>> results = new LinkedHashMap<>();

    public static void main(String[] args) throws Exception {
        MemoryLifetimeBenchmark benchmark = new MemoryLifetimeBenchmark();
        benchmark.parse(args);
        benchmark.locate();
        benchmark.run();
        benchmark.report(new PrintWriter(System.out, true, StandardCharsets.UTF_8));
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--cycles" -> cycles = Integer.parseInt(args[++i]);
                case "--contexts" -> contexts = Integer.parseInt(args[++i]);
                case "--scenarios" -> scenarios = args[++i].toUpperCase(Locale.ROOT);
                case "--engines" -> {
                    List<String> keys = Arrays.asList(args[++i].split(","));
                    engines = ALL_ENGINES.stream().filter(e -> keys.contains(e.key())).toList();
                    if (engines.size() != keys.size()) {
                        throw new IllegalArgumentException("engines are: " + ALL_ENGINES.stream().map(EngineConfig::key).toList());
                    }
                }
                case "--heap" -> heap = args[++i];
                case "--jit" -> jit = true;
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--repeat" -> repeat = Math.max(1, Integer.parseInt(args[++i]));
                case "--jvm-arg" -> extraJvmArgs.add(args[++i]);
                case "--java" -> javaCommand = args[++i];
                case "--timeout" -> timeoutSeconds = Long.parseLong(args[++i]);
                case "-h", "--help" -> {
                    System.out.println("usage: MemoryLifetimeBenchmark [--cycles N] [--contexts N] [--scenarios A,AS,B,BT,C,D,E] "
                                    + "[--engines enoki,graalwasm,graalwasm-unsafe] [--heap 768m] [--jit] [--warmup N] [--repeat N] "
                                    + "[--jvm-arg ARG]... [--java PATH] [--timeout SECONDS]");
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("unknown argument " + a + " (try --help)");
            }
        }
        if (contexts < 0) {
            contexts = cycles;
        }
        if (warmup < 0) {
            warmup = jit ? 2000 : 50;
        }
        scenarioList = Arrays.stream(scenarios.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (String scenario : scenarioList) {
            if (!List.of("A", "AS", "B", "BT", "C", "D", "E").contains(scenario)) {
                throw new IllegalArgumentException("scenarios are A, AS, B, BT, C, D, E; not " + scenario);
            }
        }
    }

    /** Finds benchmarks/target from where this class was loaded (target/classes or the module's jar). */
    private void locate() throws URISyntaxException, IOException {
        target = ChildJvm.target(MemoryLifetimeBenchmark.class);
        for (EngineConfig engine : engines) {
            ChildJvm.requireDirectory(target.resolve(engine.libDir()));
        }
        if (jit) {
            ChildJvm.requireDirectory(target.resolve("jit-lib"));
        }
        logs = target.resolve("memory-lifetime");
        Files.createDirectories(logs);
    }

    /** The child's command line: the same JVM flags for every engine, only the engine's jars differ. */
    List<String> command(EngineConfig engine, String scenario) throws IOException {
        List<String> jvmArgs = new ArrayList<>();
        jvmArgs.add("-Xmx" + heap);
        jvmArgs.addAll(extraJvmArgs);
        List<String> command = ChildJvm.command(javaCommand, target, target.resolve(engine.libDir()),
                        jit ? ChildJvm.Mode.JIT_MODULE_PATH : ChildJvm.Mode.INTERPRETER, jvmArgs);
        command.add(MemoryWorkload.class.getName());
        command.add("--scenario");
        command.add(scenario);
        command.add("--cycles");
        command.add(Integer.toString(cycles));
        command.add("--contexts");
        command.add(Integer.toString(contexts));
        command.add("--warmup");
        command.add(Integer.toString(warmup));
        command.addAll(engine.workloadArgs());
        return command;
    }

    private void run() throws IOException, InterruptedException {
        int total = scenarioList.size() * engines.size() * repeat;
        int n = 0;
        loadBefore = loadAverage();
        /* engine key -> scenario -> one result map per run */
        Map<String, Map<String, List<Map<String, String>>>> runs = new LinkedHashMap<>();
        for (EngineConfig engine : engines) {
            results.put(engine.key(), new LinkedHashMap<>());
            runs.put(engine.key(), new LinkedHashMap<>());
        }
        // Repeats outermost, then scenario by scenario with the engines interleaved, so slow drift of the machine (other
        // load, a VM's host backing guest memory on first touch) does not fall on one engine only.
        for (int r = 1; r <= repeat; r++) {
            for (String scenario : scenarioList) {
                for (EngineConfig engine : engines) {
                    n++;
                    System.err.printf(Locale.ROOT, "[%2d/%d] %-18s scenario %s%s ... ", n, total, engine.label(), scenario, repeat > 1 ? " run " + r : "");
                    long t0 = System.nanoTime();
                    Map<String, String> run = new LinkedHashMap<>();
                    String outcome = runChild(engine, scenario, r, run);
                    runs.get(engine.key()).computeIfAbsent(scenario, k -> new ArrayList<>()).add(run);
                    System.err.printf(Locale.ROOT, "%.1f s%s%n", (System.nanoTime() - t0) / 1e9, outcome);
                }
            }
        }
        loadAfter = loadAverage();
        for (EngineConfig engine : engines) {
            Map<String, String> into = results.get(engine.key());
            runs.get(engine.key()).forEach((scenario, list) -> aggregate(scenario, list, into));
        }
    }

    /**
     * Combines the repeats of one engine and scenario: numbers become their median (all values kept under
     * {@code key.runs}), a check holds only if it held in every run, and texts come from the first run that failed
     * (or the first run).
     */
    private void aggregate(String scenario, List<Map<String, String>> list, Map<String, String> into) {
        Map<String, String> representative = list.stream()
                        .filter(m -> m.containsKey(scenario + ".crash") || m.containsValue("false"))
                        .findFirst().orElse(list.get(0));
        for (Map<String, String> m : list) {
            m.forEach((k, v) -> {
                if (!k.startsWith(scenario + ".")) {
                    into.putIfAbsent(k, v);
                }
            });
        }
        List<String> keys = new ArrayList<>();
        list.forEach(m -> m.keySet().stream().filter(k -> k.startsWith(scenario + ".") && !keys.contains(k)).forEach(keys::add));
        for (String key : keys) {
            List<String> values = list.stream().map(m -> m.get(key)).filter(v -> v != null).toList();
            if (values.stream().allMatch(v -> v.equals("true") || v.equals("false"))) {
                into.put(key, Boolean.toString(values.size() == list.size() && values.stream().allMatch("true"::equals)));
            } else if (values.size() == list.size() && values.stream().allMatch(MemoryLifetimeBenchmark::isNumber) && !key.endsWith(".exit")) {
                double[] sorted = values.stream().mapToDouble(Double::parseDouble).sorted().toArray();
                double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
                into.put(key, Double.toString(median));
                if (list.size() > 1) {
                    into.put(key + ".runs", String.join(" / ", values));
                }
            } else {
                String v = representative.get(key);
                into.put(key, v != null ? v : values.get(0));
            }
        }
    }

    private static boolean isNumber(String v) {
        try {
            Double.parseDouble(v);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String loadAverage() {
        return ChildJvm.loadAverage();
    }

    private String runChild(EngineConfig engine, String scenario, int r, Map<String, String> into) throws IOException, InterruptedException {
        List<String> command = command(engine, scenario);
        Path log = logs.resolve(engine.key() + "-" + scenario + (repeat > 1 ? "-" + r : "") + ".log");
        ChildJvm.Outcome outcome = ChildJvm.run(command, null, null, log, timeoutSeconds);
        boolean finished = !outcome.timedOut();
        int exit = outcome.exit();
        List<String> lines = outcome.stdout();
        into.putAll(outcome.results());
        into.put(scenario + ".exit", Integer.toString(exit));
        if (!finished) {
            into.put(scenario + ".crash", "timed out after " + timeoutSeconds + " s");
            return " TIMED OUT (log: " + log + ")";
        }
        if (exit != 0 || !lines.contains("RESULT done=true")) {
            String tail = lastLines(log, 3);
            into.put(scenario + ".crash", "child JVM exited with " + exit + (exit > 128 ? " (signal " + (exit - 128) + ")" : "") + ": " + tail);
            return " FAILED, exit " + exit + " (log: " + log + ")";
        }
        return "";
    }

    private static String lastLines(Path log, int n) throws IOException {
        return ChildJvm.lastLines(log, n);
    }

    // ---- the report ----

    private String get(EngineConfig engine, String key) {
        return results.get(engine.key()).get(key);
    }

    private Double number(EngineConfig engine, String key) {
        String v = get(engine, key);
        if (v == null) {
            return null;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** What to show for a measured number: the value, or why there is none. */
    private String cell(EngineConfig engine, String scenario, String key, String format) {
        Double v = number(engine, scenario + "." + key);
        String ok = get(engine, scenario + ".ok");
        String crash = get(engine, scenario + ".crash");
        if (v == null) {
            return crash != null ? "CRASHED" : get(engine, scenario + ".exit") == null ? "-" : "n/a";
        }
        String text = String.format(Locale.ROOT, format, v);
        if ("false".equals(ok) || crash != null) {
            text += "*";
        }
        return text;
    }

    private String verdict(EngineConfig engine, String key) {
        String pass = get(engine, key + ".pass");
        String scenario = key.substring(0, 1);
        if (pass == null) {
            return get(engine, scenario + ".crash") != null ? "CRASHED" : get(engine, scenario + ".exit") == null ? "-" : "n/a";
        }
        return "true".equals(pass) ? "holds" : "FAILS";
    }

    private static String ratio(Double enoki, Double other) {
        if (enoki == null || other == null || Math.abs(other) < 1) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.2fx", enoki / other);
    }

    private EngineConfig engine(String key) {
        return engines.stream().filter(e -> e.key().equals(key)).findFirst().orElse(null);
    }

    private void report(PrintWriter out) throws IOException {
        EngineConfig enoki = engine("enoki");
        EngineConfig graal = engine("graalwasm");
        EngineConfig unsafe = engine("graalwasm-unsafe");
        String runtime = engines.stream().map(e -> get(e, "engine.runtime")).filter(r -> r != null).distinct().collect(Collectors.joining(", "));
        out.println();
        out.printf(Locale.ROOT, "Memory-lifetime benchmark: A %d cycles, B %d contexts, -Xmx%s, Truffle runtime: %s (%s), one child JVM per engine and scenario%n",
                        cycles, contexts, heap, runtime.isEmpty() ? "?" : runtime, jit ? "Graal JIT" : "interpreter-only");
        out.printf(Locale.ROOT, "Warm-up: %d cycles of 1 MiB per child. RSS = VmRSS of the child; peaks sampled every 10 ms and from VmHWM (reset after warm-up).%n", warmup);
        out.printf(Locale.ROOT, "Each number is the median of %d run(s), each in a fresh JVM; a check holds only if it held in every run. Load average before/after: %s / %s (%d cores).%n",
                        repeat, loadBefore, loadAfter, Runtime.getRuntime().availableProcessors());
        out.println();

        List<String[]> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("Metric"));
        for (EngineConfig e : engines) {
            header.add(e.label());
        }
        boolean compare = enoki != null && graal != null;
        if (compare) {
            header.add("Enoki/GW");
        }
        if (enoki != null && unsafe != null) {
            header.add("Enoki/GW-unsafe");
        }
        if (compare) {
            header.add("Goal for Enoki");
            header.add("Met");
        }
        rows.add(header.toArray(String[]::new));

        addNumberRow(rows, "A peak RSS over start, MiB", "A", "peakOverStartMiB", "%.0f", "<= 0.5x GraalWasm", (e, g) -> e <= 0.5 * g);
        addNumberRow(rows, "A cycles/s", "A", "cyclesPerSecond", "%.1f", ">= 2x GraalWasm", (e, g) -> e >= 2 * g);
        addNumberRow(rows, "A RSS over start after cycles, MiB", "A", "endOverStartMiB", "%.0f", null, null);
        addNumberRow(rows, "A RSS over start after close, MiB", "A", "afterCloseOverStartMiB", "%.0f", null, null);
        addNumberRow(rows, "AS (grown 4 MiB at a time) peak RSS, MiB", "AS", "peakOverStartMiB", "%.0f", "<= 0.5x GraalWasm", (e, g) -> e <= 0.5 * g);
        addNumberRow(rows, "AS cycles/s", "AS", "cyclesPerSecond", "%.1f", ">= 2x GraalWasm", (e, g) -> e >= 2 * g);
        addNumberRow(rows, "B peak RSS over start, MiB", "B", "peakOverStartMiB", "%.0f", "<= 0.5x GraalWasm", (e, g) -> e <= 0.5 * g);
        addNumberRow(rows, "B RSS over start after last close, MiB", "B", "afterLastCloseOverStartMiB", "%.0f",
                        String.format(Locale.ROOT, "near start (<= %.0f MiB)", NEAR_START_MIB), (e, g) -> e <= NEAR_START_MIB);
        addNumberRow(rows, "B same, after GC + 0.5 s, MiB", "B", "settledOverStartMiB", "%.0f", null, null);
        addNumberRow(rows, "B contexts/s", "B", "contextsPerSecond", "%.1f", null, null);
        addNumberRow(rows, "BT (every page touched) peak RSS, MiB", "BT", "peakOverStartMiB", "%.0f", "<= 0.5x GraalWasm", (e, g) -> e <= 0.5 * g);
        addNumberRow(rows, "BT RSS over start after last close, MiB", "BT", "afterLastCloseOverStartMiB", "%.0f",
                        String.format(Locale.ROOT, "near start (<= %.0f MiB)", NEAR_START_MIB), (e, g) -> e <= NEAR_START_MIB);
        addNumberRow(rows, "BT same, after GC + 0.5 s, MiB", "BT", "settledOverStartMiB", "%.0f", null, null);
        addNumberRow(rows, "BT contexts/s", "BT", "contextsPerSecond", "%.1f", null, null);
        addVerdictRow(rows, "C host-kept memory outlives instance", "C", "holds");
        addVerdictRow(rows, "D access after close: clean exception", "D", "holds");
        addVerdictRow(rows, "D' close(true) while Wasm runs", "D.cancel", null);
        addVerdictRow(rows, "E memory grown to 3 GiB", "E.3GiB", "holds");
        addVerdictRow(rows, "E memory grown to 4 GiB", "E.4GiB", "holds");
        addNumberRow(rows, "E peak RSS over start, MiB", "E", "peakOverStartMiB", "%.0f", null, null);

        int[] widths = new int[header.size()];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i] == null ? 0 : row[i].length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                String c = row[i] == null ? "" : row[i];
                if (i == 0 || i >= row.length - 2 && compare) {
                    line.append(String.format("%-" + widths[i] + "s", c));
                } else {
                    line.append(String.format("%" + widths[i] + "s", c));
                }
                line.append(i == row.length - 1 ? "" : "  ");
            }
            out.println(line.toString().stripTrailing());
            if (r == 0) {
                out.println("-".repeat(line.length()));
            }
        }
        out.println();
        out.println("GW = GraalWasm 25.0.1 with default (on-heap) memory; GW-unsafe = with wasm.UseUnsafeMemory=true (off-heap).");
        out.println("Goals are the issue's, judged against GraalWasm's default configuration; the unsafe ratio is for information.");
        out.println("* = the scenario did not complete (see details). A, AS and BT touch one byte in every 4 KiB page of the memory; B only grows it.");
        out.println();
        out.println("Details:");
        for (EngineConfig e : engines) {
            Map<String, String> r = results.get(e.key());
            out.printf(Locale.ROOT, "  %s [%s; %s]%n", e.label(), r.getOrDefault("engine.language", "?"), r.getOrDefault("engine.options", "?"));
            for (String key : List.of("A.peakOverStartMiB.runs", "A.cyclesPerSecond.runs", "AS.peakOverStartMiB.runs", "AS.cyclesPerSecond.runs",
                            "B.peakOverStartMiB.runs", "B.afterLastCloseOverStartMiB.runs", "BT.peakOverStartMiB.runs", "BT.afterLastCloseOverStartMiB.runs",
                            "A.startMiB", "B.startMiB", "BT.startMiB", "A.error", "A.crash", "AS.error", "AS.crash", "B.error", "B.crash", "BT.error", "BT.crash",
                            "C.detail", "C.crash", "D.detail", "D.cancel.detail", "D.crash",
                            "E.3GiB.detail", "E.4GiB.detail", "E.crash")) {
                if (r.containsKey(key)) {
                    out.printf(Locale.ROOT, "    %-34s %s%n", key, r.get(key));
                }
            }
        }
        out.flush();

        List<String> raw = new ArrayList<>();
        for (EngineConfig e : engines) {
            results.get(e.key()).forEach((k, v) -> raw.add(e.key() + " " + k + "=" + v));
        }
        Files.write(logs.resolve("results.txt"), raw);
        out.println();
        out.println("Raw results: " + logs.resolve("results.txt") + "; child logs: " + logs);
    }

    private interface Goal {
        boolean met(double enoki, double graalwasm);
    }

    private void addNumberRow(List<String[]> rows, String label, String scenario, String key, String format, String goal, Goal test) {
        if (!scenarioList.contains(scenario)) {
            return;
        }
        EngineConfig enoki = engine("enoki");
        EngineConfig graal = engine("graalwasm");
        EngineConfig unsafe = engine("graalwasm-unsafe");
        List<String> row = new ArrayList<>(List.of(label));
        for (EngineConfig e : engines) {
            row.add(cell(e, scenario, key, format));
        }
        boolean compare = enoki != null && graal != null;
        Double en = enoki == null ? null : number(enoki, scenario + "." + key);
        if (compare) {
            row.add(ratio(en, number(graal, scenario + "." + key)));
        }
        if (enoki != null && unsafe != null) {
            row.add(ratio(en, number(unsafe, scenario + "." + key)));
        }
        if (compare) {
            row.add(goal == null ? "" : goal);
            Double g = number(graal, scenario + "." + key);
            boolean complete = !"false".equals(get(enoki, scenario + ".ok")) && get(enoki, scenario + ".crash") == null;
            row.add(goal == null ? "" : en == null || g == null || !complete ? "?" : test.met(en, g) ? "yes" : "NO");
        }
        rows.add(row.toArray(String[]::new));
    }

    private void addVerdictRow(List<String[]> rows, String label, String key, String goal) {
        if (!scenarioList.contains(key.substring(0, 1))) {
            return;
        }
        EngineConfig enoki = engine("enoki");
        EngineConfig graal = engine("graalwasm");
        EngineConfig unsafe = engine("graalwasm-unsafe");
        List<String> row = new ArrayList<>(List.of(label));
        for (EngineConfig e : engines) {
            row.add(verdict(e, key));
        }
        boolean compare = enoki != null && graal != null;
        if (compare) {
            row.add("");
        }
        if (enoki != null && unsafe != null) {
            row.add("");
        }
        if (compare) {
            row.add(goal == null ? "(extra check)" : goal);
            row.add(goal == null ? "" : "holds".equals(verdict(enoki, key)) ? "yes" : "NO");
        }
        rows.add(row.toArray(String[]::new));
    }
}
