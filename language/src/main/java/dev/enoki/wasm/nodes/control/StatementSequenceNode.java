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

    StatementNode[] statements() {
        return statements;
    }

    @Override
    public int execute(VirtualFrame frame) {
        return runInOrder(frame, statements);
    }

    /**
     * Runs {@code statements} in order; returns the first branch's depth, or {@link #FALL_THROUGH}. The last
     * statement's depth is returned as it is: testing it too would merge it with a second {@code FALL_THROUGH}, and
     * Graal then builds a loop's back-edge decision out of two nested conditional moves instead of one branch.
     */
    @ExplodeLoop
    static int runInOrder(VirtualFrame frame, StatementNode[] statements) {
        int last = statements.length - 1;
        for (int i = 0; i < last; i++) {
            StatementNode statement = statements[i];
            if (statement instanceof BranchIfNode branchIf) {
                if (branchIf.taken(frame)) {
                    return branchIf.branch(frame);
                }
                continue;
            }
            int target = statement.execute(frame);
            if (target != FALL_THROUGH) {
                return target;
            }
        }
        return last < 0 ? FALL_THROUGH : statements[last].execute(frame);
    }
}
