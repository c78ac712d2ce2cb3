package dev.enoki.wasm.nodes.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;

import dev.enoki.wasm.interop.WasmTestSupport;

/**
 * Blocks nested at the start of one another run as one node ({@link NestedBlocksNode}); these modules give them the
 * shapes a C switch compiles to, with fall-through between cases, breaks to the nest's outer block, br_if inside a
 * case, branches that carry a value past the nest, and a default, and compare with the same switch written in Java.
 */
class NestedBlocksTest {
    private static final String SWITCH = """
                    (module
                      (func (export "run") (param $op i32) (param $x i32) (result i32)
                        (local $acc i32)
                        (block $done
                          (block $c3
                            (block $c2
                              (block $c1
                                (block $c0
                                  (br_table $c0 $c1 $c2 $c3 $done (local.get $op)))
                                (local.set $acc (i32.add (local.get $acc) (i32.mul (local.get $x) (i32.const 2)))))
                              (local.set $acc (i32.add (local.get $acc) (i32.const 1000)))
                              (br $done))
                            (br_if $done (i32.gt_s (local.get $x) (i32.const 10)))
                            (local.set $acc (i32.sub (local.get $acc) (local.get $x))))
                          (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 3)) (i32.const 7))))
                        (i32.add (local.get $acc) (i32.const 1)))
                      (func (export "pick") (param $op i32) (result i32)
                        (block $r (result i32)
                          (block $b
                            (block $a
                              (br_table $a $b (local.get $op)))
                            (br $r (i32.const 10)))
                          (i32.const 20)))
                      (func (export "loop") (param $n i32) (result i32)
                        (local $i i32) (local $sum i32)
                        (block $exit
                          (loop $next
                            (br_if $exit (i32.ge_u (local.get $i) (local.get $n)))
                            (local.set $i (i32.add (local.get $i) (i32.const 1)))
                            (block $c2
                              (block $c1
                                (block $c0
                                  (br_table $c0 $c1 $c2 $exit (i32.rem_u (local.get $i) (i32.const 4))))
                                (local.set $sum (i32.add (local.get $sum) (local.get $i)))
                                (br $next))
                              (local.set $sum (i32.xor (local.get $sum) (local.get $i)))
                              (br $next))
                            (local.set $sum (i32.sub (local.get $sum) (i32.const 3)))
                            (br $next)))
                        (local.get $sum)))
                    """;

    /** The "run" function's switch, in Java. */
    private static int expectedRun(int op, int x) {
        int acc = 0;
        switch (Integer.compareUnsigned(op, 4) >= 0 ? 4 : op) {
            case 0:
                acc += x * 2;
                // falls through, like the Wasm case
            case 1:
                acc += 1000;
                break;
            case 2:
                if (x > 10) {
                    break;
                }
                acc -= x;
                // falls through
            case 3:
                acc = acc * 3 + 7;
                break;
            default:
                break;
        }
        return acc + 1;
    }

    /** The "loop" function in Java: i % 4 == 3 leaves the loop (the table's default is the exit block). */
    private static int expectedLoop(int n) {
        int sum = 0;
        for (int i = 1; i <= n; i++) {
            switch (i % 4) {
                case 0 -> sum += i;
                case 1 -> sum ^= i;
                case 2 -> sum -= 3;
                default -> {
                    return sum;
                }
            }
        }
        return sum;
    }

    @Test
    void casesFallThroughBreakAndDefault() {
        try (Context context = WasmTestSupport.context()) {
            Value run = WasmTestSupport.exports(context, SWITCH).getMember("run");
            for (int op : new int[]{0, 1, 2, 3, 4, 5, -1}) {
                for (int x : new int[]{-3, 0, 5, 11, 20}) {
                    assertEquals(expectedRun(op, x), run.execute(op, x).asInt(), "run(" + op + ", " + x + ")");
                }
            }
        }
    }

    @Test
    void branchCarriesValuePastTheNest() {
        try (Context context = WasmTestSupport.context()) {
            Value pick = WasmTestSupport.exports(context, SWITCH).getMember("pick");
            assertEquals(10, pick.execute(0).asInt());
            assertEquals(20, pick.execute(1).asInt());
            assertEquals(20, pick.execute(-7).asInt());
        }
    }

    @Test
    void nestInsideLoopContinuesAndExits() {
        try (Context context = WasmTestSupport.context()) {
            Value loop = WasmTestSupport.exports(context, SWITCH).getMember("loop");
            for (int n : new int[]{0, 1, 2, 3, 10, 1000}) {
                assertEquals(expectedLoop(n), loop.execute(n).asInt(), "loop(" + n + ")");
            }
        }
    }
}
