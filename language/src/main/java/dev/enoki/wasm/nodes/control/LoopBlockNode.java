package dev.enoki.wasm.nodes.control;

import com.oracle.truffle.api.Truffle;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.LoopNode;
import com.oracle.truffle.api.nodes.RepeatingNode;
import dev.enoki.wasm.nodes.StatementNode;

/**
 * A Wasm loop, executed through Truffle's {@link LoopNode} so long-running loops get on-stack replacement. A branch
 * to the loop's label (depth 0) starts the next iteration; falling off the end or branching further out leaves.
 */
public final class LoopBlockNode extends StatementNode {
    @Child private LoopNode loop;

    public LoopBlockNode(StatementNode[] body) {
        this.loop = Truffle.getRuntime().createLoopNode(new Body(body));
    }

    @Override
    public int execute(VirtualFrame frame) {
        int exit = (Integer) loop.execute(frame);
        return exit == FALL_THROUGH ? FALL_THROUGH : exit - 1;
    }

    private static final class Body extends com.oracle.truffle.api.nodes.Node implements RepeatingNode {
        private static final Integer FELL_THROUGH = FALL_THROUGH;

        @Children private final StatementNode[] statements;

        Body(StatementNode[] statements) {
            this.statements = statements;
        }

        @Override
        public boolean executeRepeating(VirtualFrame frame) {
            throw new UnsupportedOperationException("loops report their exit depth through executeRepeatingWithValue");
        }

        @Override
        public Object executeRepeatingWithValue(VirtualFrame frame) {
            int target = StatementSequenceNode.runInOrder(frame, statements);
            if (target == FALL_THROUGH) {
                return FELL_THROUGH;
            }
            return target == 0 ? CONTINUE_LOOP_STATUS : Integer.valueOf(target);
        }

        @Override
        public Object initialLoopStatus() {
            return CONTINUE_LOOP_STATUS;
        }

        @Override
        public boolean shouldContinue(Object returnValue) {
            return returnValue == CONTINUE_LOOP_STATUS;
        }
    }
}
