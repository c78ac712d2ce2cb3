package dev.enoki.wasm.spec;

import dev.enoki.wasm.ExternalProcess;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One wabt command-line tool ({@code wast2json}, {@code wat2wasm}) found on the {@code PATH}. */
final class WabtTool {

    private static final long TIMEOUT_SECONDS = 120;

    private final Path executable;

    private WabtTool(Path executable) {
        this.executable = executable;
    }

    /** The tool on the {@code PATH}, or {@code null} when it is not installed. */
    static WabtTool find(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return new WabtTool(candidate);
            }
        }
        return null;
    }

    Path executable() {
        return executable;
    }

    /** Runs the tool with {@code args}; throws with the tool's output when it fails or takes too long. */
    void run(Path workDir, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of(args));
        Path log = Files.createTempFile(workDir, executable.getFileName().toString(), ".log");
        Process process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        ExternalProcess.await(process, command, TIMEOUT_SECONDS);
        String output = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).strip();
        Files.deleteIfExists(log);
        if (process.exitValue() != 0) {
            if (output.length() > 2000) {
                output = output.substring(0, 2000) + "...";
            }
            throw new IOException(executable.getFileName() + " exited with " + process.exitValue()
                    + (output.isEmpty() ? "" : ": " + output));
        }
    }
}
