package dev.enoki.wasm.nodes.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.enoki.wasm.nodes.StatementNode;
import org.junit.jupiter.api.Test;

/**
 * A br_table's profile ({@link RegionOp.JumpTable}): each target's test gets the share of the counted indices that
 * reach it among those the tests before it let through; indices past the last target count for the default.
 */
class JumpTableProfileTest {
    private static RegionOp.JumpTable table(int targets) {
        RegionOp.Jump[] jumps = new RegionOp.Jump[targets + 1];
        for (int i = 0; i < jumps.length; i++) {
            jumps[i] = new RegionOp.Jump(new StatementNode[0]);
        }
        return new RegionOp.JumpTable(null, jumps);
    }

    @Test
    void eachTestGetsItsShareOfWhatTheTestsBeforeItLetThrough() {
        RegionOp.JumpTable table = table(3);
        assertTrue(Double.isNaN(table.probability(0)), "no profile before the first count");
        // 8 counts, a power of two, so the probabilities are those of all of them: 2 to target 0, 1 to 1, 3 to 2,
        // and 2 past the last target (9, and -1 read unsigned) to the default.
        for (int i : new int[]{0, 2, 9, 0, 1, 2, -1, 2}) {
            table.count(i);
        }
        assertEquals(2.0 / 8, table.probability(0), 1e-12);
        assertEquals(1.0 / 6, table.probability(1), 1e-12);
        assertEquals(3.0 / 5, table.probability(2), 1e-12);
    }

    @Test
    void aTargetNeverTakenIsUnlikelyNotImpossible() {
        RegionOp.JumpTable table = table(2);
        for (int i = 0; i < 4; i++) {
            table.count(1);
        }
        assertEquals(0.0001, table.probability(0), 1e-12);
        assertEquals(1 - 0.0001, table.probability(1), 1e-12);
    }
}
