package dev.enoki.wasm.nodes.control;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import dev.enoki.wasm.nodes.StatementNode;

/** Statements run in order, without a label of their own: the first branch's depth is returned unchanged. */
public final class StatementSequenceNode extends StatementNode {
    @Children private final StatementNode[] statements;

    public StatementSequenceNode(StatementNode[] statements) {
        this.statements = statements;
    }

    @Override
    public int execute(VirtualFrame frame) {
        return runInOrder(frame, statements);
    }

    /** Runs {@code statements} in order; returns the first branch's depth, or {@link #FALL_THROUGH}. */
    @ExplodeLoop
    static int runInOrder(VirtualFrame frame, StatementNode[] statements) {
        for (StatementNode statement : statements) {
            int target = statement.execute(frame);
            if (target != FALL_THROUGH) {
                return target;
            }
        }
        return FALL_THROUGH;
    }
}
