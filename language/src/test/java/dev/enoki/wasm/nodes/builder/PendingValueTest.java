package dev.enoki.wasm.nodes.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.ByteSequence;
import org.junit.jupiter.api.Test;

import dev.enoki.wasm.interop.WasmTestSupport;

/**
 * Values the AST builder leaves pending (expressions not yet evaluated) are evaluated in Wasm's order. A pending value
 * may read a temporary slot: the slot of the stack position of an operand it consumed, such as a call's result. The
 * next value written for that position, a later call's result or a spilled value, goes to the same slot, so the
 * pending value must be evaluated before (OperandStack.spillReadersOfTemporary). Each module computes with values that
 * differ, so that reading the later one changes the result.
 */
class PendingValueTest {
    private static final String IDENTITIES = """
                    (func $i32 (param i32) (result i32) (local.get 0))
                    (func $i64 (param i64) (result i64) (local.get 0))
                    (func $f64 (param f64) (result f64) (local.get 0))
                    (func $two (param i32) (result i32 i32) (local.get 0) (i32.mul (local.get 0) (i32.const 10)))
                    """;

    private static Value run(String functions, Object... arguments) {
        try (Context context = WasmTestSupport.context()) {
            byte[] bytes = WasmTestSupport.wat("(module (memory 1) (data (i32.const 0) \"\\e8\\03\\00\\00\")\n" + IDENTITIES + functions + ")");
            Value module = context.eval(Source.newBuilder(WasmTestSupport.WASM, ByteSequence.create(bytes), "pending.wasm").buildLiteral());
            Value result = module.newInstance().getMember("exports").getMember("main").execute(arguments);
            return Value.asValue(result.isNumber() && result.fitsInLong() ? result.asLong() : result.asDouble());
        }
    }

    @Test
    void aSumOfTwoCallsIsTakenBeforeTheNextCallReturns() {
        String main = """
                        (func (export "main") (result i32)
                          (i32.add (i32.add (call $i32 (i32.const 1)) (call $i32 (i32.const 10))) (call $i32 (i32.const 100))))
                        """;
        assertEquals(111, run(main).asLong());
    }

    @Test
    void fiveCallsSummedInOrder() {
        String main = """
                        (func (export "main") (result i64)
                          (i64.add (i64.add (i64.add (i64.add
                            (call $i64 (i64.const 1)) (call $i64 (i64.const 10))) (call $i64 (i64.const 100)))
                            (call $i64 (i64.const 1000))) (call $i64 (i64.const 10000))))
                        """;
        assertEquals(11111, run(main).asLong());
    }

    @Test
    void aPendingProductOfCallsOutlivesAnotherCallOfTheSameType() {
        String main = """
                        (func (export "main") (result f64)
                          (f64.sub (f64.mul (call $f64 (f64.const 3)) (call $f64 (f64.const 5))) (call $f64 (f64.const 0.5))))
                        """;
        assertEquals(14.5, run(main).asDouble());
    }

    /** $two returns (x, 10x): the second call's results go to the slots of positions 1 and 2. */
    @Test
    void aCallWithTwoResultsLeavesThePendingSumOfTheFirstCallsResults() {
        String main = """
                        (func (export "main") (result i32)
                          (call $two (i32.const 1))
                          (i32.add)
                          (call $two (i32.const 2))
                          (i32.add)
                          (i32.add))
                        """;
        assertEquals(11 + 2 + 20, run(main).asLong());
    }

    /** The store spills the pending load at position 1 to that position's slot, which the pending sum reads. */
    @Test
    void aSpilledLoadLeavesThePendingSumOfTwoCalls() {
        String main = """
                        (func (export "main") (result i32)
                          (call $i32 (i32.const 1))
                          (call $i32 (i32.const 10))
                          (i32.add)
                          (i32.load (i32.const 0))
                          (i32.store (i32.const 4) (i32.const 7))
                          (i32.add))
                        """;
        assertEquals(11 + 1000, run(main).asLong());
    }

    @Test
    void anIndirectCallLeavesThePendingSumOfTwoCalls() {
        String main = """
                        (type $unary (func (param i32) (result i32)))
                        (table 1 funcref) (elem (i32.const 0) $i32)
                        (func (export "main") (result i32)
                          (i32.sub (i32.add (call $i32 (i32.const 1)) (call $i32 (i32.const 10)))
                                   (call_indirect (type $unary) (i32.const 100) (i32.const 0))))
                        """;
        assertEquals(11 - 100, run(main).asLong());
    }

    /**
     * Two pending values that trap, the lower first: local.set spills the load above, which reads the local, and must
     * spill the remainder below it before (StackShapeFuzzTest found it: module 780 of seed 20261207).
     */
    @Test
    void theFirstOfTwoPendingTrapsIsTheOneReported() {
        String main = """
                        (func (export "main") (param i32) (result i32)
                          (i32.rem_u (i32.const 1) (i32.const 0))
                          (i32.load offset=65536 (local.get 0))
                          (local.set 0 (i32.const 7))
                          (i32.add))
                        """;
        PolyglotException trap = assertThrows(PolyglotException.class, () -> run(main, 13));
        assertTrue(trap.getMessage().contains("integer divide by zero"), trap.getMessage());
    }
}
