package dev.enoki.wasm.nodes.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.BitSet;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;

import dev.enoki.wasm.interop.WasmTestSupport;

/**
 * Which locals a loop may clear at its start ({@link LoopLiveness}), first as the rules themselves, then as loops
 * whose results depend on every local the rules must keep: loops clear their dead slots in the interpreter too, so a
 * local wrongly found dead would read as zero here.
 */
class LoopLivenessTest {
    @Test
    void aWriteAtBodyLevelBeforeAnyReadMakesTheLocalDead() {
        LoopLiveness loop = new LoopLiveness(1);
        loop.write(0, true);
        loop.read(0);
        loop.read(1);
        loop.write(1, true);
        assertEquals(bits(0), loop.deadLocals());
    }

    @Test
    void aWriteInsideANestedBlockBeforeAnyBranchMakesTheLocalDead() {
        LoopLiveness loop = new LoopLiveness(1);
        loop.write(0, false);
        loop.read(0);
        loop.read(1);
        loop.write(1, false);
        assertEquals(bits(0), loop.deadLocals());
    }

    @Test
    void aWriteInsideANestedBlockAfterABranchDecidesNothing() {
        LoopLiveness loop = new LoopLiveness(1);
        loop.branch();
        loop.write(0, false);
        loop.read(0);
        loop.write(0, true);
        loop.write(1, false);
        loop.write(1, true);
        assertEquals(bits(1), loop.deadLocals());
    }

    @Test
    void aBranchLeavingTheLoopKeepsLaterWritesLive() {
        LoopLiveness loop = new LoopLiveness(1);
        loop.write(0, true);
        loop.leave();
        loop.write(1, true);
        assertEquals(bits(0), loop.deadLocals());
    }

    @Test
    void theLiveLocalsAreThoseAccessedAndNotDead() {
        LoopLiveness loop = new LoopLiveness(1);
        loop.write(0, true);
        loop.read(1);
        loop.branch();
        loop.write(2, false);
        loop.read(0);
        assertEquals(bits(0), loop.deadLocals());
        assertEquals(bits(1, 2), loop.liveLocals());
    }

    private static final String LOOPS = """
                    (module
                      ;; $t is written at body level, but after an exit that reads it past the loop: it stays live.
                      (func (export "exitBeforeWrite") (param $n i32) (result i32)
                        (local $i i32) (local $t i32)
                        (block $out
                          (loop $next
                            (br_if $out (i32.ge_u (local.get $i) (local.get $n)))
                            (local.set $t (i32.mul (local.get $i) (i32.const 3)))
                            (local.set $i (i32.add (local.get $i) (i32.const 1)))
                            (br $next)))
                        (local.get $t))
                      ;; $last is written only in an if-arm, and read at the next iteration's start.
                      (func (export "writtenInIf") (param $n i32) (result i32)
                        (local $i i32) (local $last i32) (local $sum i32)
                        (loop $next
                          (local.set $sum (i32.add (local.get $sum) (local.get $last)))
                          (if (i32.and (local.get $i) (i32.const 1))
                            (then (local.set $last (local.get $i))))
                          (local.set $i (i32.add (local.get $i) (i32.const 1)))
                          (br_if $next (i32.lt_u (local.get $i) (local.get $n))))
                        (local.get $sum))
                      ;; $x is dead at each start of the inner loop (written first there), but the outer loop reads
                      ;; it after the inner one ends; $acc carries across both loops.
                      (func (export "nested") (param $n i32) (result i32)
                        (local $i i32) (local $j i32) (local $x i32) (local $acc i32)
                        (loop $outer
                          (local.set $j (i32.const 0))
                          (loop $inner
                            (local.set $x (i32.add (i32.mul (local.get $i) (i32.const 7)) (local.get $j)))
                            (local.set $acc (i32.add (local.get $acc) (local.get $x)))
                            (local.set $j (i32.add (local.get $j) (i32.const 1)))
                            (br_if $inner (i32.lt_u (local.get $j) (i32.const 5))))
                          (local.set $acc (i32.xor (local.get $acc) (local.get $x)))
                          (local.set $i (i32.add (local.get $i) (i32.const 1)))
                          (br_if $outer (i32.lt_u (local.get $i) (local.get $n))))
                        (local.get $acc))
                      ;; $d is written first in the body's block, before any branch: dead at the loop's start. $k
                      ;; is written in the block after a br_if that may skip it, and read after the block: live.
                      (func (export "nestedWrites") (param $n i32) (result i32)
                        (local $i i32) (local $d i32) (local $k i32) (local $sum i32)
                        (loop $next
                          (block $b
                            (local.set $d (i32.mul (local.get $i) (i32.const 5)))
                            (br_if $b (i32.and (local.get $i) (i32.const 2)))
                            (local.set $k (local.get $d)))
                          (local.set $sum (i32.add (local.get $sum) (i32.add (local.get $d) (local.get $k))))
                          (local.set $i (i32.add (local.get $i) (i32.const 1)))
                          (br_if $next (i32.lt_u (local.get $i) (local.get $n))))
                        (local.get $sum))
                      ;; $v is written in an if-arm inside the body's block, no branch before it: it stays live.
                      (func (export "writtenInNestedIf") (param $n i32) (result i32)
                        (local $i i32) (local $v i32) (local $sum i32)
                        (loop $next
                          (block $b
                            (if (i32.and (local.get $i) (i32.const 1))
                              (then (local.set $v (local.get $i)))))
                          (local.set $sum (i32.add (local.get $sum) (local.get $v)))
                          (local.set $i (i32.add (local.get $i) (i32.const 1)))
                          (br_if $next (i32.lt_u (local.get $i) (local.get $n))))
                        (local.get $sum))
                      ;; A value pushed before the loop and used after it lives in a temporary below the loop.
                      (func (export "stackAcross") (param $n i32) (result i32)
                        (local $i i32)
                        (i32.mul (local.get $n) (i32.const 100))
                        (loop $next (result i32)
                          (local.set $i (i32.add (local.get $i) (i32.const 1)))
                          (br_if $next (i32.lt_u (local.get $i) (local.get $n)))
                          (local.get $i))
                        (i32.add))
                    )
                    """;

    @Test
    void loopsKeepEveryLocalTheyRead() {
        try (Context context = WasmTestSupport.context()) {
            Value exports = WasmTestSupport.exports(context, LOOPS);
            for (int n = 1; n <= 9; n++) {
                assertEquals(exitBeforeWrite(n), exports.getMember("exitBeforeWrite").execute(n).asInt(), "exitBeforeWrite " + n);
                assertEquals(writtenInIf(n), exports.getMember("writtenInIf").execute(n).asInt(), "writtenInIf " + n);
                assertEquals(nested(n), exports.getMember("nested").execute(n).asInt(), "nested " + n);
                assertEquals(n * 100 + n, exports.getMember("stackAcross").execute(n).asInt(), "stackAcross " + n);
                assertEquals(nestedWrites(n), exports.getMember("nestedWrites").execute(n).asInt(), "nestedWrites " + n);
                assertEquals(writtenInNestedIf(n), exports.getMember("writtenInNestedIf").execute(n).asInt(), "writtenInNestedIf " + n);
            }
        }
    }

    private static int exitBeforeWrite(int n) {
        int t = 0;
        for (int i = 0; i < n; i++) {
            t = i * 3;
        }
        return t;
    }

    private static int writtenInIf(int n) {
        int i = 0, last = 0, sum = 0;
        do {
            sum += last;
            if ((i & 1) != 0) {
                last = i;
            }
            i++;
        } while (i < n);
        return sum;
    }

    private static int nested(int n) {
        int i = 0, x = 0, acc = 0;
        do {
            int j = 0;
            do {
                x = i * 7 + j;
                acc += x;
                j++;
            } while (j < 5);
            acc ^= x;
            i++;
        } while (i < n);
        return acc;
    }

    private static int nestedWrites(int n) {
        int i = 0, k = 0, sum = 0;
        do {
            int d = i * 5;
            if ((i & 2) == 0) {
                k = d;
            }
            sum += d + k;
            i++;
        } while (i < n);
        return sum;
    }

    private static int writtenInNestedIf(int n) {
        int i = 0, v = 0, sum = 0;
        do {
            if ((i & 1) != 0) {
                v = i;
            }
            sum += v;
            i++;
        } while (i < n);
        return sum;
    }

    private static BitSet bits(int... indices) {
        BitSet set = new BitSet();
        for (int i : indices) {
            set.set(i);
        }
        return set;
    }
}
