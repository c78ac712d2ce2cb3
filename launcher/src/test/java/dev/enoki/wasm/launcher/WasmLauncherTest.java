package dev.enoki.wasm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.enoki.wasm.launcher.LauncherProcess.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code wasm} command end to end, in a separate JVM: output, messages and exit status. */
class WasmLauncherTest {

    private static void assertSuccess(Result result, String expectedOut) {
        assertEquals(0, result.status(), result::toString);
        assertEquals(expectedOut, result.out(), result::toString);
    }

    private static void assertFailure(Result result, int status, String messagePart) {
        assertEquals(status, result.status(), result::toString);
        assertTrue(result.err().contains(messagePart), () -> "stderr lacks \"" + messagePart + "\"\n" + result);
    }

    @Test
    void invokeConvertsArgumentsAndPrintsTheResult() {
        assertSuccess(LauncherProcess.run("--invoke=add", TestModules.wat("add").toString(), "2", "40"), "42\n");
    }

    @Test
    void invokeTakesHexAndUnsignedIntegers() {
        assertSuccess(LauncherProcess.run("--invoke", "add", TestModules.wat("add").toString(), "0xffffffff", "-0x10"), "-17\n");
    }

    @Test
    void invokeConvertsEachParameterTypeAndPrintsResultsOnePerLine() {
        Result result = LauncherProcess.run("--invoke=mix", TestModules.wat("add").toString(), "18446744073709551615", "0.1", "-inf");
        assertSuccess(result, "-1\n0.1\n-inf\n");
    }

    @Test
    void invokeOfAFunctionWithoutResultsPrintsNothing() {
        assertSuccess(LauncherProcess.run("--invoke=none", TestModules.wat("add").toString()), "");
    }

    @Test
    void invokeRejectsAnArgumentOfTheWrongType() {
        assertFailure(LauncherProcess.run("--invoke=add", TestModules.wat("add").toString(), "2", "2.5"), 1, "argument 2 of add: '2.5' is not an i32");
    }

    @Test
    void invokeRejectsTheWrongNumberOfArguments() {
        assertFailure(LauncherProcess.run("--invoke=add", TestModules.wat("add").toString(), "2"), 1, "add (i32, i32) -> (i32) takes 2 argument(s), but 1 were given");
    }

    @Test
    void invokeOfAMissingExportListsTheExportedFunctions() {
        assertFailure(LauncherProcess.run("--invoke=sub", TestModules.wat("add").toString()), 1, "exports no function named sub; its exported functions are: add, mix, none");
    }

    @Test
    void aModuleWithoutStartNeedsInvoke() {
        assertFailure(LauncherProcess.run(TestModules.wat("add").toString()), 1, "has no _start function (it is not a WASI command); call one of its exported functions with --invoke=NAME");
    }

    @Test
    void aMissingFileIsReported() {
        Path missing = TestModules.directory().resolve("missing.wasm");
        Result result = LauncherProcess.run(missing.toString());
        assertFailure(result, 1, "cannot find " + missing + ": no such file");
        assertTrue(result.err().lines().count() == 1, result::toString);
    }

    @Test
    void aFileThatIsNotWasmIsReported() {
        Path text = TestModules.file("notes.wasm", "just some notes\n".getBytes(StandardCharsets.UTF_8));
        assertFailure(LauncherProcess.run(text.toString()), 1, text + " is not a WebAssembly module: a .wasm file starts with the bytes \\0asm");
    }

    @Test
    void wasmTextIsRecognised() {
        Path wat = TestModules.file("text.wat", ";; a comment\n(module)\n".getBytes(StandardCharsets.UTF_8));
        assertFailure(LauncherProcess.run(wat.toString()), 1, "is WebAssembly text (.wat), not a binary module");
    }

    @Test
    void anInvalidModuleIsReportedWithTheEnginesReason() {
        // The header and a type section that claims one entry but ends.
        Path broken = TestModules.file("broken.wasm", new byte[]{0, 'a', 's', 'm', 1, 0, 0, 0, 1, 1, 1});
        assertFailure(LauncherProcess.run(broken.toString()), 1, broken + " is not a valid WebAssembly module: ");
    }

    @Test
    void aMissingImportIsExplained() {
        assertFailure(LauncherProcess.run(TestModules.wat("import").toString()), 1,
                        "unknown import env.foo: the program expects a host function that this launcher does not provide");
    }

    @Test
    void anUncaughtTrapExitsWithStatus1AndAWasmStackTrace() {
        Result result = LauncherProcess.run(TestModules.wat("trap").toString());
        assertFailure(result, 1, "wasm trap: unreachable");
        String trace = result.err().substring(result.err().indexOf("wasm trap"));
        assertTrue(trace.matches("(?s).*at inner \\(trap.wasm\\).*at middle \\(trap.wasm\\).*at _start \\(trap.wasm\\).*"), result::toString);
    }

    @Test
    void aTrapInAnInvokedFunctionExitsWithStatus1() {
        assertFailure(LauncherProcess.run("--invoke=div", TestModules.wat("trap").toString(), "1", "0"), 1, "wasm trap: integer divide by zero");
    }

    @Test
    void aRunawayRecursionEndsInATrapThatIsReported() {
        Result result = LauncherProcess.run(TestModules.wat("recursion").toString());
        assertFailure(result, 1, "wasm trap: call stack exhausted");
        // The trap's stack trace keeps the innermost 100 frames, not one line per nested call.
        long frames = result.err().lines().filter(line -> line.trim().startsWith("at ")).count();
        assertTrue(frames > 0 && frames <= 100, () -> frames + " frames\n" + result);
    }

    @Test
    void aWasiCommandWritesToStdout() {
        assertSuccess(LauncherProcess.run(TestModules.wat("hello").toString()), "hello from wasm\n");
    }

    @Test
    void procExitSetsTheExitStatusAndTheProgramSeesOnlyItsArgumentsAndEnvironment() {
        // counts.wasm exits with 10 * argc + the number of environment variables.
        Path counts = TestModules.wat("counts");
        assertEquals(10, LauncherProcess.run(counts.toString()).status());
        assertEquals(32, LauncherProcess.run("--env=A=1", "--env", "B=", counts.toString(), "x", "--env=C=3").status());
    }

    @Test
    void dirGivesTheProgramAHostDirectory() throws Exception {
        Path program = TestModules.c("cat");
        Path data = Files.createDirectories(TestModules.directory().resolve("data"));
        Files.writeString(data.resolve("in.txt"), "contents of in.txt\n");
        data.resolve("in.txt").toFile().deleteOnExit();
        data.toFile().deleteOnExit();
        assertSuccess(LauncherProcess.run("--dir=" + data + "::/data", program.toString(), "/data/in.txt"), "contents of in.txt\n");
        Result denied = LauncherProcess.run(program.toString(), data.resolve("in.txt").toString());
        assertEquals(1, denied.status(), denied::toString);
    }

    @Test
    void helpDescribesTheOptions() {
        Result result = LauncherProcess.run("--help");
        assertEquals(0, result.status(), result::toString);
        assertTrue(result.out().contains("Usage: wasm [options] file.wasm [args...]"), result::toString);
        assertTrue(result.out().contains("--dir=HOST[::GUEST]"), result::toString);
        assertTrue(result.out().contains("--invoke=NAME"), result::toString);
        assertTrue(result.out().contains("--cpusampler"), result::toString);
    }

    @Test
    void versionNamesEnoki() {
        Result result = LauncherProcess.run("--version");
        assertEquals(0, result.status(), result::toString);
        assertTrue(result.out().startsWith("wasm (Enoki "), result::toString);
    }

    @Test
    void withoutAFileTheUsageIsShown() {
        assertFailure(LauncherProcess.run(), 2, "no module file given");
    }

    @Test
    void anUnknownOptionIsRejected() {
        assertFailure(LauncherProcess.run("--bogus", TestModules.wat("hello").toString()), 2, "Unrecognized argument: '--bogus'");
    }

    @Test
    void engineOptionsArePassedToTheEngine() {
        Result result = LauncherProcess.run("--engine.WarnInterpreterOnly=false", "--wasm.Builtins=", TestModules.wat("hello").toString());
        assertFailure(result, 1, "unknown import wasi_snapshot_preview1.fd_write: the program expects a WASI function that this launcher does not provide");
    }

    /** Truffle's CPU sampler ships with the launcher, and its histogram names the Wasm functions that ran. */
    @Test
    void cpuSamplerNamesTheWasmFunctions() {
        Path module = TestModules.watText("spin", """
                        (module
                          (func $spin (export "spin") (param $n i32) (result i32) (local $s i32)
                            (loop $l
                              (local.set $s (i32.add (local.get $s) (call $step (local.get $n))))
                              (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
                            (local.get $s))
                          (func $step (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3))))
                        """);
        Result result = LauncherProcess.run("--cpusampler", "--invoke=spin", module.toString(), "20000000");
        assertEquals(0, result.status(), result::toString);
        List<String> lines = result.out().lines().toList();
        // 3 * (1 + 2 + ... + n), wrapped to an i32.
        assertEquals(Integer.toString((int) (3L * 20_000_000 * 20_000_001 / 2)), lines.get(0), result::toString);
        assertTrue(lines.stream().anyMatch(line -> line.matches("Sampling Histogram\\. Recorded [1-9]\\d* samples.*")), result::toString);
        for (String function : List.of("spin", "step")) {
            assertTrue(lines.stream().anyMatch(line -> line.matches(" " + function + " +\\|\\|.*spin\\.wasm.*")), () -> function + " in " + result);
        }
    }
}
