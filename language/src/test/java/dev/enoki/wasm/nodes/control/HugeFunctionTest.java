package dev.enoki.wasm.nodes.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;

import dev.enoki.wasm.interop.WasmTestSupport;
import dev.enoki.wasm.tools.CpuSamplerTest;

/**
 * A function past the huge-function threshold: a dispatch loop over {@value #CASES} switch cases, whose cases the AST
 * builder runs as separately compiled call targets on the function's frame ({@link OutlinedStatementsNode}). The cases
 * read and write the function's locals, fall through into the next case, leave the loop with br_if, run loops of their
 * own and trap; the results are compared with the same loop written in Java.
 */
class HugeFunctionTest {
    private static final int CASES = 1500;
    private static final int EXITS = 23;
    private static final int TRAPS = 31;
    /** Statements per case: 4 make a case of ~60 nodes, past the builder's threshold for a call target of its own. */
    private static final int REPEATS = 4;

    /** Cases that fall through into the next one: each falls from one separately compiled case into another. */
    private static boolean fallsThrough(int k) {
        return k % 3 == 2;
    }

    private static boolean hasLoop(int k) {
        return k % 50 == 5;
    }

    private static String module() {
        StringBuilder w = new StringBuilder();
        w.append("(module (func (export \"run\") (param $n i32) (param $trapAt i32) (param $first i32) (param $cases i32) (result i32)\n");
        w.append(" (local $pc i32) (local $a i32) (local $b i32) (local $i i32) (local $j i32)\n");
        w.append(" (local.set $a (i32.const 1)) (local.set $b (i32.const 2))\n");
        w.append(" (block $exit (loop $next\n");
        w.append("  (br_if $exit (i32.ge_u (local.get $i) (local.get $n)))\n");
        w.append("  (local.set $i (i32.add (local.get $i) (i32.const 1)))\n");
        w.append("  (local.set $pc (i32.add (local.get $first) (i32.rem_u (i32.mul (local.get $i) (i32.const 7)) (local.get $cases))))\n");
        for (int k = 0; k < CASES; k++) {
            w.append("(block $c").append(k).append('\n');
        }
        w.append("(br_table");
        for (int k = 0; k < CASES; k++) {
            w.append(" $c").append(k);
        }
        w.append(" (local.get $pc)))\n");
        // The code after block $c(k)'s end is case k; it sits inside block $c(k-1), and case 0 falls off the loop.
        for (int k = CASES - 1; k >= 0; k--) {
            for (int r = 0; r < REPEATS; r++) {
                w.append("(local.set $a (i32.add (i32.xor (local.get $a) (i32.const ").append(k * 7 + r).append(")) (i32.rotl (local.get $b) (i32.const ").append((k + r) % 32).append("))))");
                w.append("(local.set $b (i32.sub (local.get $b) (i32.mul (local.get $a) (i32.const ").append(k + 3).append("))))\n");
            }
            if (hasLoop(k)) {
                w.append("(local.set $j (i32.const 0)) (loop $inner (local.set $a (i32.add (local.get $a) (local.get $j)))");
                w.append(" (local.set $j (i32.add (local.get $j) (i32.const 1))) (br_if $inner (i32.lt_u (local.get $j) (i32.const 100))))\n");
            }
            if (k == EXITS) {
                w.append("(br_if $exit (i32.eq (i32.and (local.get $a) (i32.const 15)) (i32.const 7)))\n");
            }
            if (k == TRAPS) {
                w.append("(if (i32.eq (local.get $i) (local.get $trapAt)) (then (unreachable)))\n");
            }
            if (!fallsThrough(k) && k != 0) {
                w.append("(br $next)");
            }
            w.append(k == 0 ? "\n" : ")\n");
        }
        w.append(")) (i32.add (local.get $a) (local.get $b))))\n");
        return w.toString();
    }

    /** The same loop in Java, over cases {@code first} to {@code first + cases - 1}; -1 where the Wasm code traps. */
    private static long expected(int n, int trapAt, int first, int cases) {
        int a = 1;
        int b = 2;
        int i = 0;
        loop: while (Integer.compareUnsigned(i, n) < 0) {
            i++;
            int k = first + Integer.remainderUnsigned(i * 7, cases);
            while (true) {
                for (int r = 0; r < REPEATS; r++) {
                    a = (a ^ (k * 7 + r)) + Integer.rotateLeft(b, (k + r) % 32);
                    b = b - a * (k + 3);
                }
                if (hasLoop(k)) {
                    for (int j = 0; j < 100; j++) {
                        a += j;
                    }
                }
                if (k == EXITS && (a & 15) == 7) {
                    break loop;
                }
                if (k == TRAPS && i == trapAt) {
                    return -1;
                }
                if (k == 0) {
                    break loop;
                }
                if (!fallsThrough(k)) {
                    continue loop;
                }
                k--;
            }
        }
        return a + b;
    }

    @Test
    void casesRunAsSeparateCallTargetsOnTheFunctionsFrame() {
        byte[] binary = WasmTestSupport.wat(module());
        assertTrue(binary.length > 100_000, "the function must be past the 96 KiB threshold: " + binary.length + " bytes");
        try (Context context = WasmTestSupport.context()) {
            Value run = WasmTestSupport.module(context, "huge", binary).newInstance().getMember("exports").getMember("run");
            for (int n : new int[]{0, 1, 50, 250, 299, 1000}) {
                for (int round = 0; round < 3; round++) {
                    assertEquals((int) expected(n, -1, 0, CASES), run.execute(n, -1, 0, CASES).asInt(), "run(" + n + ")");
                }
            }
        }
    }

    /**
     * The last 46 cases only, each run thousands of times: after 500 calls in the interpreter a small case runs as a
     * copy in the function's own code, until the copies fill the function's {@link InliningBudget} (46 cases of ~60
     * nodes are more than it takes), so copied and called cases alternate, fall into each other and run the loop of
     * case 1455. The results after each round are those of the loop in Java, and the log of the stretches (option
     * {@code log.wasm.stretches.level}) shows where each hot one runs.
     */
    @Test
    void hotCasesRunAsCopiesInTheFunctionsCodeAndComputeTheSame() {
        int first = CASES - 46;
        assertTrue(hasLoop(1455) && first <= 1455, "a hot case with a loop");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (Context context = Context.newBuilder(WasmTestSupport.WASM).option("log.wasm.stretches.level", "FINE").logHandler(log).build()) {
            Value run = WasmTestSupport.module(context, "huge", WasmTestSupport.wat(module())).newInstance().getMember("exports").getMember("run");
            for (int n : new int[]{100, 20_000, 50_000, 50_000}) {
                assertEquals((int) expected(n, -1, first, 46), run.execute(n, -1, first, 46).asInt(), "run(" + n + ")");
            }
        }
        List<String> hot = log.toString(StandardCharsets.UTF_8).lines().filter(line -> line.contains("a stretch of")).toList();
        // The br_table's segment, too large to copy; the 46 cases, and case 1453, which case 1454 falls through into.
        assertTrue(fallsThrough(first) && !fallsThrough(first - 1));
        assertEquals(48, hot.size(), hot::toString);
        assertEquals(1, hot.stream().filter(line -> line.endsWith("stays a call: more than 400 nodes")).count(), hot::toString);
        List<Integer> copied = sizes(hot, "runs in its caller's code");
        List<Integer> refused = sizes(hot, "stays a call: its caller's budget is spent");
        assertTrue(!copied.isEmpty() && !refused.isEmpty() && copied.size() + refused.size() == 47, hot::toString);
        // First come: the copies fit the budget, and each case refused would have gone past it.
        int taken = copied.stream().mapToInt(Integer::intValue).sum();
        assertTrue(taken <= InliningBudget.NODES, hot::toString);
        assertTrue(refused.stream().allMatch(size -> taken + size > InliningBudget.NODES), hot::toString);
    }

    /** The sizes in nodes of the stretches whose log line ends with {@code outcome}. */
    private static List<Integer> sizes(List<String> log, String outcome) {
        return log.stream().filter(line -> line.endsWith(outcome))
                        .map(line -> Integer.parseInt(line.replaceFirst(".*a stretch of (\\d+) nodes.*", "$1"))).toList();
    }

    /**
     * To a profiler the stretches are the function's own code: Truffle's CPU sampler shows a stretch's time as the
     * function's, as if the function called itself, and under no other name.
     */
    @Test
    void samplesInTheCasesCountForTheFunction() {
        Map<String, Integer> hits;
        try (Context context = WasmTestSupport.context()) {
            Value run = WasmTestSupport.module(context, "huge", WasmTestSupport.wat(module())).newInstance().getMember("exports").getMember("run");
            hits = CpuSamplerTest.sample(context, () -> {
                for (int round = 0; round < 3; round++) {
                    assertEquals((int) expected(50_000, -1, 0, CASES), run.execute(50_000, -1, 0, CASES).asInt());
                }
            });
        }
        // Below the polyglot call: run, and run's stretches as "run".
        List<String> below = hits.keySet().stream().filter(path -> path.contains("/")).map(path -> path.substring(path.indexOf('/') + 1)).toList();
        assertTrue(below.contains("run") && below.stream().allMatch(path -> path.matches("run(/run)*")), hits::toString);
        assertTrue(hits.entrySet().stream().anyMatch(e -> e.getKey().endsWith("/run") && e.getValue() > 0), hits::toString);
    }

    @Test
    void trapInsideACaseShowsTheWasmFunction() {
        int trapAt = firstTrappingIteration();
        assertEquals(-1, expected(1000, trapAt, 0, CASES), "the Java model must trap too");
        try (Context context = WasmTestSupport.context()) {
            Value run = WasmTestSupport.module(context, "huge", WasmTestSupport.wat(module())).newInstance().getMember("exports").getMember("run");
            PolyglotException e = assertThrows(PolyglotException.class, () -> run.execute(1000, trapAt, 0, CASES));
            assertTrue(e.isGuestException(), e::toString);
            assertEquals("unreachable", e.getMessage());
            String top = e.getPolyglotStackTrace().iterator().next().toString();
            assertTrue(top.contains("run"), top);
        }
    }

    /** An iteration that reaches the trapping case before the loop ends. */
    private static int firstTrappingIteration() {
        for (int i = 1; i < 1000; i++) {
            if (expected(1000, i, 0, CASES) == -1) {
                return i;
            }
        }
        throw new AssertionError("no iteration reaches case " + TRAPS);
    }
}
