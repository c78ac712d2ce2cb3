package dev.enoki.wasm.wasi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The directory tree the WASI test programs run in, made afresh for every run so that Enoki and node start from the
 * same state:
 *
 * <pre>
 * root/
 *   outside/secret.txt                 what no program may reach
 *   sandbox/                           the pre-opened directory, "/sandbox" to the program
 *     hello.txt  "hello world\n"  (mtime 1000000000 s)
 *     sub/inner.txt "inner\n", sub/deeper/, sub/up -> .., sub/up2 -> ../..
 *     empty/
 *     to_hello -> hello.txt, to_sub -> sub, to_self -> .
 *     escape -> ../outside/secret.txt, escape_dir -> ../outside, absolute -> root/outside/secret.txt
 *     dangling -> nowhere, loop_a -> loop_b, loop_b -> loop_a
 * </pre>
 */
final class WasiFixture {
    static final String GUEST = "/sandbox";

    private final Path root;

    private WasiFixture(Path root) {
        this.root = root;
    }

    static WasiFixture create(Path parent) throws IOException {
        Path root = Files.createTempDirectory(parent, "run");
        Path outside = Files.createDirectories(root.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret\n");
        Path sandbox = Files.createDirectories(root.resolve("sandbox"));
        Files.writeString(sandbox.resolve("hello.txt"), "hello world\n");
        Files.setLastModifiedTime(sandbox.resolve("hello.txt"), FileTime.fromMillis(1_000_000_000_000L));
        Path sub = Files.createDirectories(sandbox.resolve("sub"));
        Files.writeString(sub.resolve("inner.txt"), "inner\n");
        Files.createDirectories(sub.resolve("deeper"));
        Files.createSymbolicLink(sub.resolve("up"), Path.of(".."));
        Files.createSymbolicLink(sub.resolve("up2"), Path.of("../.."));
        Files.createDirectories(sandbox.resolve("empty"));
        Files.createSymbolicLink(sandbox.resolve("to_hello"), Path.of("hello.txt"));
        Files.createSymbolicLink(sandbox.resolve("to_sub"), Path.of("sub"));
        Files.createSymbolicLink(sandbox.resolve("to_self"), Path.of("."));
        Files.createSymbolicLink(sandbox.resolve("escape"), Path.of("../outside/secret.txt"));
        Files.createSymbolicLink(sandbox.resolve("escape_dir"), Path.of("../outside"));
        Files.createSymbolicLink(sandbox.resolve("absolute"), outside.resolve("secret.txt").toAbsolutePath());
        Files.createSymbolicLink(sandbox.resolve("dangling"), Path.of("nowhere"));
        Files.createSymbolicLink(sandbox.resolve("loop_a"), Path.of("loop_b"));
        Files.createSymbolicLink(sandbox.resolve("loop_b"), Path.of("loop_a"));
        return new WasiFixture(root);
    }

    Path sandbox() {
        return root.resolve("sandbox");
    }

    Path outside() {
        return root.resolve("outside");
    }

    /** The {@code wasm.WasiMapDirs} value that pre-opens the sandbox. */
    String mapDirs() {
        return GUEST + "::" + sandbox();
    }

    void delete() throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
