package dev.enoki.wasm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.enoki.wasm.launcher.LauncherProcess.Result;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** bin/wasm's training runs for the startup cache must run to their end, through every path they mean to record. */
class StartupTrainingTest {

    @Test
    void theTrainingRunWalksItsPathsAndEndsNormally() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Result result = LauncherProcess.runMain(java, List.of("-Dpolyglot.engine.WarnInterpreterOnly=false"), Map.of(), StartupTraining.class.getName());
        assertEquals(0, result.status(), result::toString);
        assertTrue(result.out().contains("wasm trap: integer divide by zero"), result::toString);
        assertEquals(2, result.out().lines().filter(line -> line.equals("enoki startup training")).count(), result::toString);
        // the last run, through GraalVM's launcher code, prints work(0x10000)
        String last = result.out().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(last.matches("[0-9]+"), result::toString);
    }

    @Test
    void theCompilerTrainingCompilesWithTheJit() throws IOException {
        String compilerJars = JitCompilationTest.compilerJars();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> jvm = List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI", "--upgrade-module-path=" + compilerJars, "-Dpolyglot.engine.TraceCompilation=true");
        Result result = LauncherProcess.runMain(java, jvm, Map.of(), StartupTraining.class.getName(), StartupTraining.COMPILER);
        assertEquals(0, result.status(), result::toString);
        assertTrue(result.err().contains("opt done") && result.err().contains("<OSR"), result::toString);
        assertTrue(result.out().strip().matches("[0-9]+"), result::toString);
    }
}
