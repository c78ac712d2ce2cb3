package dev.enoki.wasm.nodes.control;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import com.oracle.truffle.api.nodes.ExplodeLoop.LoopExplosionKind;
import dev.enoki.wasm.nodes.StatementNode;

import java.util.Arrays;
import java.util.function.Function;

/**
 * Blocks each of which starts with the next, {@code (block (block (block ... br_table ...) case0) case1) case2}: the
 * shape compilers give a C {@code switch}. Nested {@link BlockNode}s would pass a computed depth out one block at a
 * time, a compare and a decrement per level, so a dispatch to the last case costs as many steps as there are cases.
 * Here the blocks are one node: segment 0 is the innermost block's body, segment k the code that follows the end of
 * block k-1 inside block k. Merge explosion makes the segment index a constant in compiled code, so a branch becomes a
 * jump to the segment after its target's end, and the compares of a computed depth all test one value (a switch).
 */
public final class NestedBlocksNode extends StatementNode {
    @Children private final StatementNode[] segments;

    private NestedBlocksNode(StatementNode[] segments) {
        this.segments = segments;
    }

    StatementNode[] segments() {
        return segments;
    }

    /**
     * The block whose statements are {@code body}, merged with its first statement when that is a block too; each
     * new segment is made by {@code segment} from its statements (a {@link StatementSequenceNode}, or an
     * {@link OutlinedStatementsNode} in a huge function). Returns a plain {@link BlockNode} when there is nothing to
     * merge.
     */
    public static StatementNode of(StatementNode[] body, Function<StatementNode[], StatementNode> segment) {
        if (body.length == 0) {
            return new BlockNode(body);
        }
        StatementNode[] inner = switch (body[0]) {
            case BlockNode block -> new StatementNode[]{segment.apply(block.statements())};
            case NestedBlocksNode nest -> nest.segments;
            default -> null;
        };
        if (inner == null) {
            return new BlockNode(body);
        }
        StatementNode[] segments = Arrays.copyOf(inner, inner.length + 1);
        segments[inner.length] = segment.apply(Arrays.copyOfRange(body, 1, body.length));
        return new NestedBlocksNode(segments);
    }

    @Override
    @ExplodeLoop(kind = LoopExplosionKind.MERGE_EXPLODE)
    public int execute(VirtualFrame frame) {
        int last = segments.length - 1;
        int k = 0;
        next: while (true) {
            int target = segments[k].execute(frame);
            if (target == FALL_THROUGH) {
                if (k == last) {
                    return FALL_THROUGH;
                }
                k++;
                continue;
            }
            // Depth d from segment k targets block k + d; its end is followed by segment k + d + 1.
            int inside = last - k;
            if (target > inside) {
                return target - inside - 1;
            }
            if (target == inside) {
                return FALL_THROUGH;
            }
            for (int d = 0; d < inside; d++) {
                if (target == d) {
                    k += d + 1;
                    continue next;
                }
            }
            throw CompilerDirectives.shouldNotReachHere();
        }
    }
}
