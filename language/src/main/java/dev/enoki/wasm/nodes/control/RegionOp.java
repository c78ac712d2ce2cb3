package dev.enoki.wasm.nodes.control;

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
        private final ConditionCounter profile = ConditionCounter.ofLoopTest();

        JumpIf(ExpressionNode condition, Jump jump) {
            this.condition = condition;
            this.jump = jump;
        }

        boolean taken(VirtualFrame frame) {
            return profile.profile(condition.executeI32(frame) != 0);
        }
    }

    /** br_table: the last jump is the default. */
    static final class JumpTable extends RegionOp {
        @Child ExpressionNode index;
        @Children final Jump[] jumps;

        JumpTable(ExpressionNode index, Jump[] jumps) {
            this.index = index;
            this.jumps = jumps;
        }
    }
}
