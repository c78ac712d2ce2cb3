package dev.enoki.wasm.nodes.control;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import dev.enoki.wasm.nodes.StatementNode;

/**
 * br (and return): moves the carried values into the target label's slots, then reports the target's depth. The
 * writes run in stack order, which is safe because a value never reads a slot that an earlier write targets.
 */
public final class BranchNode extends StatementNode {
    @Children private final StatementNode[] moves;
    private final int depth;

    public BranchNode(StatementNode[] moves, int depth) {
        this.moves = moves;
        this.depth = depth;
    }

    StatementNode[] moves() {
        return moves;
    }

    int depth() {
        return depth;
    }

    @Override
    @ExplodeLoop
    public int execute(VirtualFrame frame) {
        for (StatementNode move : moves) {
            move.execute(frame);
        }
        return depth;
    }

    /** The depths of {@code branches} when none of them moves values, else null. */
    static int[] depthsWithoutMoves(BranchNode[] branches) {
        int[] depths = new int[branches.length];
        for (int i = 0; i < branches.length; i++) {
            if (branches[i].moves.length != 0) {
                return null;
            }
            depths[i] = branches[i].depth;
        }
        return depths;
    }
}
