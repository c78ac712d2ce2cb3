package dev.enoki.wasm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.enoki.wasm.launcher.LauncherProcess.Result;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** bin/wasm's training run for the AOT cache must run to its end, through every path it means to record. */
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
}
