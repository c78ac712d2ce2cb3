package dev.enoki.wasm.launcher;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The test modules in {@code src/test/resources/modules}, built on first use into a temporary directory: {@code .wat}
 * with wabt's {@code wat2wasm}, {@code .c} with {@code clang --target=wasm32-wasi}. A missing tool skips the test,
 * except under CI ({@code CI=true}), where .ci/run installs both and a skip would hide a broken setup.
 */
final class TestModules {
    private static final Map<String, Path> BUILT = new HashMap<>();
    private static Path dir;

    private TestModules() {
    }

    /** The binary of {@code modules/NAME.wat}. */
    static synchronized Path wat(String name) {
        return build(name, ".wat", resource(name + ".wat"), "wat2wasm", source -> List.of("--debug-names", source.toString(), "-o"));
    }

    /** The binary of a module a test writes out itself, named {@code NAME}. */
    static synchronized Path watText(String name, String text) {
        return build(name, ".wat", text.getBytes(StandardCharsets.UTF_8), "wat2wasm", source -> List.of("--debug-names", source.toString(), "-o"));
    }

    /** The binary of {@code modules/NAME.c}, a WASI program. */
    static synchronized Path c(String name) {
        return build(name, ".c", resource(name + ".c"), "clang", source -> List.of("--target=wasm32-wasi", "-O2", source.toString(), "-o"));
    }

    /** A scratch directory for test files, deleted when the JVM exits. */
    static synchronized Path directory() {
        if (dir == null) {
            try {
                dir = Files.createTempDirectory("enoki-launcher-test");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            dir.toFile().deleteOnExit();
        }
        return dir;
    }

    /** Writes {@code bytes} to a new file in {@link #directory()}. */
    static Path file(String name, byte[] bytes) {
        try {
            Path file = directory().resolve(name);
            Files.write(file, bytes);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Arguments {
        List<String> before(Path source);
    }

    private static byte[] resource(String name) {
        try (InputStream in = TestModules.class.getResourceAsStream("/modules/" + name)) {
            if (in == null) {
                throw new IOException("no test module " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path build(String name, String extension, byte[] text, String tool, Arguments arguments) {
        Path built = BUILT.get(name + extension);
        if (built != null) {
            return built;
        }
        Path executable = findOnPath(tool);
        if (executable == null) {
            if ("true".equals(System.getenv("CI"))) {
                fail(tool + " is not installed; .ci/run installs it");
            }
            assumeTrue(false, tool + " is not installed");
        }
        try {
            Path source = file(name + extension, text);
            Path output = directory().resolve(name + ".wasm");
            List<String> command = new ArrayList<>();
            command.add(executable.toString());
            command.addAll(arguments.before(source));
            command.add(output.toString());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + log);
            }
            output.toFile().deleteOnExit();
            BUILT.put(name + extension, output);
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path findOnPath(String name) {
        String path = System.getenv("PATH");
        for (String entry : path == null ? new String[0] : path.split(File.pathSeparator)) {
            Path candidate = Path.of(entry.isEmpty() ? "." : entry, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
