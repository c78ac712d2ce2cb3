package dev.enoki.wasm.validation;

import dev.enoki.wasm.binary.ModuleReader;
import dev.enoki.wasm.errors.CompileError;
import dev.enoki.wasm.module.WasmModule;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Builds test modules: from text with {@code wat2wasm --no-check} (so invalid ones assemble), or from raw bytes. */
final class TestModules {
    private static final Path WAT2WASM = findOnPath("wat2wasm");

    private TestModules() {
    }

    /** The binary of {@code wat}, assembled without wabt's own validation. */
    static byte[] assemble(String wat) {
        if (WAT2WASM == null) {
            // Like the spec suite: only CI must have wabt.
            Assertions.assertNotEquals("true", System.getenv("CI"), "wat2wasm is not on the PATH");
            Assumptions.abort("wat2wasm is not on the PATH");
        }
        try {
            Path dir = Files.createTempDirectory("enoki-validation");
            try {
                Path in = dir.resolve("m.wat");
                Path out = dir.resolve("m.wasm");
                Files.writeString(in, wat);
                Process p = new ProcessBuilder(WAT2WASM.toString(), "--no-check", in.toString(), "-o", out.toString())
                                .redirectErrorStream(true).start();
                String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new AssertionError("wat2wasm failed: " + log);
                }
                return Files.readAllBytes(out);
            } finally {
                try (var files = Files.list(dir)) {
                    for (Path f : files.toList()) {
                        Files.delete(f);
                    }
                }
                Files.delete(dir);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static void assertValid(String wat) {
        ModuleValidator.validate(ModuleReader.read("test", assemble(wat)));
    }

    /** Asserts that validating {@code wat} fails with exactly {@code problem} (the spec wording, maybe with detail). */
    static CompileError assertInvalid(String wat, String problem) {
        return assertRejected(assemble(wat), problem);
    }

    static CompileError assertRejected(byte[] bytes, String problem) {
        WasmModule module = ModuleReader.read("test", bytes);
        CompileError e = Assertions.assertThrows(CompileError.class, () -> ModuleValidator.validate(module));
        Assertions.assertTrue(e.problem().startsWith(problem), () -> "expected '" + problem + "' but got '" + e.problem() + "'");
        return e;
    }

    /** A binary module: the header followed by {@code sections}, each given as id then contents. */
    static byte[] binary(Object... idsAndContents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{0, 'a', 's', 'm', 1, 0, 0, 0});
        for (int i = 0; i < idsAndContents.length; i += 2) {
            byte[] contents = bytes((int[]) idsAndContents[i + 1]);
            out.write((Integer) idsAndContents[i]);
            writeU32(out, contents.length);
            out.writeBytes(contents);
        }
        return out.toByteArray();
    }

    static int[] of(int... bytes) {
        return bytes;
    }

    private static byte[] bytes(int[] values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static void writeU32(ByteArrayOutputStream out, int value) {
        do {
            int b = value & 0x7F;
            value >>>= 7;
            out.write(value != 0 ? b | 0x80 : b);
        } while (value != 0);
    }

    private static Path findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = dir.isEmpty() ? null : Path.of(dir, name);
            if (candidate != null && Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
