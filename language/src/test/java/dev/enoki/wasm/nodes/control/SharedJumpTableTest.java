package dev.enoki.wasm.nodes.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;

import dev.enoki.wasm.interop.WasmTestSupport;

/**
 * br_tables past {@link RegionFlattener#SHARED_FROM} targets: one whose branches move no values has a jump per
 * distinct label, which its indices share (the default's label included); one whose branches to the outer label move
 * the value down the operand stack keeps a jump per index. Compared with the same tables written in Java, at indices
 * across the table, past it and negative.
 */
class SharedJumpTableTest {
    private static final int WIDE = 3000;
    private static final int CARRIED = 2000;

    /** Index i goes to label i % 3 ($a, $b, $c), except every seventh, which goes to the default's label $d. */
    private static String module() {
        StringBuilder wide = new StringBuilder();
        for (int i = 0; i < WIDE; i++) {
            wide.append(i % 7 == 6 ? "$d " : new String[]{"$a ", "$b ", "$c "}[i % 3]);
        }
        StringBuilder carried = new StringBuilder();
        for (int i = 0; i < CARRIED; i++) {
            carried.append(i % 2 == 0 ? "$a " : "$b ");
        }
        return """
                        (module
                          (func (export "wide") (param $i i32) (result i32)
                            (block $d
                              (block $c
                                (block $b
                                  (block $a
                                    (br_table %s$d (local.get $i)))
                                  (return (i32.const 1)))
                                (return (i32.const 2)))
                              (return (i32.const 3)))
                            (i32.const 4))
                          (func (export "carried") (param $i i32) (result i32)
                            (block $b (result i32)
                              (i32.add (i32.const 100)
                                (block $a (result i32)
                                  (br_table %s$b (i32.mul (local.get $i) (i32.const 2)) (local.get $i)))))))
                        """.formatted(wide, carried);
    }

    private static int expectedWide(int i) {
        if (Integer.compareUnsigned(i, WIDE) >= 0 || i % 7 == 6) {
            return 4;
        }
        return i % 3 + 1;
    }

    /** Index i goes to $a when even (its value then gets 100 added), else to $b; so does any index past the table. */
    private static int expectedCarried(int i) {
        if (Integer.compareUnsigned(i, CARRIED) < 0 && i % 2 == 0) {
            return 100 + 2 * i;
        }
        return 2 * i;
    }

    private static final int[] INDICES = {0, 1, 2, 5, 6, 13, 20, 1023, 1024, 1999, 2000, 2001, 2995, 2998, 2999, 3000, 3001, 1_000_000, -1, -2};

    @Test
    void indicesThatShareJumpsReachTheirLabels() {
        try (Context context = WasmTestSupport.context()) {
            Value wide = WasmTestSupport.exports(context, module()).getMember("wide");
            for (int i : INDICES) {
                assertEquals(expectedWide(i), wide.execute(i).asInt(), "wide(" + i + ")");
            }
        }
    }

    @Test
    void branchesThatMoveTheirValueKeepAJumpEach() {
        try (Context context = WasmTestSupport.context()) {
            Value carried = WasmTestSupport.exports(context, module()).getMember("carried");
            for (int i : INDICES) {
                assertEquals(expectedCarried(i), carried.execute(i).asInt(), "carried(" + i + ")");
            }
        }
    }
}
