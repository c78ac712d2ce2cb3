package dev.enoki.wasm.nodes.control;

import com.oracle.truffle.api.frame.VirtualFrame;
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

    public StatementNode[] statements() {
        return statements;
    }

    @Override
    public int execute(VirtualFrame frame) {
        int target = StatementSequenceNode.runInOrder(frame, statements);
        return target <= 0 ? FALL_THROUGH : target - 1;
    }
}
