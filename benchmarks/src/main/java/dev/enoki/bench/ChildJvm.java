package dev.enoki.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the benchmark harnesses share for running a workload in a child JVM with one engine's class path: where
 * {@code benchmarks/target} and its library folders are, the child's JVM command line (interpreter-only or with the
 * Graal JIT), and running a child process with a time limit, its standard output collected and its standard error
 * logged.
 *
 * <p>The library folders are filled at package time (see {@code benchmarks/pom.xml}): {@code enoki-lib},
 * {@code graalwasm-lib}, {@code chicory-lib} and {@code jit-lib} (the Graal compiler). Enoki and GraalWasm both
 * register the Truffle language id {@code "wasm"}, so they never share a class path.
 */
final class ChildJvm {
    /** The compiler jars that go on the upgrade module path in JIT mode (and so off the class or module path). */
    static final List<String> JIT_JARS = List.of("compiler-", "truffle-compiler-", "word-", "collections-", "nativeimage-");

    /** Flags every child gets: they silence JDK 25's warnings about what Truffle does from the unnamed module. */
    static final List<String> COMMON_FLAGS = List.of("--sun-misc-unsafe-memory-access=allow");

    /** How the child runs Truffle guest code. */
    enum Mode {
        /** Plain class path, Truffle's fallback runtime: guest code is only interpreted. */
        INTERPRETER,
        /** The Graal JIT from the stock JDK: compiler jars on {@code --upgrade-module-path}, the rest on the class path. */
        JIT_CLASS_PATH,
        /** The Graal JIT with Truffle and the engine on the module path as well. */
        JIT_MODULE_PATH
    }

    private ChildJvm() {
    }

    /** {@code benchmarks/target}, found from where the given class was loaded ({@code target/classes} or the jar). */
    static Path target(Class<?> from) throws URISyntaxException {
        Path here = Path.of(from.getProtectionDomain().getCodeSource().getLocation().toURI());
        return here.getParent();
    }

    /** Fails with a hint to build first when a library folder is missing. */
    static void requireDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(dir + " is missing: build first with `mvn -B -q -DskipTests package`");
        }
    }

    static List<Path> jars(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
    }

    static boolean isJitJar(Path jar) {
        String name = jar.getFileName().toString();
        return JIT_JARS.stream().anyMatch(name::startsWith);
    }

    static String pathOf(List<Path> paths) {
        return paths.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    /**
     * The child's command line up to (not including) its main class: {@code java}, the common flags, the mode's
     * flags, {@code extraJvmArgs}, and a class path of {@code target/classes} plus the jars of {@code libDir}.
     */
    static List<String> command(String javaCommand, Path target, Path libDir, Mode mode, List<String> extraJvmArgs) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaCommand);
        command.addAll(COMMON_FLAGS);
        command.add("-Dpolyglot.engine.WarnInterpreterOnly=false");
        List<Path> libJars = jars(libDir);
        Path classes = target.resolve("classes");
        switch (mode) {
            case INTERPRETER -> {
                command.add("--enable-native-access=ALL-UNNAMED");
                command.addAll(extraJvmArgs);
                List<Path> classPath = new ArrayList<>();
                classPath.add(classes);
                classPath.addAll(libJars);
                command.add("-cp");
                command.add(pathOf(classPath));
            }
            case JIT_CLASS_PATH -> {
                command.add("-XX:+UnlockExperimentalVMOptions");
                command.add("-XX:+EnableJVMCI");
                command.add("--enable-native-access=ALL-UNNAMED");
                command.add("--upgrade-module-path=" + pathOf(jars(target.resolve("jit-lib"))));
                command.addAll(extraJvmArgs);
                List<Path> classPath = new ArrayList<>();
                classPath.add(classes);
                classPath.addAll(libJars.stream().filter(j -> !isJitJar(j)).toList());
                command.add("-cp");
                command.add(pathOf(classPath));
            }
            case JIT_MODULE_PATH -> {
                command.add("-XX:+UnlockExperimentalVMOptions");
                command.add("-XX:+EnableJVMCI");
                command.add("--enable-native-access=ALL-UNNAMED,org.graalvm.truffle");
                command.add("--upgrade-module-path=" + pathOf(jars(target.resolve("jit-lib"))));
                command.add("--module-path=" + pathOf(libJars.stream().filter(j -> !isJitJar(j)).toList()));
                command.add("--add-modules=ALL-MODULE-PATH");
                command.addAll(extraJvmArgs);
                command.add("-cp");
                command.add(classes.toString());
            }
        }
        return command;
    }

    /** A finished child: its standard output lines, exit code, whether it ran out of time, and its wall time. */
    record Outcome(List<String> stdout, int exit, boolean timedOut, long wallNanos) {
        double wallSeconds() {
            return wallNanos / 1e9;
        }

        /** The values of the child's {@code RESULT key=value} lines. */
        Map<String, String> results() {
            Map<String, String> into = new java.util.LinkedHashMap<>();
            for (String line : stdout) {
                if (line.startsWith("RESULT ")) {
                    int eq = line.indexOf('=');
                    if (eq > 0) {
                        into.put(line.substring(7, eq), line.substring(eq + 1));
                    }
                }
            }
            return into;
        }
    }

    /**
     * Runs {@code command} (optionally in {@code directory}, with {@code environment} added), its standard error
     * appended to {@code log} after the command line, its standard output collected (and appended to the log with a
     * {@code stdout: } prefix). The wall time runs from just before the process starts to its exit. After
     * {@code timeoutSeconds} the child is killed.
     */
    static Outcome run(List<String> command, Path directory, Map<String, String> environment, Path log, long timeoutSeconds)
                    throws IOException, InterruptedException {
        Files.writeString(log, String.join(" ", command) + System.lineSeparator());
        ProcessBuilder builder = new ProcessBuilder(command);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        if (environment != null) {
            builder.environment().putAll(environment);
        }
        builder.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        long t0 = System.nanoTime();
        Process process = builder.start();
        List<String> lines = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                }
            } catch (IOException e) {
                // the child is gone
            }
        });
        reader.setDaemon(true);
        reader.start();
        boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        long wall = System.nanoTime() - t0;
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor();
        }
        reader.join(10_000);
        List<String> out;
        synchronized (lines) {
            out = List.copyOf(lines);
        }
        Files.write(log, out.stream().map(l -> "stdout: " + l).toList(), StandardOpenOption.APPEND);
        return new Outcome(out, process.exitValue(), !finished, wall);
    }

    /** The last {@code n} lines of a child's log that are not its standard output, for an error message. */
    static String lastLines(Path log, int n) throws IOException {
        List<String> all = Files.readAllLines(log).stream().filter(l -> !l.startsWith("stdout: ") && !l.isBlank()).toList();
        if (all.size() <= 1) {
            return "(no output)";
        }
        return String.join(" / ", all.subList(Math.max(1, all.size() - n), all.size()));
    }

    /** The 1, 5 and 15 minute load averages, for the report. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
