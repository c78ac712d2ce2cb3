package dev.enoki.wasm.nodes.control;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import dev.enoki.wasm.nodes.ExpressionNode;
import dev.enoki.wasm.nodes.StatementNode;

/**
 * br_table: the last target is the default. When no target carries values the depth comes straight from a constant
 * array; otherwise the chosen branch runs its moves.
 */
public final class BranchTableNode extends StatementNode {
    @Child private ExpressionNode index;
    @Children private final BranchNode[] targets;

    public BranchTableNode(ExpressionNode index, BranchNode[] targets) {
        this.index = index;
        this.targets = targets;
    }

    @Override
    @ExplodeLoop
    public int execute(VirtualFrame frame) {
        int i = index.executeI32(frame);
        int last = targets.length - 1;
        if (Integer.compareUnsigned(i, last) > 0) {
            i = last;
        }
        for (int k = 0; k < last; k++) {
            if (k == i) {
                return targets[k].execute(frame);
            }
        }
        return targets[last].execute(frame);
    }
}
