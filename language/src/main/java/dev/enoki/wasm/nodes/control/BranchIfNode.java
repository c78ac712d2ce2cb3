package dev.enoki.wasm.nodes.control;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.enoki.wasm.nodes.ExpressionNode;
import dev.enoki.wasm.nodes.StatementNode;

/** br_if. */
public final class BranchIfNode extends StatementNode {
    @Child private ExpressionNode condition;
    @Child private BranchNode branch;
    private final ConditionCounter profile = new ConditionCounter();

    public BranchIfNode(ExpressionNode condition, BranchNode branch) {
        this.condition = condition;
        this.branch = branch;
    }

    @Override
    public int execute(VirtualFrame frame) {
        if (profile.profile(condition.executeI32(frame) != 0)) {
            return branch.execute(frame);
        }
        return FALL_THROUGH;
    }
}
