package dev.enoki.wasm.nodes.control;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import dev.enoki.wasm.nodes.StatementNode;

/**
 * A block: runs its statements in order. A branch to this block's label (depth 0) ends the block normally; a branch
 * further out is passed up with its depth reduced by one. Also used for the arms of {@code if} and function bodies.
 */
public final class BlockNode extends StatementNode {
    @Children private final StatementNode[] statements;

    public BlockNode(StatementNode[] statements) {
        this.statements = statements;
    }

    StatementNode[] statements() {
        return statements;
    }

    @Override
    @ExplodeLoop
    public int execute(VirtualFrame frame) {
        for (StatementNode statement : statements) {
            int target = statement.execute(frame);
            if (target != FALL_THROUGH) {
                return target == 0 ? FALL_THROUGH : target - 1;
            }
        }
        return FALL_THROUGH;
    }
}
