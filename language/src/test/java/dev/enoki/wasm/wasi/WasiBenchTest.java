package dev.enoki.wasm.wasi;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The benchmark programs of shared/bench/src, built for wasm32-wasi (with -lm) and natively with {@code cc -O2}: Enoki
 * must print what the native build prints. None of them takes input, so their size cannot be turned down.
 *
 * <p>Under surefire Truffle runs without the Graal compiler, and some take long there (seconds in Enoki's interpreter,
 * measured on 2 cores: hashmap 5, sieve 11, qsort 15, fib 22, hash 31, mandel 31, nbody 52, matmul 57). By default
 * the three under 20 s run; the rest run with {@code -Denoki.wasi.bench=all}.
 */
class WasiBenchTest {
    private static final Set<String> FAST = Set.of("hashmap", "sieve", "qsort");
    /** shared/bench/src: beside the spec suite the build points at ({@code enoki.testsuite}), or -Denoki.bench=DIR. */
    private static final Path SOURCES = benchSources();

    private static Path benchSources() {
        String explicit = System.getProperty("enoki.bench");
        if (explicit != null) {
            return Path.of(explicit).toAbsolutePath().normalize();
        }
        String suite = System.getProperty("enoki.testsuite");
        Path shared = suite != null ? Path.of(suite).toAbsolutePath().getParent() : Path.of("../../shared").toAbsolutePath();
        return shared.resolve("bench/src").normalize();
    }

    @TestFactory
    Stream<DynamicTest> benchmarks() throws IOException {
        if (!Files.isDirectory(SOURCES)) {
            System.err.println("SKIPPED: no benchmark sources at " + SOURCES.toAbsolutePath());
            return Stream.empty();
        }
        boolean all = "all".equals(System.getProperty("enoki.wasi.bench"));
        List<Path> sources;
        try (Stream<Path> files = Files.list(SOURCES)) {
            sources = files.filter(p -> p.toString().endsWith(".c")).sorted().toList();
        }
        return sources.stream().map(source -> {
            String name = source.getFileName().toString().replace(".c", "");
            return DynamicTest.dynamicTest(name, () -> {
                Assumptions.assumeTrue(all || FAST.contains(name), name + " takes over 20 s without the Graal compiler; run it with -Denoki.wasi.bench=all");
                run(source, name);
            });
        });
    }

    private static void run(Path source, String name) throws IOException {
        Path cc = Toolchain.find("cc");
        Assumptions.assumeTrue(cc != null, "no native C compiler (cc) to build the reference");
        Path work = Files.createTempDirectory("enoki-bench");
        try {
            Path wasm = work.resolve(name + ".wasm");
            Toolchain.compileWasm(source, wasm, "-lm");
            Path exe = work.resolve(name);
            ProgramResult build = Toolchain.run(List.of(cc.toString(), "-O2", source.toAbsolutePath().toString(), "-o", exe.toString(), "-lm"), null, work);
            assertEquals(0, build.exitStatus(), "cc failed: " + build.stderr());
            ProgramResult nativeRun = Toolchain.run(List.of(exe.toString()), null, work);
            ProgramResult enoki = EnokiRunner.run(wasm, List.of(name + ".wasm"), Map.of(), new byte[0], "");
            assertEquals(nativeRun.transcript(), enoki.transcript(), name + ": Enoki and the native build differ; stderr: " + enoki.stderr());
        } finally {
            for (Path p : List.of(work.resolve(name + ".wasm"), work.resolve(name))) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(work);
        }
    }
}
