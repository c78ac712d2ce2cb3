package dev.enoki.wasm.nodes.control;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.enoki.wasm.nodes.ExpressionNode;
import dev.enoki.wasm.nodes.StatementNode;

/** br_if. */
public final class BranchIfNode extends StatementNode {
    @Child private ExpressionNode condition;
    @Child private BranchNode branch;
    private final ConditionCounter profile;

    /** @param loopTest whether the branch continues or leaves the innermost loop around it ({@link ConditionCounter}) */
    public BranchIfNode(ExpressionNode condition, BranchNode branch, boolean loopTest) {
        this.condition = condition;
        this.branch = branch;
        this.profile = loopTest ? ConditionCounter.ofLoopTest() : ConditionCounter.ofArms();
    }

    ExpressionNode condition() {
        return condition;
    }

    BranchNode branchNode() {
        return branch;
    }

    ConditionCounter profile() {
        return profile;
    }

    @Override
    public int execute(VirtualFrame frame) {
        if (taken(frame)) {
            return branch(frame);
        }
        return FALL_THROUGH;
    }

    /** Evaluates and profiles the condition. */
    boolean taken(VirtualFrame frame) {
        return profile.profile(condition.executeI32(frame) != 0);
    }

    /** Takes the branch: moves its values, returns its depth. */
    int branch(VirtualFrame frame) {
        return branch.execute(frame);
    }
}
