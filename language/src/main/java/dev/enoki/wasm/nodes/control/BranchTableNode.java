package dev.enoki.wasm.nodes.control;

import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import dev.enoki.wasm.nodes.ExpressionNode;
import dev.enoki.wasm.nodes.StatementNode;

/**
 * br_table: the last target is the default. When no target carries values (the common case: a C switch), the depth
 * comes from a constant array in one load, whatever the number of targets; otherwise the chosen branch runs its moves.
 */
public final class BranchTableNode extends StatementNode {
    @Child private ExpressionNode index;
    @Children private final BranchNode[] targets;
    /** The targets' depths, or null when some target moves values. */
    @CompilationFinal(dimensions = 1) private final int[] depths;

    public BranchTableNode(ExpressionNode index, BranchNode[] targets) {
        this.index = index;
        this.targets = targets;
        this.depths = BranchNode.depthsWithoutMoves(targets);
    }

    ExpressionNode index() {
        return index;
    }

    BranchNode[] targets() {
        return targets;
    }

    @Override
    public int execute(VirtualFrame frame) {
        int i = index.executeI32(frame);
        int last = targets.length - 1;
        if (Integer.compareUnsigned(i, last) > 0) {
            i = last;
        }
        if (depths != null) {
            return depths[i];
        }
        return executeWithMoves(frame, i);
    }

    @ExplodeLoop
    private int executeWithMoves(VirtualFrame frame, int i) {
        int last = targets.length - 1;
        for (int k = 0; k < last; k++) {
            if (k == i) {
                return targets[k].execute(frame);
            }
        }
        return targets[last].execute(frame);
    }
}
