package dev.enoki.wasm.wasi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.ByteSequence;
import org.graalvm.polyglot.io.IOAccess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs a local copy of the official WASI test suite (github.com/WebAssembly/wasi-testsuite) with Enoki, following the
 * semantics of the suite's own runner ({@code test-runner/wasi_test_runner}):
 * <ul>
 * <li>a suite is a directory with a {@code manifest.json} and {@code *.wasm} files; each {@code NAME.wasm} is a test,
 * configured by an optional {@code NAME.json} beside it;</li>
 * <li>the configuration is either the legacy form ({@code args}, {@code env}, {@code dirs}, {@code exit_code},
 * {@code stdout}, {@code stderr}) or a list of {@code operations} ({@code run}, {@code write} to stdin, {@code read}
 * from stdout/stderr, {@code wait} for the exit code);</li>
 * <li>each entry of {@code dirs} is a directory beside the test, pre-opened under the same (relative) name;</li>
 * <li>{@code argv[0]} is the module's path, followed by {@code args}; the program sees only {@code env};</li>
 * <li>a {@code read} compares the next characters of the stream with its payload (so {@code stdout} is a prefix
 * check, as in the suite's runner); {@code wait} compares the exit code (0 when not given);</li>
 * <li>files and directories named {@code *.cleanup} under the pre-opened directories are deleted before and after a
 * run.</li>
 * </ul>
 * Only preview1 suites are run: a suite whose manifest or path names {@code wasip2}/{@code wasip3} is left out. Tests
 * that need the sockets or http proposals ({@code connect}/{@code send}/{@code recv}, {@code proposals}) are skipped.
 * The suites are copied to a temporary directory first, so the checkout is never written to.
 *
 * <p>Where the suite is: system property {@code enoki.wasi.testsuite}, else environment variable
 * {@code ENOKI_WASI_TESTSUITE}, else {@code ../shared/wasi-testsuite} beside the repository root. It may be a checkout of
 * the suite (its {@code tests/*}{@code /testsuite/wasm32-wasip1} folders are found), a release archive's contents, or
 * a single suite folder. Without it the test is skipped with a loud message (never a failure, CI included).
 *
 * <p>More system properties:
 * <ul>
 * <li>{@code enoki.wasi.testsuite.engine}: a comma-separated list of {@code enoki} (default: in this JVM, through the
 * polyglot API, one fresh context per test), {@code launcher} (the {@code bin/wasm} command of this repository, which
 * must be built) and {@code node} (node's {@code node:wasi}, preview1, for comparison);</li>
 * <li>{@code enoki.wasi.testsuite.filter}: comma-separated test names or globs ({@code lseek}, {@code c/*},
 * {@code *path*});</li>
 * <li>{@code enoki.wasi.testsuite.timeout}: seconds per test (default 60);</li>
 * <li>a failing test fails the build: known failures belong in an exclusion list with their reasons, not in a
 * quiet report;</li>
 * <li>{@code enoki.wasi.testsuite.keep=true}: keep the working copy (its folder is printed).</li>
 * </ul>
 * One line per test ({@code PASS}/{@code FAIL}/{@code SKIP} with the reason), then, per engine, the failures again
 * and a total line {@code wasi-testsuite: N passed, N failed, N skipped} ({@code wasi-testsuite-node: ...} for node,
 * {@code wasi-testsuite-launcher: ...} for the launcher).
 *
 * <p>Example: {@code mvn -o -q -pl language test -Dtest=WasiTestsuiteTest -Denoki.wasi.testsuite=/path/to/suite
 * -Denoki.wasi.testsuite.engine=enoki,node}.
 */
class WasiTestsuiteTest {
    static final String PROPERTY = "enoki.wasi.testsuite";
    static final String ENV_VARIABLE = "ENOKI_WASI_TESTSUITE";
    static final String DEFAULT_LOCATION = "../shared/wasi-testsuite";
    private static final String PREFIX = "[wasi-testsuite] ";
    private static final int MAX_STREAM_IN_REASON = 600;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** node's side: the module under node:wasi (preview1), spec in WASI_TESTSUITE_SPEC as JSON. */
    private static final String NODE_SCRIPT = """
                    'use strict';
                    // Written by Enoki's WasiTestsuiteTest: runs one WASI preview1 command under node:wasi.
                    const { WASI } = require('node:wasi');
                    const fs = require('node:fs');
                    const spec = JSON.parse(process.env.WASI_TESTSUITE_SPEC);
                    const wasi = new WASI({ version: 'preview1', args: spec.args, env: spec.env, preopens: spec.preopens, returnOnExit: true });
                    const instance = new WebAssembly.Instance(new WebAssembly.Module(fs.readFileSync(spec.wasm)), wasi.getImportObject());
                    process.exitCode = wasi.start(instance);
                    """;

    private static final Map<String, Tally> TALLIES = new LinkedHashMap<>();
    private static final List<Path> WORK_DIRS = new ArrayList<>();

    // ---- the JUnit entry point ----

    @TestFactory
    Stream<DynamicTest> wasiTestsuite() throws IOException {
        Path root = locateSuite();
        if (!Files.isDirectory(root)) {
            skipLoudly("the WASI test suite is not at " + root + " (set -D" + PROPERTY + "=DIR or " + ENV_VARIABLE
                            + "=DIR to a copy of github.com/WebAssembly/wasi-testsuite with its built tests)");
        }
        List<Suite> suites = findSuites(root);
        if (suites.isEmpty()) {
            skipLoudly("no preview1 test suite (a folder with manifest.json and *.wasm files) under " + root);
        }
        List<Engine> engines = engines();
        List<DynamicTest> tests = new ArrayList<>();
        for (Engine engine : engines) {
            Path work = Files.createTempDirectory("enoki-wasi-testsuite-" + engine.name + "-");
            WORK_DIRS.add(work);
            Tally tally = new Tally(engine);
            TALLIES.put(engine.name, tally);
            for (Suite suite : suites) {
                Path copy = work.resolve(suite.label.replace('/', '_'));
                copyTree(suite.dir, copy);
                for (String name : suite.tests) {
                    String label = suite.label + "/" + name;
                    if (!selected(label)) {
                        continue;
                    }
                    String display = engines.size() == 1 && engine == Engine.ENOKI ? label : label + " [" + engine.name + "]";
                    tests.add(DynamicTest.dynamicTest(display, () -> runTest(engine, tally, label, copy, name)));
                }
            }
        }
        System.out.println(PREFIX + "running " + tests.size() + " tests of " + suites.size() + " suites from " + root
                        + " with " + engines.stream().map(e -> e.name).toList());
        return tests.stream();
    }

    @AfterAll
    static void report() {
        for (Tally tally : TALLIES.values()) {
            if (!tally.failures.isEmpty()) {
                System.out.println(PREFIX + tally.failures.size() + " failed with " + tally.engine.name + ":");
                for (String failure : tally.failures) {
                    System.out.println(PREFIX + "  " + failure);
                }
            }
            System.out.println(tally.engine.totalWord + ": " + tally.passed + " passed, " + tally.failures.size() + " failed, "
                            + tally.skipped + " skipped");
        }
        for (Path work : WORK_DIRS) {
            if (Boolean.getBoolean(PROPERTY + ".keep")) {
                System.out.println(PREFIX + "kept the working copy " + work);
            } else {
                deleteTree(work);
            }
        }
        TALLIES.clear();
        WORK_DIRS.clear();
    }

    private static void skipLoudly(String reason) {
        String message = "SKIPPED: " + reason;
        System.out.println(PREFIX + message);
        System.err.println(PREFIX + message);
        Assumptions.abort(message);
    }

    private static void runTest(Engine engine, Tally tally, String label, Path suiteDir, String name) {
        long start = System.nanoTime();
        Verdict verdict;
        try {
            verdict = execute(engine, suiteDir, name);
        } catch (IOException | RuntimeException e) {
            verdict = Verdict.fail("the runner failed: " + e);
        }
        String time = String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - start) / 1e9);
        String where = engine == Engine.ENOKI ? "" : " [" + engine.name + "]";
        switch (verdict.kind) {
            case PASS -> {
                tally.passed++;
                System.out.println(PREFIX + "PASS " + label + where + " (" + time + ")");
            }
            case SKIP -> {
                tally.skipped++;
                System.out.println(PREFIX + "SKIP " + label + where + ": " + verdict.reason);
                Assumptions.abort(verdict.reason);
            }
            case FAIL -> {
                tally.failures.add(label + ": " + verdict.reason);
                System.out.println(PREFIX + "FAIL " + label + where + " (" + time + "): " + verdict.reason);
                Assertions.fail(label + " with " + engine.name + ": " + verdict.reason);
            }
        }
    }

    // ---- finding the suites ----

    static Path locateSuite() {
        String configured = System.getProperty(PROPERTY);
        if (configured == null || configured.isBlank() || configured.contains("${")) {
            configured = System.getenv(ENV_VARIABLE);
        }
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("pom.xml")) && Files.isDirectory(d.resolve("language"))) {
                return d.resolve(DEFAULT_LOCATION).normalize();
            }
        }
        return dir.resolve(DEFAULT_LOCATION).normalize();
    }

    /** A suite folder: its label (c, rust, assemblyscript, or its path), and its tests' names, sorted. */
    record Suite(String label, Path dir, List<String> tests) {
    }

    static List<Suite> findSuites(Path root) throws IOException {
        List<Path> manifests = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                boolean skip = !dir.equals(root) && (name.startsWith(".") || name.equals("node_modules") || name.equals("target"));
                return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (file.getFileName().toString().equals("manifest.json")) {
                    manifests.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        List<Suite> suites = new ArrayList<>();
        for (Path manifest : manifests.stream().sorted().toList()) {
            Path dir = manifest.getParent();
            List<String> tests;
            try (Stream<Path> files = Files.list(dir)) {
                tests = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".wasm"))
                                .map(n -> n.substring(0, n.length() - ".wasm".length())).sorted().toList();
            }
            if (tests.isEmpty()) {
                continue;
            }
            String version = wasiVersion(manifest);
            String relative = root.relativize(dir).toString().replace(File.separatorChar, '/');
            if (!version.equals("wasip1")) {
                System.out.println(PREFIX + "not run (" + version + ", not preview1): " + (relative.isEmpty() ? "." : relative));
                continue;
            }
            suites.add(new Suite(label(relative, dir), dir, tests));
        }
        return suites;
    }

    /** wasip1, wasip2 or wasip3, from the manifest's version or name, else from the path (wasip1 when silent). */
    private static String wasiVersion(Path manifest) throws IOException {
        StringBuilder text = new StringBuilder(manifest.getParent().toString());
        try {
            JsonNode json = JSON.readTree(manifest.toFile());
            text.append(' ').append(json.path("version").asText("")).append(' ').append(json.path("name").asText(""));
        } catch (IOException e) {
            System.out.println(PREFIX + "unreadable manifest " + manifest + ": " + e.getMessage());
        }
        String all = text.toString().toLowerCase(Locale.ROOT);
        return all.contains("wasip3") ? "wasip3" : all.contains("wasip2") ? "wasip2" : "wasip1";
    }

    /** tests/c/testsuite/wasm32-wasip1 is "c"; anything else keeps its relative path. */
    private static String label(String relative, Path dir) {
        String[] parts = relative.split("/");
        if (parts.length >= 2 && parts[0].equals("tests")) {
            return parts[1];
        }
        if (relative.isEmpty()) {
            return dir.getFileName() == null ? "suite" : dir.getFileName().toString();
        }
        return relative;
    }

    private static boolean selected(String label) {
        String filter = System.getProperty(PROPERTY + ".filter");
        if (filter == null || filter.isBlank() || filter.contains("${")) {
            return true;
        }
        String name = label.substring(label.lastIndexOf('/') + 1);
        for (String f : filter.split(",")) {
            String glob = f.strip();
            if (glob.isEmpty()) {
                continue;
            }
            Pattern pattern = Pattern.compile(Arrays.stream(glob.split("\\*", -1)).map(p -> p.isEmpty() ? "" : Pattern.quote(p))
                            .reduce((a, b) -> a + ".*" + b).orElse(""));
            if (pattern.matcher(label).matches() || pattern.matcher(name).matches()) {
                return true;
            }
        }
        return false;
    }

    // ---- one test's configuration, as the suite's runner reads it ----

    sealed interface Operation permits Run, Write, Read, Wait, Unsupported {
    }

    /** Start the program; {@code dirs} are (host, guest) pairs. */
    record Run(List<String> args, Map<String, String> env, List<Dir> dirs) implements Operation {
    }

    record Dir(Path host, String guest) {
    }

    record Write(String id, String payload) implements Operation {
    }

    record Read(String id, String payload) implements Operation {
    }

    record Wait(int exitCode) implements Operation {
    }

    record Unsupported(String what) implements Operation {
    }

    static List<Operation> readConfig(Path suiteDir, String name) throws IOException {
        Path file = suiteDir.resolve(name + ".json");
        if (!Files.exists(file)) {
            return List.of(new Run(List.of(), Map.of(), List.of()), new Wait(0));
        }
        JsonNode config = JSON.readTree(file.toFile());
        List<Operation> operations = new ArrayList<>();
        if (config.has("operations") || config.has("proposals")) {
            for (JsonNode proposal : config.path("proposals")) {
                operations.add(new Unsupported("the " + proposal.asText() + " proposal"));
            }
            for (JsonNode op : config.path("operations")) {
                String type = op.path("type").asText("");
                switch (type) {
                    case "run" -> operations.add(run(suiteDir, op));
                    case "wait" -> operations.add(new Wait(op.path("exit_code").asInt(0)));
                    case "read" -> operations.add(new Read(op.path("id").asText("stdout"), op.path("payload").asText("")));
                    case "write" -> operations.add(new Write(op.path("id").asText("write"), op.path("payload").asText("")));
                    case "connect", "send", "recv" -> operations.add(new Unsupported("a '" + type + "' operation (sockets)"));
                    default -> throw new IOException("unsupported operation type '" + type + "' in " + file);
                }
            }
            return operations;
        }
        operations.add(run(suiteDir, config));
        if (config.hasNonNull("stdout")) {
            operations.add(new Read("stdout", config.get("stdout").asText()));
        }
        if (config.hasNonNull("stderr")) {
            operations.add(new Read("stderr", config.get("stderr").asText()));
        }
        operations.add(new Wait(config.path("exit_code").asInt(0)));
        return operations;
    }

    private static Run run(Path suiteDir, JsonNode config) {
        List<String> args = new ArrayList<>();
        config.path("args").forEach(a -> args.add(a.asText()));
        Map<String, String> env = new LinkedHashMap<>();
        config.path("env").properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
        List<Dir> dirs = new ArrayList<>();
        config.path("dirs").forEach(d -> dirs.add(new Dir(suiteDir.resolve(d.asText()), d.asText())));
        // Some newer configurations name a fixture folder that is the program's root ("root": "fs-tests.dir") and
        // open paths relative to it: pre-opened as ".", which wasi-libc matches for relative paths.
        if (config.hasNonNull("root")) {
            dirs.add(new Dir(suiteDir.resolve(config.get("root").asText()), "."));
        }
        return new Run(args, env, dirs);
    }

    // ---- running one test ----

    enum Kind {
        PASS,
        FAIL,
        SKIP
    }

    record Verdict(Kind kind, String reason) {
        static Verdict fail(String reason) {
            return new Verdict(Kind.FAIL, reason);
        }
    }

    /** What one run of the program left: exit code (null when it did not end), streams, and a note (trap, timeout). */
    record Outcome(Integer exitCode, String stdout, String stderr, String note) {
    }

    static Verdict execute(Engine engine, Path suiteDir, String name) throws IOException {
        List<Operation> operations;
        try {
            operations = readConfig(suiteDir, name);
        } catch (IOException e) {
            return Verdict.fail("cannot read " + name + ".json: " + e.getMessage());
        }
        for (Operation op : operations) {
            if (op instanceof Unsupported u) {
                return new Verdict(Kind.SKIP, "needs " + u.what() + ", which this runner does not provide");
            }
        }
        Path wasm = suiteDir.resolve(name + ".wasm");
        List<Run> runs = new ArrayList<>();
        try {
            Run run = null;
            Outcome outcome = null;
            int[] cursor = new int[2];
            StringBuilder stdin = new StringBuilder();
            for (int i = 0; i < operations.size(); i++) {
                Operation op = operations.get(i);
                switch (op) {
                    case Run r -> {
                        if (run != null) {
                            return Verdict.fail("bad configuration: a second 'run' before 'wait'");
                        }
                        run = r;
                        runs.add(r);
                        outcome = null;
                        cursor[0] = cursor[1] = 0;
                        stdin.setLength(0);
                        for (Dir dir : r.dirs()) {
                            if (!Files.isDirectory(dir.host())) {
                                return Verdict.fail("fixture directory " + dir.guest() + " is missing beside the test (" + dir.host() + ")");
                            }
                        }
                        cleanup(r.dirs());
                        // Standard input is everything the configuration writes before the wait: the program runs to
                        // its end in one go (it cannot see input arrive later, as it could from the suite's runner).
                        for (int j = i + 1; j < operations.size() && !(operations.get(j) instanceof Wait); j++) {
                            if (operations.get(j) instanceof Write w) {
                                if (!w.id().equals("stdin")) {
                                    return Verdict.fail("bad configuration: write to '" + w.id() + "', not stdin");
                                }
                                stdin.append(w.payload());
                            }
                        }
                    }
                    case Write w -> {
                        if (run == null) {
                            return Verdict.fail("bad configuration: 'write' before 'run'");
                        }
                    }
                    case Read r -> {
                        if (run == null) {
                            return Verdict.fail("bad configuration: 'read' before 'run'");
                        }
                        if (outcome == null) {
                            outcome = engine.run(wasm, run, stdin.toString().getBytes(StandardCharsets.UTF_8));
                        }
                        int stream = r.id().equals("stdout") ? 0 : r.id().equals("stderr") ? 1 : -1;
                        if (stream < 0) {
                            return Verdict.fail("bad configuration: read from '" + r.id() + "'");
                        }
                        String text = stream == 0 ? outcome.stdout() : outcome.stderr();
                        int end = Math.min(text.length(), cursor[stream] + r.payload().length());
                        String got = text.substring(Math.min(cursor[stream], text.length()), end);
                        cursor[stream] = end;
                        if (!got.equals(r.payload())) {
                            String exit = outcome.exitCode() == null ? "no exit" : "exit code " + outcome.exitCode();
                            return Verdict.fail(r.id() + ": expected " + quote(r.payload()) + ", got " + quote(got) + " (" + exit + ")" + details(outcome));
                        }
                    }
                    case Wait w -> {
                        if (run == null) {
                            return Verdict.fail("bad configuration: 'wait' before 'run'");
                        }
                        if (outcome == null) {
                            outcome = engine.run(wasm, run, stdin.toString().getBytes(StandardCharsets.UTF_8));
                        }
                        if (outcome.exitCode() == null || outcome.exitCode() != w.exitCode()) {
                            String got = outcome.exitCode() == null ? "no exit" : String.valueOf(outcome.exitCode());
                            return Verdict.fail("exit code: expected " + w.exitCode() + ", got " + got + details(outcome));
                        }
                        run = null;
                    }
                    case Unsupported u -> throw new AssertionError(u);
                }
            }
            if (run != null) {
                return Verdict.fail("bad configuration: 'run' without 'wait'");
            }
            return new Verdict(Kind.PASS, "");
        } finally {
            for (Run r : runs) {
                cleanup(r.dirs());
            }
        }
    }

    private static String details(Outcome outcome) {
        StringBuilder sb = new StringBuilder();
        if (outcome.note() != null) {
            sb.append(" (").append(outcome.note()).append(')');
        }
        if (!outcome.stdout().isEmpty()) {
            sb.append("; stdout ").append(quote(clip(outcome.stdout())));
        }
        if (!outcome.stderr().isEmpty()) {
            sb.append("; stderr ").append(quote(clip(outcome.stderr())));
        }
        return sb.toString();
    }

    private static String clip(String s) {
        return s.length() <= MAX_STREAM_IN_REASON ? s : s.substring(0, MAX_STREAM_IN_REASON) + "...";
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t").replace("\"", "\\\"") + "\"";
    }

    /** Deletes the files and folders named *.cleanup under the pre-opened directories, as the suite's runner does. */
    private static void cleanup(List<Dir> dirs) throws IOException {
        for (Dir dir : dirs) {
            if (!Files.isDirectory(dir.host())) {
                continue;
            }
            List<Path> found;
            try (Stream<Path> paths = Files.walk(dir.host())) {
                found = paths.filter(p -> p.getFileName().toString().endsWith(".cleanup")).toList();
            }
            for (Path p : found) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    deleteTree(p);
                } else {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    // ---- engines ----

    enum Engine {
        ENOKI("enoki", "wasi-testsuite"),
        LAUNCHER("launcher", "wasi-testsuite-launcher"),
        NODE("node", "wasi-testsuite-node");

        final String name;
        final String totalWord;

        Engine(String name, String totalWord) {
            this.name = name;
            this.totalWord = totalWord;
        }

        Outcome run(Path wasm, Run run, byte[] stdin) throws IOException {
            List<String> argv = new ArrayList<>();
            argv.add(wasm.toString());
            argv.addAll(run.args());
            return switch (this) {
                case ENOKI -> runInEnoki(wasm, argv, run, stdin);
                case LAUNCHER -> runInLauncher(wasm, run, stdin);
                case NODE -> runInNode(wasm, argv, run, stdin);
            };
        }
    }

    static final class Tally {
        final Engine engine;
        int passed;
        int skipped;
        final List<String> failures = new ArrayList<>();

        Tally(Engine engine) {
            this.engine = engine;
        }
    }

    private static List<Engine> engines() {
        String configured = System.getProperty(PROPERTY + ".engine");
        if (configured == null || configured.isBlank() || configured.contains("${")) {
            return List.of(Engine.ENOKI);
        }
        List<Engine> engines = new ArrayList<>();
        for (String name : configured.split(",")) {
            String n = name.strip();
            Engine engine = Arrays.stream(Engine.values()).filter(e -> e.name.equals(n)).findFirst()
                            .orElseThrow(() -> new IllegalArgumentException("unknown engine '" + n + "' in -D" + PROPERTY + ".engine (enoki, launcher, node)"));
            if (!engines.contains(engine)) {
                engines.add(engine);
            }
        }
        return engines;
    }

    private static long timeoutSeconds() {
        return Long.getLong(PROPERTY + ".timeout", 60);
    }

    /** In this JVM through the polyglot API: a fresh context per run, as an embedder would run a WASI command. */
    private static Outcome runInEnoki(Path wasm, List<String> argv, Run run, byte[] stdin) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        StringBuilder mapDirs = new StringBuilder();
        for (Dir dir : run.dirs()) {
            mapDirs.append(mapDirs.isEmpty() ? "" : ",").append(dir.guest()).append("::").append(dir.host());
        }
        Source source = Source.newBuilder("wasm", ByteSequence.create(Files.readAllBytes(wasm)), wasm.getFileName().toString()).build();
        Context context = Context.newBuilder("wasm").option("wasm.Builtins", "wasi_snapshot_preview1").option("wasm.WasiMapDirs", mapDirs.toString())
                        .allowIO(IOAccess.ALL).arguments("wasm", argv.toArray(new String[0])).environment(run.env())
                        .in(new ByteArrayInputStream(stdin)).out(out).err(err).build();
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "wasi-testsuite " + wasm.getFileName());
            t.setDaemon(true);
            return t;
        });
        Integer exit;
        String note = null;
        try {
            Future<Object[]> future = executor.submit(() -> start(context, source));
            Object[] result;
            try {
                result = future.get(timeoutSeconds(), TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                context.close(true);
                return new Outcome(null, decode(out), decode(err), "timed out after " + timeoutSeconds() + " s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } catch (ExecutionException e) {
                throw new IOException(e.getCause());
            }
            exit = (Integer) result[0];
            note = (String) result[1];
        } finally {
            executor.shutdownNow();
            try {
                context.close();
            } catch (PolyglotException | IllegalStateException e) {
                // already closed (cancelled or exited)
            }
        }
        return new Outcome(exit, decode(out), decode(err), note);
    }

    /** Runs {@code _start}: {exit code, note}. A trap counts as exit code 1, as {@code bin/wasm} reports it. */
    private static Object[] start(Context context, Source source) {
        try {
            Value instance = context.eval(source).newInstance();
            Value start = instance.getMember("exports").getMember("_start");
            if (start == null || !start.canExecute()) {
                return new Object[]{1, "the module exports no _start function"};
            }
            start.execute();
            return new Object[]{0, null};
        } catch (PolyglotException e) {
            if (e.isExit()) {
                return new Object[]{e.getExitStatus(), null};
            }
            String kind = e.isSyntaxError() ? "rejected module" : e.isGuestException() ? "trap" : e.isInternalError() ? "internal error" : "error";
            return new Object[]{1, kind + ": " + e.getMessage()};
        }
    }

    /** The repository's {@code bin/wasm} in a child process. */
    private static Outcome runInLauncher(Path wasm, Run run, byte[] stdin) throws IOException {
        Path launcher = repositoryRoot().resolve("bin/wasm");
        if (!Files.isExecutable(launcher)) {
            throw new IOException("no executable " + launcher);
        }
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        for (Dir dir : run.dirs()) {
            command.add("--dir=" + dir.host() + "::" + dir.guest());
        }
        run.env().forEach((k, v) -> command.add("--env=" + k + "=" + v));
        command.add(wasm.toString());
        command.addAll(run.args());
        return runProcess(command, Map.of(), stdin, wasm.getParent());
    }

    /** node's {@code node:wasi} (preview1) in a child process. */
    private static Outcome runInNode(Path wasm, List<String> argv, Run run, byte[] stdin) throws IOException {
        Path node = onPath("node");
        if (node == null) {
            throw new IOException("node is not on the PATH");
        }
        Path script = Files.createTempFile("enoki-wasi-testsuite-", ".cjs");
        try {
            Files.writeString(script, NODE_SCRIPT);
            ObjectNode spec = JSON.createObjectNode();
            spec.put("wasm", wasm.toString());
            argv.forEach(spec.putArray("args")::add);
            ObjectNode env = spec.putObject("env");
            run.env().forEach(env::put);
            ObjectNode preopens = spec.putObject("preopens");
            run.dirs().forEach(d -> preopens.put(d.guest(), d.host().toString()));
            return runProcess(List.of(node.toString(), "--no-warnings", script.toString()), Map.of("WASI_TESTSUITE_SPEC", JSON.writeValueAsString(spec)),
                            stdin, wasm.getParent());
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static Path onPath(String name) {
        String path = System.getenv("PATH");
        for (String dir : path == null ? new String[0] : path.split(File.pathSeparator)) {
            Path candidate = dir.isEmpty() ? null : Path.of(dir, name);
            if (candidate != null && Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static Path repositoryRoot() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("pom.xml")) && Files.isDirectory(d.resolve("language")) && Files.isDirectory(d.resolve("bin"))) {
                return d;
            }
        }
        return Path.of("").toAbsolutePath();
    }

    private static Outcome runProcess(List<String> command, Map<String, String> env, byte[] stdin, Path workDir) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread outPump = pump(process.getInputStream(), out);
        Thread errPump = pump(process.getErrorStream(), err);
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin);
        } catch (IOException e) {
            // the program ended without reading its input
        }
        try {
            if (!process.waitFor(timeoutSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                outPump.join(5_000);
                errPump.join(5_000);
                return new Outcome(null, decode(out), decode(err), "timed out after " + timeoutSeconds() + " s");
            }
            outPump.join(30_000);
            errPump.join(30_000);
            return new Outcome(process.exitValue(), decode(out), decode(err), null);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Copies {@code stream} into {@code sink} on a thread of its own, until its end or until it is closed. */
    private static Thread pump(InputStream stream, ByteArrayOutputStream sink) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (stream) {
                for (int n; (n = stream.read(buffer)) >= 0;) {
                    sink.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // closed when the process was killed: keep what was read
            }
        }, "wasi-testsuite output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static String decode(ByteArrayOutputStream stream) {
        synchronized (stream) {
            return decode(stream.toByteArray());
        }
    }

    /** UTF-8 with universal newlines, as the suite's runner reads the streams (text mode). */
    private static String decode(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8).replace("\r\n", "\n").replace('\r', '\n');
    }

    // ---- files ----

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.setLastModifiedTime(to.resolve(from.relativize(dir).toString()), Files.getLastModifiedTime(dir));
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                p.toFile().setWritable(true);
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.out.println(PREFIX + "could not delete " + root + ": " + e.getMessage());
        }
    }
}
