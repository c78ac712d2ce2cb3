package dev.enoki.wasm.wasi;

import dev.enoki.wasm.ExternalProcess;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The external tools the WASI tests use: clang with wasi-libc (to build the test programs), node (the reference WASI
 * implementation the outputs are compared with) and a native C compiler (for the benchmark programs). A missing tool
 * skips the tests that need it, loudly; with {@code CI=true} a missing clang fails them instead.
 */
final class Toolchain {
    private static final long TIMEOUT_SECONDS = 300;

    private Toolchain() {
    }

    static Path find(String name) {
        String path = System.getenv("PATH");
        for (String dir : path == null ? new String[0] : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (!dir.isEmpty() && Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** clang, or a skipped test (a failed one on CI). */
    static Path requireClang() {
        Path clang = find("clang");
        if (clang == null) {
            String message = "clang with wasi-libc is not installed: the WASI program tests cannot build their programs";
            if (onCi()) {
                throw new AssertionError(message + " (CI=true, so this is a failure)");
            }
            System.err.println("SKIPPED: " + message);
            Assumptions.abort(message);
        }
        return clang;
    }

    /** Builds {@code source} for wasm32-wasi into {@code output}. */
    static void compileWasm(Path source, Path output, String... extraArgs) throws IOException {
        List<String> command = new ArrayList<>(List.of(requireClang().toString(), "--target=wasm32-wasi", "-O2", "-Wall", "-Wno-unused-function"));
        command.addAll(List.of(extraArgs));
        command.addAll(List.of(source.toString(), "-o", output.toString()));
        ProgramResult result = run(command, null, output.getParent());
        if (result.exitStatus() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + result.stderr());
        }
    }

    /** Runs a command; returns its result, throws with its output when it cannot start or takes too long. */
    static ProgramResult run(List<String> command, byte[] stdin, Path workDir) throws IOException {
        Path out = Files.createTempFile(workDir, "cmd", ".out");
        Path err = Files.createTempFile(workDir, "cmd", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        if (stdin == null) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        Process process = builder.start();
        if (stdin != null) {
            try (var in = process.getOutputStream()) {
                in.write(stdin);
            }
        }
        ExternalProcess.await(process, command, TIMEOUT_SECONDS);
        ProgramResult result = new ProgramResult(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8), process.exitValue());
        Files.delete(out);
        Files.delete(err);
        return result;
    }
}
