package dev.enoki.wasm.nodes.control;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.enoki.wasm.nodes.ExpressionNode;
import dev.enoki.wasm.nodes.StatementNode;

/** if/else: both arms are blocks of the same label. */
public final class IfNode extends StatementNode {
    @Child private ExpressionNode condition;
    @Child private BlockNode thenBlock;
    @Child private BlockNode elseBlock;
    private final ConditionCounter profile = ConditionCounter.ofArms();

    public IfNode(ExpressionNode condition, BlockNode thenBlock, BlockNode elseBlock) {
        this.condition = condition;
        this.thenBlock = thenBlock;
        this.elseBlock = elseBlock;
    }

    ExpressionNode condition() {
        return condition;
    }

    BlockNode thenBlock() {
        return thenBlock;
    }

    BlockNode elseBlock() {
        return elseBlock;
    }

    @Override
    public int execute(VirtualFrame frame) {
        if (profile.profile(condition.executeI32(frame) != 0)) {
            return thenBlock.execute(frame);
        }
        return elseBlock.execute(frame);
    }
}
