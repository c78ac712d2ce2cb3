package dev.enoki.wasm.nodes.control;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import com.oracle.truffle.api.nodes.Node;
import dev.enoki.wasm.nodes.ExpressionNode;
import dev.enoki.wasm.nodes.StatementNode;

/**
 * One step of a {@link RegionNode}. A jump target is an index into the region's steps, or a negative code for leaving
 * the region: {@code -1 - d} leaves with depth d, counted from the region's own label.
 */
abstract class RegionOp extends Node {
    static int leaving(int depth) {
        return -1 - depth;
    }

    /** A statement; a branch it reports (a loop's exit, a stretch run apart) continues at its position's targets. */
    static final class Run extends RegionOp {
        @Child StatementNode statement;
        /** Where a branch of depth d, counted from this position, goes; deeper ones leave the region. */
        @CompilationFinal(dimensions = 1) int[] targets;

        Run(StatementNode statement) {
            this.statement = statement;
        }
    }

    /** The start of an if: on to the then-arm when the condition holds, else to the else-arm or past the end. */
    static final class Unless extends RegionOp {
        @Child ExpressionNode condition;
        private final ConditionCounter profile;
        @CompilationFinal int target;

        Unless(ExpressionNode condition, ConditionCounter profile) {
            this.condition = condition;
            this.profile = profile;
        }

        boolean holds(VirtualFrame frame) {
            return profile.profile(condition.executeI32(frame) != 0);
        }
    }

    /** br, return, and the jump from the end of a then-arm past its else-arm. */
    static final class Jump extends RegionOp {
        @Children private final StatementNode[] moves;
        @CompilationFinal int target;

        Jump(StatementNode[] moves) {
            this.moves = moves;
        }

        boolean movesValues() {
            return moves.length > 0;
        }

        /** Moves the values the branch carries into its target's slots. */
        @ExplodeLoop
        void move(VirtualFrame frame) {
            for (StatementNode move : moves) {
                move.execute(frame);
            }
        }
    }

    /** br_if. */
    static final class JumpIf extends RegionOp {
        @Child ExpressionNode condition;
        @Child Jump jump;
        private final ConditionCounter profile;

        JumpIf(ExpressionNode condition, Jump jump, ConditionCounter profile) {
            this.condition = condition;
            this.jump = jump;
            this.profile = profile;
        }

        boolean taken(VirtualFrame frame) {
            return profile.profile(condition.executeI32(frame) != 0);
        }
    }

    /**
     * br_table: the last jump is the default. Compiled as a chain of tests of the index, one per target, which Graal
     * turns into a jump table; the interpreter counts the targets taken, and each test gets the probability of its
     * target among those not tested before it. Without, each test got even odds, so the tenth case of a switch came out
     * at 1 in 512: in the dispatch kernel's interpreter loop, whose cases all go round the loop again, Graal compiled
     * the loop as one that runs 9 times per entry.
     */
    static final class JumpTable extends RegionOp {
        @Child ExpressionNode index;
        @Children final Jump[] jumps;
        /**
         * For a table whose indices share jumps ({@link RegionFlattener#shared}): the jump each index below the
         * default's takes; null when each index has a jump of its own.
         */
        @CompilationFinal(dimensions = 1) private final int[] shared;
        /** Times each target was taken in the interpreter (the default's for any index past the others). */
        private final int[] counts;
        private int total;
        /** Per test, the probability that it holds once the tests before it failed; null before any count. */
        @CompilationFinal(dimensions = 1) private double[] probabilities;

        JumpTable(ExpressionNode index, Jump[] jumps) {
            this(index, jumps, null);
        }

        JumpTable(ExpressionNode index, Jump[] jumps, int[] shared) {
            this.index = index;
            this.jumps = jumps;
            this.shared = shared;
            this.counts = new int[jumps.length];
        }

        /** The index read; for a table whose indices share jumps, the jump it takes (past them all, the default's). */
        int jumpIndex(VirtualFrame frame) {
            int i = index.executeI32(frame);
            if (shared == null) {
                return i;
            }
            return Integer.compareUnsigned(i, shared.length) < 0 ? shared[i] : jumps.length - 1;
        }

        /** Whether index {@code i} goes to target {@code k} (not the default), as a profiled test. */
        boolean selects(int i, int k) {
            boolean hit = i == k;
            if (CompilerDirectives.inInterpreter() || probabilities == null) {
                return hit;
            }
            return CompilerDirectives.injectBranchProbability(probability(k), hit);
        }

        /** The probability compiled code gives the test for target {@code k}; NaN before any count. */
        double probability(int k) {
            double[] p = probabilities;
            return p == null ? Double.NaN : p[k];
        }

        /**
         * Counts target {@code i} (the default if out of range) in the interpreter, and recomputes the probabilities
         * each time the total reaches a power of two: their cost stays in proportion to the counting.
         */
        void count(int i) {
            if (CompilerDirectives.inCompiledCode() || total == Integer.MAX_VALUE) {
                return;
            }
            int last = counts.length - 1;
            counts[Integer.compareUnsigned(i, last) < 0 ? i : last]++;
            total++;
            if ((total & (total - 1)) == 0) {
                double[] p = new double[last];
                long rest = total;
                for (int k = 0; k < last; k++) {
                    p[k] = rest == 0 ? 0.5 : Math.min(Math.max((double) counts[k] / rest, UNSEEN), 1 - UNSEEN);
                    rest -= counts[k];
                }
                probabilities = p;
            }
        }

        /** The probability given to a target not taken yet, as ConditionCounter does: unlikely, still compiled. */
        private static final double UNSEEN = 0.0001;
    }
}
