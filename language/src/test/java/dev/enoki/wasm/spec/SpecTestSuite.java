package dev.enoki.wasm.spec;

import dev.enoki.wasm.interop.WasmTestSupport;
import dev.enoki.wasm.spec.WastJson.Command;
import dev.enoki.wasm.spec.WastJson.Script;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs the official WebAssembly 2.0 spec suite: one dynamic test per {@code .wast} file, converted with wabt's
 * {@code wast2json} and executed command by command in a fresh polyglot context.
 *
 * <p>System properties:
 * <ul>
 * <li>{@code enoki.testsuite}: the suite checkout (holding {@code wasm-2.0/}); default
 * {@code ../shared/wasm-testsuite} next to the repository root;</li>
 * <li>{@code enoki.spec.filter}: comma-separated file names or globs to run (e.g. {@code i32.wast,f32*});</li>
 * <li>{@code enoki.spec.timeout}: seconds per file (default 120);</li>
 * <li>{@code enoki.spec.messages=true}: print every assert_invalid/malformed/unlinkable message mismatch;</li>
 * <li>{@code enoki.spec.keep=true}: keep the converted files (their folder is printed).</li>
 * </ul>
 * Without the suite or wabt the suite is skipped with a loud warning, except under {@code CI=true}, where
 * that is a failure. The last line printed is {@code spec: N passed, N failed, N skipped} (commands).
 */
class SpecTestSuite {

    private static final String SUITE_SUBDIR = "wasm-2.0";
    private static final int MAX_FAILURES_IN_MESSAGE = 200;
    private static final long CANCEL_GRACE_SECONDS = 30;

    private static final AtomicInteger PASSED = new AtomicInteger();
    private static final AtomicInteger FAILED = new AtomicInteger();
    private static final AtomicInteger SKIPPED = new AtomicInteger();
    private static final AtomicInteger MESSAGE_MISMATCHES = new AtomicInteger();
    private static final AtomicReference<Exclusions> EXCLUSIONS = new AtomicReference<>();
    private static final AtomicReference<Path> WORK_DIR = new AtomicReference<>();

    @TestFactory
    Stream<DynamicTest> specSuite() throws IOException {
        Path suite = locateSuite();
        Path wastDir = Files.isDirectory(suite.resolve(SUITE_SUBDIR)) ? suite.resolve(SUITE_SUBDIR) : suite;
        if (!Files.isDirectory(wastDir)) {
            unavailable("spec suite not found at " + suite.toAbsolutePath().normalize()
                    + " (set -Denoki.testsuite=DIR)");
        }
        WabtTool wast2json = WabtTool.find("wast2json");
        WabtTool wat2wasm = WabtTool.find("wat2wasm");
        if (wast2json == null || wat2wasm == null) {
            unavailable("wabt's " + (wast2json == null ? "wast2json" : "wat2wasm")
                    + " is not on the PATH (apt-get install wabt)");
        }

        WasmTestSupport.compiledRun();
        Exclusions exclusions = Exclusions.load();
        EXCLUSIONS.set(exclusions);
        Path work = Files.createTempDirectory("enoki-spec-");
        WORK_DIR.set(work);
        byte[] spectest = buildSpectest(wat2wasm, work);

        List<Path> files;
        try (Stream<Path> listing = Files.list(wastDir)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".wast"))
                    .filter(SpecTestSuite::selected)
                    .sorted()
                    .toList();
        }
        if (files.isEmpty()) {
            unavailable("no .wast files selected in " + wastDir);
        }
        long timeoutSeconds = Long.getLong("enoki.spec.timeout", 120);
        System.out.println("[spec] running " + files.size() + " files from " + wastDir + " (work dir " + work + ")");
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), file.toUri(),
                () -> runFile(file, wast2json, exclusions, spectest, work, timeoutSeconds)));
    }

    @AfterAll
    static void report() {
        Exclusions exclusions = EXCLUSIONS.get();
        if (exclusions != null && System.getProperty("enoki.spec.filter") == null) {
            for (String entry : exclusions.unused()) {
                System.out.println("[spec] exclusion entry matched nothing (stale?): " + entry);
            }
        }
        if (MESSAGE_MISMATCHES.get() > 0) {
            System.out.println("[spec] " + MESSAGE_MISMATCHES.get()
                    + " rejected modules passed with a message other than the expected text (informational)");
        }
        Path work = WORK_DIR.get();
        if (work != null && !Boolean.getBoolean("enoki.spec.keep")) {
            deleteRecursively(work);
        }
        System.out.println("spec: " + PASSED.get() + " passed, " + FAILED.get() + " failed, " + SKIPPED.get()
                + " skipped");
    }

    // ---- one file ----

    private static void runFile(Path wast, WabtTool wast2json, Exclusions exclusions, byte[] spectest, Path work,
                                long timeoutSeconds) throws IOException {
        String file = wast.getFileName().toString();
        String base = file.substring(0, file.length() - ".wast".length());
        Path dir = Files.createDirectories(work.resolve(base));
        Path json = dir.resolve(base + ".json");
        try {
            String fileReason = exclusions.fileReason(file);
            if (fileReason != null) {
                skipFile(file, wast, wast2json, dir, json, fileReason);
                return;
            }
            try {
                wast2json.run(dir, wast.toAbsolutePath().toString(), "-o", json.toString());
            } catch (IOException e) {
                FAILED.incrementAndGet();
                System.out.println("[spec] " + file + ": FAILED to convert: " + e.getMessage());
                Assertions.fail(file + ": wast2json cannot convert it (list it in " + Exclusions.RESOURCE
                        + " with the reason if that is expected): " + e.getMessage());
            }
            Script script;
            try {
                script = WastJson.read(json);
            } catch (IOException e) {
                FAILED.incrementAndGet();
                System.out.println("[spec] " + file + ": FAILED to read " + json + ": " + e);
                throw e;
            }
            List<Outcome> outcomes = execute(file, script, exclusions, spectest, dir, timeoutSeconds);
            tally(file, outcomes);
        } finally {
            if (!Boolean.getBoolean("enoki.spec.keep")) {
                deleteRecursively(dir);
            }
        }
    }

    /** An excluded file: its commands count as skipped (one, when wast2json cannot convert it). */
    private static void skipFile(String file, Path wast, WabtTool wast2json, Path dir, Path json, String reason) {
        int count;
        try {
            wast2json.run(dir, wast.toAbsolutePath().toString(), "-o", json.toString());
            count = WastJson.countCommands(json);
        } catch (IOException e) {
            count = 1;
        }
        SKIPPED.addAndGet(count);
        System.out.println("[spec] " + file + ": excluded, " + count + " skipped: " + reason);
        Assumptions.abort("excluded: " + reason);
    }

    /**
     * Runs the commands on a worker thread in a fresh context. A watchdog (this thread) cancels the context when
     * the file exceeds its time limit; commands that did not run then count as failed.
     */
    private static List<Outcome> execute(String file, Script script, Exclusions exclusions, byte[] spectest,
                                         Path dir, long timeoutSeconds) {
        List<Command> commands = script.commands();
        String[] excluded = new String[commands.size()];
        for (int i = 0; i < excluded.length; i++) {
            excluded[i] = exclusions.commandReason(file, commands.get(i).line());
        }
        AtomicReferenceArray<Outcome> results = new AtomicReferenceArray<>(commands.size());
        List<Outcome> setup = new CopyOnWriteArrayList<>();
        AtomicReference<SpecCommandRunner> runnerRef = new AtomicReference<>();
        AtomicReference<String> notRunReason = new AtomicReference<>("not run");

        Thread worker = new Thread(() -> {
            SpecCommandRunner runner;
            try {
                runner = new SpecCommandRunner(dir);
            } catch (Throwable t) {
                notRunReason.set("not run: no polyglot context");
                setup.add(Outcome.failed(0, "create the polyglot context", SpecCommandRunner.describe(t)));
                return;
            }
            runnerRef.set(runner);
            try {
                Outcome spectestFailure = runner.installSpectest(spectest);
                if (spectestFailure != null) {
                    setup.add(spectestFailure);
                }
                for (int i = 0; i < commands.size(); i++) {
                    Command c = commands.get(i);
                    results.set(i, excluded[i] != null
                            ? Outcome.skipped(c.line(), SpecCommandRunner.describe(c), excluded[i])
                            : runner.run(c));
                }
            } finally {
                try {
                    runner.close();
                } catch (Throwable t) {
                    setup.add(Outcome.failed(0, "close the polyglot context", SpecCommandRunner.describe(t)));
                }
            }
        }, "spec-" + file);
        worker.setDaemon(true);
        worker.start();
        try {
            worker.join(TimeUnit.SECONDS.toMillis(timeoutSeconds));
            if (worker.isAlive()) {
                notRunReason.set("not run: the file exceeded its time limit of " + timeoutSeconds + " s");
                System.out.println("[spec] " + file + ": time limit of " + timeoutSeconds + " s exceeded, cancelling");
                SpecCommandRunner runner = runnerRef.get();
                if (runner != null) {
                    Thread canceller = new Thread(() -> {
                        try {
                            runner.cancel();
                        } catch (Throwable ignored) {
                            // The worker reports what happened to the running command.
                        }
                    }, "spec-cancel-" + file);
                    canceller.setDaemon(true);
                    canceller.start();
                }
                worker.join(TimeUnit.SECONDS.toMillis(CANCEL_GRACE_SECONDS));
                if (worker.isAlive()) {
                    notRunReason.set("not run: the file exceeded its time limit of " + timeoutSeconds
                            + " s and did not stop when cancelled (worker thread abandoned)");
                    System.out.println("[spec] " + file + ": did not stop after cancel; abandoning its thread");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            notRunReason.set("not run: interrupted");
        }

        List<Outcome> outcomes = new ArrayList<>(setup);
        for (int i = 0; i < commands.size(); i++) {
            Outcome o = results.get(i);
            if (o == null) {
                Command c = commands.get(i);
                o = excluded[i] != null
                        ? Outcome.skipped(c.line(), SpecCommandRunner.describe(c), excluded[i])
                        : Outcome.failed(c.line(), SpecCommandRunner.describe(c), notRunReason.get());
            }
            outcomes.add(o);
        }
        return outcomes;
    }

    private static void tally(String file, List<Outcome> outcomes) {
        int passed = 0;
        int skipped = 0;
        int mismatches = 0;
        List<Outcome> failures = new ArrayList<>();
        for (Outcome o : outcomes) {
            switch (o.status()) {
                case PASSED -> passed++;
                case SKIPPED -> skipped++;
                case FAILED -> failures.add(o);
            }
            if (o.messageMismatch()) {
                mismatches++;
            }
        }
        PASSED.addAndGet(passed);
        FAILED.addAndGet(failures.size());
        SKIPPED.addAndGet(skipped);
        MESSAGE_MISMATCHES.addAndGet(mismatches);
        System.out.printf("[spec] %s: %d passed, %d failed, %d skipped%s%n", file, passed, failures.size(), skipped,
                mismatches == 0 ? "" : " (" + mismatches + " with another error message)");
        if (Boolean.getBoolean("enoki.spec.messages")) {
            outcomes.stream().filter(Outcome::messageMismatch)
                    .forEach(o -> System.out.println("[spec]   " + file + " " + o));
        }
        if (!failures.isEmpty()) {
            StringBuilder message = new StringBuilder()
                    .append(file).append(": ").append(failures.size()).append(" of ").append(outcomes.size())
                    .append(" commands failed:");
            for (Outcome o : failures.subList(0, Math.min(MAX_FAILURES_IN_MESSAGE, failures.size()))) {
                message.append("\n    ").append(o);
            }
            if (failures.size() > MAX_FAILURES_IN_MESSAGE) {
                message.append("\n    ... and ").append(failures.size() - MAX_FAILURES_IN_MESSAGE).append(" more");
            }
            Assertions.fail(message.toString());
        }
    }

    // ---- set-up ----

    private static Path locateSuite() {
        String property = System.getProperty("enoki.testsuite");
        if (property != null && !property.isBlank() && !property.contains("${")) {
            return Path.of(property);
        }
        // Not run by Maven: find the repository root (the folder holding pom.xml and language/).
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("pom.xml")) && Files.isDirectory(d.resolve("language"))) {
                return d.resolve("../shared/wasm-testsuite").normalize();
            }
        }
        return dir.resolve("../shared/wasm-testsuite").normalize();
    }

    private static boolean selected(Path file) {
        String filter = System.getProperty("enoki.spec.filter");
        if (filter == null || filter.isBlank()) {
            return true;
        }
        String name = file.getFileName().toString();
        return Arrays.stream(filter.split(","))
                .map(String::strip)
                .filter(f -> !f.isEmpty())
                .map(f -> f.endsWith(".wast") || f.endsWith("*") ? f : f + ".wast")
                .anyMatch(f -> Pattern.compile(Arrays.stream(f.split("\\*", -1))
                        .map(part -> part.isEmpty() ? "" : Pattern.quote(part))
                        .reduce((a, b) -> a + ".*" + b).orElse("")).matcher(name).matches());
    }

    /** The {@code spectest} module the scripts import from, assembled from its text form. */
    private static byte[] buildSpectest(WabtTool wat2wasm, Path work) throws IOException {
        Path wat = work.resolve("spectest.wat");
        Path wasm = work.resolve("spectest.wasm");
        try (InputStream in = SpecTestSuite.class.getResourceAsStream("/spec/spectest.wat")) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource /spec/spectest.wat");
            }
            Files.copy(in, wat);
        }
        wat2wasm.run(work, wat.toString(), "-o", wasm.toString());
        return Files.readAllBytes(wasm);
    }

    private static void unavailable(String why) {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        String banner = "!".repeat(100);
        String text = banner + "\n!!! SPEC SUITE NOT RUN: " + why
                + (ci ? "\n!!! CI=true: this is a failure" : "\n!!! skipping (it would fail with CI=true)") + "\n" + banner;
        System.out.println(text);
        System.err.println(text);
        if (ci) {
            Assertions.fail("spec suite not run: " + why);
        }
        Assumptions.abort("spec suite not run: " + why);
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            System.out.println("[spec] warning: cannot delete " + root + ": " + e);
        }
    }
}
