package dev.enoki.wasm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The JIT flags documented in mx-free-build.md compile Wasm code: a hot loop must show up as "opt done" with
 * {@code --engine.TraceCompilation}, also with Truffle's runtime patched by {@link LazyCompilerInit} as bin/wasm runs
 * it, which must leave the compiler alone in a program that compiles nothing. Uses the compiler jars that the build
 * copies to {@code target/jvmci}.
 */
class JitCompilationTest {
    private static final Path JVMCI = Path.of(System.getProperty("enoki.jvmci.dir", "target/jvmci"));

    /** The compiler jars joined as a module path; skips the test when the build has not copied them. */
    static String compilerJars() throws IOException {
        assumeTrue(Files.isDirectory(JVMCI), "no compiler jars in " + JVMCI + " (run mvn process-test-classes)");
        try (Stream<Path> jars = Files.list(JVMCI)) {
            return jars.map(Path::toString).sorted().collect(Collectors.joining(File.pathSeparator));
        }
    }

    /** The test's class path behind the jar of {@link LazyCompilerInit}, made from the truffle-runtime jar on it. */
    private static String lazyInitClassPath() throws IOException {
        String classPath = System.getProperty("java.class.path");
        String truffleRuntime = Stream.of(classPath.split(File.pathSeparator)).filter(entry -> Path.of(entry).getFileName().toString().startsWith("truffle-runtime-"))
                        .findFirst().orElseThrow();
        Path jar = TestModules.directory().resolve("lazy-compiler-init.jar");
        LazyCompilerInit.main(new String[]{truffleRuntime, jar.toString()});
        jar.toFile().deleteOnExit();
        return jar + File.pathSeparator + classPath;
    }

    /**
     * Runs the launcher with the JIT, compiling in the foreground so that the compiles that are asked for happen before
     * the program ends, and tracing them.
     */
    private static Result compilingInTheForeground(String... arguments) throws IOException {
        List<String> jvm = List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI", "--upgrade-module-path=" + compilerJars());
        List<String> launcher = new ArrayList<>(List.of("--experimental-options", "--engine.BackgroundCompilation=false", "--engine.TraceCompilation"));
        launcher.addAll(List.of(arguments));
        return LauncherProcess.run(jvm, Map.of(), launcher.toArray(String[]::new));
    }

    /**
     * The launcher's arguments for loop.wat's loop, compiled in the foreground: in the background, a compiler that warms
     * up slowly (a loaded 2-core machine) may not be done before the loop ends in the interpreter, 4-5 s in.
     */
    private static String[] hotLoop() throws IOException {
        return new String[]{"--experimental-options", "--engine.BackgroundCompilation=false", "--engine.TraceCompilation", "--invoke=loop", TestModules.wat("loop").toString(), "100000000"};
    }

    private static void assertLoopIsCompiled(Result result) {
        // sum of i*i for i < 100_000_000, wrapped to 32 bits: seconds in the interpreter, so the loop gets compiled
        assertPrintedWithALoopCompiledOnTheStack(result, -1452071552);
    }

    /** The run succeeded, printed {@code expected}, and a loop was compiled on the stack. */
    private static void assertPrintedWithALoopCompiledOnTheStack(Result result, Object expected) {
        assertEquals(0, result.status(), result::toString);
        assertEquals(expected + "\n", result.out(), result::toString);
        assertTrue(result.err().contains("opt done") && result.err().contains("<OSR"), result::toString);
    }

    @Test
    void theCompilerOnTheUpgradeModulePathCompilesALoop() throws IOException {
        List<String> jvm = List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI", "--upgrade-module-path=" + compilerJars());
        assertLoopIsCompiled(LauncherProcess.run(jvm, Map.of(), hotLoop()));
    }

    /** Compiled inner loops are left and entered again, from compiled and from interpreted code, and keep their locals. */
    @Test
    void nestedLoopsCompiledOnTheStackKeepWhatTheyWrote() throws IOException {
        int n = 100_000;
        List<String> jvm = List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI", "--upgrade-module-path=" + compilerJars());
        Result result = LauncherProcess.run(jvm, Map.of(), "--engine.TraceCompilation", "--invoke=nested", TestModules.wat("nested").toString(), Integer.toString(n));
        assertPrintedWithALoopCompiledOnTheStack(result, nestedLoopsResult(n));
    }

    /**
     * The same loops in a function taken as huge, with the code of its block run apart as a stretch (AstBuilder's size
     * limits lowered): they are compiled on the stack inside the stretch, whose own root has no frame slots, and take
     * their frame's layout from the function's frame, which the stretch runs on.
     */
    @Test
    void nestedLoopsInAStretchOfAHugeFunctionCompiledOnTheStackKeepWhatTheyWrote() throws IOException {
        int n = 100_000;
        List<String> jvm = List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI", "--upgrade-module-path=" + compilerJars(),
                        "-Denoki.hugeFunctionBytes=0", "-Denoki.outlinedMinNodes=1");
        Result result = LauncherProcess.run(jvm, Map.of(), "--engine.TraceCompilation", "--invoke=nested", TestModules.wat("nested").toString(), Integer.toString(n));
        assertPrintedWithALoopCompiledOnTheStack(result, nestedLoopsResult(n));
        assertTrue(result.err().contains("part of nested<OSR"), result::toString);
    }

    /**
     * A switch in a loop, in a function taken as huge (AstBuilder's size limits lowered), so each of its cases is a
     * stretch run apart. After some hundred calls in the interpreter, each is copied into the function's code
     * (OutlinedStatementsNode.runInCaller), and the loop compiled on the stack runs the copies, case 1 falling into
     * case 2 and case 2 running a loop of its own. The result is the same loop's in Java.
     */
    @Test
    void hotStretchesCopiedIntoACompiledLoopComputeTheSame() throws IOException {
        String module = """
                        (module (func (export "run") (param $n i32) (result i32) (local $i i32) (local $a i32) (local $j i32)
                          (local.set $a (i32.const 1))
                          (block $exit (loop $next
                            (br_if $exit (i32.ge_u (local.get $i) (local.get $n)))
                            (local.set $i (i32.add (local.get $i) (i32.const 1)))
                            (block $c3 (block $c2 (block $c1 (block $c0
                                    (br_table $c0 $c1 $c2 $c3 (i32.rem_u (local.get $i) (i32.const 5))))
                                  (local.set $a (i32.add (i32.mul (local.get $a) (i32.const 31)) (local.get $i)))
                                  (br $next))
                                (local.set $a (i32.xor (local.get $a) (i32.shl (local.get $i) (i32.const 3)))))
                              (local.set $j (i32.and (local.get $i) (i32.const 3)))
                              (block $done (loop $inner
                                (br_if $done (i32.eqz (local.get $j)))
                                (local.set $a (i32.rotl (local.get $a) (local.get $j)))
                                (local.set $j (i32.sub (local.get $j) (i32.const 1)))
                                (br $inner)))
                              (br $next))
                            (local.set $a (i32.sub (local.get $a) (i32.const 7)))
                            (br $next)))
                          (local.get $a)))
                        """;
        int n = 3_000_000;
        int a = 1;
        for (int i = 1; i <= n; i++) {
            int k = Math.min(i % 5, 3);
            if (k == 0) {
                a = a * 31 + i;
            } else if (k == 3) {
                a -= 7;
            } else {
                if (k == 1) {
                    a ^= i << 3;
                }
                for (int j = i & 3; j != 0; j--) {
                    a = Integer.rotateLeft(a, j);
                }
            }
        }
        List<String> jvm = List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI", "--upgrade-module-path=" + compilerJars(),
                        "-Denoki.hugeFunctionBytes=0", "-Denoki.outlinedMinNodes=1");
        Result result = LauncherProcess.run(jvm, Map.of(), "--experimental-options", "--engine.BackgroundCompilation=false", "--engine.TraceCompilation", "--invoke=run",
                        TestModules.watText("hot-switch", module).toString(), Integer.toString(n));
        assertPrintedWithALoopCompiledOnTheStack(result, a);
    }

    /** What nested.wat computes: s = s * 31 + (i xor j) for i below n, j below 1000. */
    private static int nestedLoopsResult(int n) {
        int s = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 1000; j++) {
                s = s * 31 + (i ^ j);
            }
        }
        return s;
    }

    /**
     * A loop's compiled code takes its frame from the interpreter's slot by slot (LoopSlots): the values that enter it
     * there, on the stack and when the outer loop enters it again, are the interpreter's, to the bit (a NaN's payload
     * included), and the values it does not touch, a local and one on the operand stack below it, are there after it.
     */
    @Test
    void aLoopCompiledOnTheStackTakesEveryTypeOfValueAsItWas() throws IOException {
        int n = 25_000_000;
        long acc = 0;
        double x = 0.5;
        float y = 1.5f;
        int p = 7;
        long below = 0;
        for (int o = 0; o < 4; o++) {
            below += o * 7 + 1;
            for (int i = 0; i < n; i++) {
                acc = acc * 31 + Integer.toUnsignedLong(p);
                x = x * 1.0000001;
                y = y * 0.999f;
                p = p * 1103515245 + 12345;
            }
        }
        long expected = acc ^ Integer.toUnsignedLong(p) ^ Double.doubleToRawLongBits(x) ^ 0x7ff4000000000abcL ^ Integer.toUnsignedLong(Float.floatToRawIntBits(y))
                        ^ 0x0123456789abcdefL ^ below * 0x100000001L;
        List<String> jvm = List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI", "--upgrade-module-path=" + compilerJars());
        Result result = LauncherProcess.run(jvm, Map.of(), "--engine.TraceCompilation", "--invoke=typed", TestModules.wat("typed-loop").toString(), Integer.toString(n));
        assertPrintedWithALoopCompiledOnTheStack(result, expected);
    }

    /**
     * A function called only a few times whose loop runs compiled code is left to that code: no first-tier
     * compilation of it (FunctionRootNode.prepareForCompilation). Compilation in the foreground makes the compiles
     * that are asked for happen before the program ends.
     */
    @Test
    void aFunctionCalledTwiceRunsItsLoopInCompiledCodeWithoutAFirstTierCompilation() throws IOException {
        int n = 50_000_000;
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += i ^ 7;
        }
        Result result = compilingInTheForeground("--invoke=twice", TestModules.wat("called-twice").toString(), Integer.toString(n));
        assertPrintedWithALoopCompiledOnTheStack(result, 2 * sum);
        assertFalse(result.err().contains("|Tier 1|"), result::toString);
    }

    /**
     * A function whose time is in its loop moves on to the last tier though it is called fewer times than that tier's
     * threshold: its first-tier code counts the loop's iterations (RegionNode.backEdge). {@code work} is compiled in the
     * first tier within its first calls, and its 2 000 calls alone stay below the threshold of 10 000.
     */
    @Test
    void aFunctionWhoseTimeIsInItsLoopReachesTheLastTier() throws IOException {
        int calls = 2000;
        int n = 5000;
        int sum = 0;
        for (int i = 0; i < n; i++) {
            sum += i ^ 5;
        }
        Result result = compilingInTheForeground("--invoke=run", TestModules.wat("loop-in-callee").toString(), Integer.toString(calls), Integer.toString(n));
        assertEquals(0, result.status(), result::toString);
        assertEquals(calls * sum + "\n", result.out(), result::toString);
        assertTrue(result.err().matches("(?s).*opt done +[^\\n]*wasm:work +\\|Tier 1\\|.*"), result::toString);
        assertTrue(result.err().matches("(?s).*opt done +[^\\n]*wasm:work +\\|Tier 2\\|.*"), result::toString);
    }

    /**
     * A loop whose test is an if leaves its compiled code without deoptimizing it: the if's way out, never taken before
     * the loop was compiled, is compiled as unlikely instead of as a deoptimization (RegionFlattener's loop tests).
     */
    @Test
    void aLoopWhoseTestIsAnIfIsLeftWithoutDeoptimizing() throws IOException {
        int n = 30_000_000;
        int sum = 0;
        for (int i = 0; i < n; i++) {
            sum += i ^ 5;
        }
        Result result = compilingInTheForeground("--invoke=count", TestModules.wat("if-exit").toString(), Integer.toString(n));
        assertPrintedWithALoopCompiledOnTheStack(result, sum);
        assertFalse(result.err().contains("opt deopt"), result::toString);
    }

    /**
     * Compiled code that reaches a call site which had not run when it was compiled calls from outside that code, which
     * goes on (CallNode.callFromColdSite): here the loop's way out, compiled on the stack before it was ever taken.
     */
    @Test
    void aCallFirstReachedInCompiledCodeLeavesThatCodeInPlace() throws IOException {
        assertLeftWithoutDeoptimizing("run");
    }

    /** The same through call_indirect, whose dispatch node has not specialized when the loop is compiled. */
    @Test
    void anIndirectCallFirstReachedInCompiledCodeLeavesThatCodeInPlace() throws IOException {
        assertLeftWithoutDeoptimizing("runIndirect");
    }

    /**
     * An if that never ran when the loop before it was compiled on the stack is compiled with both arms
     * (ConditionCounter): as a direction not seen, it threw the compiled loop away as it finished.
     */
    @Test
    void anIfFirstReachedInCompiledCodeLeavesThatCodeInPlace() throws IOException {
        assertLeftWithoutDeoptimizing("runIf");
    }

    /**
     * Compiled code that reaches a loop the interpreter never ran throws itself away, and the interpreter runs that loop
     * and profiles it (LoopBlockNode.execute): here the second loop of late-loop.wat, on the way out of the first,
     * which is compiled on the stack before it ends. The second is then compiled on the stack too, on its own.
     */
    @Test
    void aLoopFirstReachedInCompiledCodeIsProfiledInTheInterpreter() throws IOException {
        int n = 30_000_000;
        int sum = 0;
        for (int i = 0; i < n; i++) {
            sum += i ^ 3;
        }
        for (int j = 0; j < n; j++) {
            sum += j ^ 5;
        }
        Result result = compilingInTheForeground("--invoke=run", TestModules.wat("late-loop").toString(), Integer.toString(n));
        assertPrintedWithALoopCompiledOnTheStack(result, sum);
        assertTrue(result.err().matches("(?s).*opt deopt [^\\n]*wasm:run<OSR@0>.*"), result::toString);
        assertEquals(2, Pattern.compile("opt done [^\\n]*wasm:run<OSR@0>").matcher(result.err()).results().count(), result::toString);
    }

    /**
     * A function throws its compiled code away for loops first reached there three times at most
     * (UnprofiledLoops.THROW_AWAYS), then compiles them without a profile: in late-loops.wat each of five calls reaches a
     * new loop on the way out of a loop compiled on the stack. The first three calls' code is thrown away there and
     * compiled again in the next call; the fourth call's code keeps its new loop, and the fifth runs that same code.
     */
    @Test
    void aFunctionThrowsItsCodeAwayForNewLoopsThreeTimesAtMost() throws IOException {
        int n = 5_000_000;
        int sum = 0;
        for (int k = 1; k <= 5; k++) {
            for (int i = 0; i < n; i++) {
                sum += i ^ 3;
            }
            for (int j = 0; j < 100; j++) {
                sum += j ^ k;
            }
        }
        Result result = compilingInTheForeground("--invoke=main", TestModules.wat("late-loops").toString(), Integer.toString(n));
        assertPrintedWithALoopCompiledOnTheStack(result, sum);
        assertEquals(4, Pattern.compile("opt done [^\\n]*wasm:run<OSR@0>").matcher(result.err()).results().count(), result::toString);
    }

    /**
     * A loop that ends with {@code br_if (i != n)} is compiled as one tested at its head with {@code i < n}, the order
     * that held in the interpreter (RegionFlattener.rotatable, LoopBoundTestNode). Here the counter jumps past n in
     * compiled code and counts back down to it: the test deoptimizes instead of ending the loop, and the sum is that
     * of every value the counter took.
     */
    @Test
    void aLoopTestedWithNotEqualGoesOnWhenItsCounterPassesTheBoundInCompiledCode() throws IOException {
        int n = 40_000_000;
        int t = 30_000_000;
        int sum = 0;
        int i = 0;
        int step = 1;
        do {
            sum += i;
            boolean jump = i == t;
            step = jump ? -1 : step;
            i = jump ? n + 10 : i + step;
        } while (i != n);
        Result result = compilingInTheForeground("--invoke=run", TestModules.wat("bound-test").toString(), Integer.toString(n), Integer.toString(t));
        assertPrintedWithALoopCompiledOnTheStack(result, sum);
        assertTrue(result.err().contains("opt deopt"), result::toString);
    }

    /**
     * A loop whose bounds checks Graal may move before it (LinearMemory.pastTheLimit) traps where the interpreter
     * would, after the stores before the failing one: fill.wat's loop, compiled in bounds, then run past the end of
     * memory 200 times. The first of those throws its compiled code away; the others leave the next compilation in
     * place, so the loop is compiled a few times (4 here), not again and again (19 times when every trap throws the
     * code away).
     */
    @Test
    void anAccessPastTheEndOfMemoryInACompiledLoopTrapsAfterTheStoresBeforeIt() throws IOException {
        List<String> jvm = List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI", "--upgrade-module-path=" + compilerJars());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Result result = LauncherProcess.runMain(java, jvm, Map.of(), TrapInCompiledLoop.class.getName(), TestModules.wat("fill").toString(), "200");
        assertEquals(0, result.status(), result::toString);
        // The word at 65532 is the 1384th the last call stored (60000 + 4 * 1383), the one at 60000 its first.
        assertEquals("out of bounds memory access\n1384\n1\n", result.out(), result::toString);
        long compilations = Pattern.compile("opt done [^\\n]*wasm:fill").matcher(result.err()).results().count();
        assertTrue(compilations >= 1 && compilations <= 6, compilations + " compilations\n" + result);
    }

    /**
     * Functions that trap in one call of ten, each in its own way (traps.wat), called 100,000 times by a host that
     * catches the traps: each is compiled a few times, and keeps its code. When every trap left compiled code for the
     * interpreter, HotSpot threw the code away after a few traps, and each function was compiled 16 times, until
     * Truffle stopped compiling it ("Deopt taken too many times").
     */
    @Test
    void aFunctionThatTrapsAgainAndAgainKeepsItsCompiledCode() throws IOException {
        List<String> jvm = List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI", "--upgrade-module-path=" + compilerJars());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        int calls = 100_000;
        Result result = LauncherProcess.runMain(java, jvm, Map.of(), TrapsAgainAndAgain.class.getName(), TestModules.wat("traps").toString(), Integer.toString(calls));
        assertEquals(0, result.status(), result::toString);
        long returned = calls - calls / 10;
        // With x = 1: load 1 + the zero at address 0; 1000000 / 1; trunc(1000 / 1); 1 + 1; the table's $twice of 1.
        String expected = "load " + calls / 10 + " " + returned + "\ndivide " + calls / 10 + " " + returned * 1_000_000 + "\ntruncate " + calls / 10 + " " + returned * 1000
                        + "\nunreachable " + calls / 10 + " " + returned * 2 + "\nindirect " + calls / 10 + " " + returned * 2 + "\n";
        assertEquals(expected, result.out(), result::toString);
        assertFalse(result.err().contains("opt failed"), result::toString);
        for (String function : new String[]{"load", "divide", "truncate", "unreachable", "indirect"}) {
            long compilations = Pattern.compile("opt done [^\\n]*wasm:" + function + " ").matcher(result.err()).results().count();
            assertTrue(compilations >= 1 && compilations <= 4, function + ": " + compilations + " compilations\n" + result);
        }
    }

    /**
     * A call site that ran fewer than 8 times in the interpreter is compiled as a call out of the compiled code, not
     * inlined (CallNode.WARM_CALLS): in rare-call.wat, the loop's code compiled on the stack inlines $mix, called every
     * iteration, and not $rare, called once before the compilation and once in compiled code (through a boundary,
     * which the trace does not count as a call left out: with every site inlined, it reads 2Y).
     */
    @Test
    void aCallThatRanAFewTimesIsNotInlined() throws IOException {
        int n = 30_000_000;
        int sum = 0;
        for (int i = 0; i < n; i++) {
            sum += i ^ 5;
        }
        sum += 3 * 1000 + (n - 1) * 1000;
        Result result = compilingInTheForeground("--invoke=run", TestModules.wat("rare-call").toString(), Integer.toString(n));
        assertPrintedWithALoopCompiledOnTheStack(result, sum);
        assertTrue(result.err().matches("(?s).*opt done [^\\n]*wasm:run<OSR@0>[^\\n]*Inlined   1Y   0N.*"), result::toString);
        assertFalse(result.err().contains("opt deopt"), result::toString);
    }

    /**
     * A function keeps its memory's size in its frame, and compiled code takes it to be unchanged after a call until
     * a call from that site has grown the memory (CallSiteNode.afterCall): here the loop of grow-in-call.wat, compiled
     * on the stack with its callee inlined. The callee grows the memory by 0 pages each time but once, by 1 page, in
     * compiled code; from then on the loop uses the new page.
     */
    @Test
    void aLoopCompiledOnTheStackReachesThePageItsCalleeAdded() throws IOException {
        int n = 30_000_000;
        int t = 20_000_000;
        int sum = 0;
        for (int i = 0; i < n; i++) {
            sum += i;
        }
        Result result = compilingInTheForeground("--invoke=run", TestModules.wat("grow-in-call").toString(), Integer.toString(n), Integer.toString(t));
        assertPrintedWithALoopCompiledOnTheStack(result, sum);
        assertTrue(result.err().matches("(?s).*opt done .*wasm:run<OSR@0>[^\\n]*Inlined   1Y.*"), result::toString);
    }

    /**
     * Runs {@code function} of exit-call.wat, whose loop adds {@code i xor 3} for i below n and then, on its way out
     * only, adds 1 (runIf too: the sum it ends with is even), and expects no deoptimization.
     */
    private static void assertLeftWithoutDeoptimizing(String function) throws IOException {
        int n = 30_000_000;
        int sum = 0;
        for (int i = 0; i < n; i++) {
            sum += i ^ 3;
        }
        assertEquals(0, sum & 1, "the sum is even, so runIf adds 1 as the others do");
        Result result = compilingInTheForeground("--invoke=" + function, TestModules.wat("exit-call").toString(), Integer.toString(n));
        assertPrintedWithALoopCompiledOnTheStack(result, sum + 1);
        assertFalse(result.err().contains("opt deopt"), result::toString);
    }

    /**
     * A call site that had not run when it was compiled and then runs often is compiled again, with the callee inlined
     * into the loop's new compiled code.
     */
    @Test
    void aColdCallSiteThatTurnsHotIsCompiledAgain() throws IOException {
        int n = 30_000_000;
        int sum = 0;
        for (int i = 0; i < n; i++) {
            sum += i ^ 3;
            if (Integer.compareUnsigned(i, n >>> 1) > 0) {
                sum += 1;
            }
        }
        Result result = compilingInTheForeground("--invoke=half", TestModules.wat("exit-call").toString(), Integer.toString(n));
        assertEquals(0, result.status(), result::toString);
        assertEquals(sum + "\n", result.out(), result::toString);
        assertTrue(result.err().contains("opt deopt"), result::toString);
        assertTrue(result.err().matches("(?s).*opt done .*wasm:half<OSR@0>[^\\n]*Inlined   1Y.*"), result::toString);
    }

    /**
     * Short loops of a function called once ask for compiled code once they have run 256 iterations in all
     * (LoopBlockNode.ranLongEnoughToAskForCompiledCode): none of these runs 256 at a time.
     */
    @Test
    void shortLoopsOfAFunctionCalledOnceAreCompiledOnTheStack() throws IOException {
        int n = 200;
        int sum = 0;
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < 200; i++) {
                for (int j = 0; j < 200; j++) {
                    sum += i ^ j;
                }
            }
        }
        Result result = compilingInTheForeground("--invoke=nest", TestModules.wat("short-loops").toString(), Integer.toString(n));
        assertEquals(0, result.status(), result::toString);
        assertEquals(sum + "\n", result.out(), result::toString);
        assertTrue(result.err().contains("opt done") && result.err().contains("wasm:nest<OSR"), result::toString);
    }

    /**
     * A small function that calls itself from one site is inlined into itself deeper than Truffle's recursion depth of
     * 2, which stops at the second time a call target recurs in a compilation, through its recursion copies
     * (ModuleCode.RECURSION_COPIES): the last-tier compilation of {@code sum} inlines more than 2 calls.
     */
    @Test
    void aFunctionThatCallsItselfIsInlinedDeeperThanTruffleRecursionDepth() throws IOException {
        int n = 300_000;
        int sum = 0;
        for (int k = n; k >= 1; k--) {
            int m = k & 63;
            sum += m * (m + 1) / 2;
        }
        Result result = compilingInTheForeground("--invoke=run", TestModules.wat("self-call").toString(), Integer.toString(n));
        assertEquals(0, result.status(), result::toString);
        assertEquals(sum + "\n", result.out(), result::toString);
        Matcher compiled = Pattern.compile("opt done [^\\n]*wasm:sum [^\\n]*\\|Tier 2\\|[^\\n]*\\|Inlined +(\\d+)Y").matcher(result.err());
        assertTrue(compiled.find(), result::toString);
        int inlined = Integer.parseInt(compiled.group(1));
        assertTrue(inlined > 2, "inlined " + inlined + " calls\n" + result);
    }

    /**
     * A large function that has done little work is not compiled in the first tier, while a small one called as often
     * is (FunctionRootNode.prepareForCompilation): {@code large} is 300 steps of {@code x = (x * 3 + k) ^ (x >>> 7)},
     * some 2 000 nodes, called 1 000 times, as is {@code small}, one such step.
     */
    @Test
    void aLargeFunctionThatDidLittleWorkIsNotCompiledInTheFirstTier() throws IOException {
        int steps = 300;
        int calls = 1000;
        StringBuilder large = new StringBuilder();
        for (int k = 1; k <= steps; k++) {
            large.append("    (local.set $x (i32.xor (i32.add (i32.mul (local.get $x) (i32.const 3)) (i32.const ").append(k)
                            .append(")) (i32.shr_u (local.get $x) (i32.const 7))))\n");
        }
        String module = "(module\n"
                        + "  (func $large (param $x i32) (result i32)\n" + large + "    (local.get $x))\n"
                        + "  (func $small (param $x i32) (result i32)\n"
                        + "    (i32.xor (i32.add (i32.mul (local.get $x) (i32.const 3)) (i32.const 1)) (i32.shr_u (local.get $x) (i32.const 7))))\n"
                        + "  (func (export \"run\") (param $n i32) (result i32) (local $x i32)\n"
                        + "    (loop $next\n"
                        + "      (local.set $x (call $small (call $large (local.get $x))))\n"
                        + "      (br_if $next (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))\n"
                        + "    (local.get $x)))\n";
        int x = 0;
        for (int i = 0; i < calls; i++) {
            for (int k = 1; k <= steps; k++) {
                x = (x * 3 + k) ^ (x >>> 7);
            }
            x = (x * 3 + 1) ^ (x >>> 7);
        }
        Result result = compilingInTheForeground("--invoke=run", TestModules.watText("large-and-small", module).toString(), Integer.toString(calls));
        assertEquals(0, result.status(), result::toString);
        assertEquals(x + "\n", result.out(), result::toString);
        assertTrue(result.err().matches("(?s).*opt done .*wasm:small .*\\|Tier 1\\|.*"), result::toString);
        assertFalse(result.err().contains("wasm:large "), result::toString);
    }

    @Test
    void withTheLazyInitializationALoopIsCompiledAndAProgramThatCompilesNothingLeavesTheCompilerAlone() throws IOException {
        String classPath = lazyInitClassPath();
        List<String> jvm = List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI", "--upgrade-module-path=" + compilerJars());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String main = WasmLauncher.class.getName();
        assertLoopIsCompiled(LauncherProcess.runMain(java, classPath, jvm, Map.of(), main, hotLoop()));

        Path classLog = TestModules.directory().resolve("class-load.log");
        classLog.toFile().deleteOnExit();
        List<String> logging = new ArrayList<>(jvm);
        logging.add("-Xlog:class+load=info:file=" + classLog);
        Result hello = LauncherProcess.runMain(java, classPath, logging, Map.of(), main, TestModules.wat("hello").toString());
        assertEquals(0, hello.status(), hello::toString);
        assertEquals("hello from wasm\n", hello.out(), hello::toString);
        String loaded = Files.readString(classLog);
        assertTrue(loaded.contains("com.oracle.truffle.runtime.hotspot.HotSpotTruffleRuntime "), "the optimizing runtime is on");
        assertFalse(loaded.contains("HotSpotTruffleCompilerImpl"), "the Truffle compiler was initialized");
    }

    /**
     * What bin/wasm does: a jlinked copy of the JDK without jdk.graal.compiler, the compiler on the module path, Truffle's
     * runtime patched by {@link LazyCompilerInit}.
     */
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
            Result result = LauncherProcess.runMain(image.resolve("bin").resolve("java"), lazyInitClassPath(), jvm, Map.of(), WasmLauncher.class.getName(), hotLoop());
            assertLoopIsCompiled(result);
        } finally {
            try (Stream<Path> files = Files.walk(image)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
    }
}
