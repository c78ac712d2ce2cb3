package dev.enoki.wasm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.enoki.wasm.launcher.LauncherProcess.Result;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The JIT flags documented in mx-free-build.md compile Wasm code: a hot loop must show up as "opt done" with
 * {@code --engine.TraceCompilation}. Uses the compiler jars that the build copies to {@code target/jvmci}.
 */
class JitCompilationTest {
    private static final Path JVMCI = Path.of(System.getProperty("enoki.jvmci.dir", "target/jvmci"));

    private static String compilerJars() throws IOException {
        assumeTrue(Files.isDirectory(JVMCI), "no compiler jars in " + JVMCI + " (run mvn process-test-classes)");
        try (Stream<Path> jars = Files.list(JVMCI)) {
            return jars.map(Path::toString).sorted().collect(Collectors.joining(File.pathSeparator));
        }
    }

    private static void assertLoopIsCompiled(Result result) {
        assertEquals(0, result.status(), result::toString);
        // sum of i*i for i < 100_000_000, wrapped to 32 bits: seconds in the interpreter, so the loop gets compiled
        assertEquals("-1452071552\n", result.out(), result::toString);
        assertTrue(result.err().contains("opt done") && result.err().contains("<OSR>"), result::toString);
    }

    @Test
    void theCompilerOnTheUpgradeModulePathCompilesALoop() throws IOException {
        List<String> jvm = List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI", "--upgrade-module-path=" + compilerJars());
        assertLoopIsCompiled(LauncherProcess.run(jvm, Map.of(), "--engine.TraceCompilation", "--invoke=loop", TestModules.wat("loop").toString(), "100000000"));
    }

    /** What bin/wasm does: a jlinked copy of the JDK without jdk.graal.compiler, the compiler on the module path. */
    @Test
    void theCompilerOnTheModulePathOfAJlinkedRuntimeCompilesALoop() throws IOException, InterruptedException {
        String jars = compilerJars();
        Path jlink = Path.of(System.getProperty("java.home"), "bin", "jlink");
        assumeTrue(Files.isExecutable(jlink), "no jlink in this JDK");
        Path image = TestModules.directory().resolve("jdk");
        List<String> command = new ArrayList<>(List.of(jlink.toString(), "--output", image.toString(), "--add-modules",
                        "java.base,java.logging,java.management,java.sql,jdk.management,jdk.unsupported,jdk.internal.vm.ci"));
        Process process = new ProcessBuilder(command).inheritIO().start();
        assertTrue(process.waitFor(300, TimeUnit.SECONDS) && process.exitValue() == 0, "jlink failed");
        try {
            List<String> jvm = List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI", "--module-path=" + jars);
            Result result = LauncherProcess.run(image.resolve("bin").resolve("java"), jvm, Map.of(), "--engine.TraceCompilation", "--invoke=loop",
                            TestModules.wat("loop").toString(), "100000000");
            assertLoopIsCompiled(result);
        } finally {
            try (Stream<Path> files = Files.walk(image)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
    }
}
