package dev.enoki.wasm.launcher;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the launcher's main class in a new JVM with this test's class path, as the {@code wasm} command does, so a test
 * sees the real exit status and both streams.
 */
final class LauncherProcess {
    private static final long TIMEOUT_SECONDS = 300;

    /** What a run left: its exit status, stdout and stderr. */
    record Result(int status, String out, String err) {
        @Override
        public String toString() {
            return "exit status " + status + "\n--- stdout:\n" + out + "--- stderr:\n" + err;
        }
    }

    private LauncherProcess() {
    }

    /** Runs {@code wasm ARGS...} interpreter-only, with no environment variables beyond {@code environment}. */
    static Result run(String... args) {
        return run(List.of("-Dpolyglot.engine.WarnInterpreterOnly=false"), Map.of(), args);
    }

    static Result run(List<String> jvmOptions, Map<String, String> environment, String... args) {
        return run(Path.of(System.getProperty("java.home"), "bin", "java"), jvmOptions, environment, args);
    }

    static Result run(Path java, List<String> jvmOptions, Map<String, String> environment, String... args) {
        return runMain(java, jvmOptions, environment, WasmLauncher.class.getName(), args);
    }

    /** Runs {@code mainClass} of the launcher jar with {@code args}. */
    static Result runMain(Path java, List<String> jvmOptions, Map<String, String> environment, String mainClass, String... args) {
        return runMain(java, System.getProperty("java.class.path"), jvmOptions, environment, mainClass, args);
    }

    /** Runs {@code mainClass} from {@code classPath} with {@code args}. */
    static Result runMain(Path java, String classPath, List<String> jvmOptions, Map<String, String> environment, String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("--sun-misc-unsafe-memory-access=allow");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile(TestModules.directory(), "stdout", ".txt");
            Path err = Files.createTempFile(TestModules.directory(), "stderr", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("wasm " + String.join(" ", args) + " did not end within " + TIMEOUT_SECONDS + " s");
            }
            Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
