package dev.enoki.wasm.nodes.table;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.enoki.wasm.nodes.ExpressionNode;
import dev.enoki.wasm.nodes.FunctionFrame;
import dev.enoki.wasm.nodes.StatementNode;

public final class TableSetNode extends StatementNode {
    private final int tableIndex;
    @Child private ExpressionNode index;
    @Child private ExpressionNode value;

    public TableSetNode(int tableIndex, ExpressionNode index, ExpressionNode value) {
        this.tableIndex = tableIndex;
        this.index = index;
        this.value = value;
    }

    @Override
    public int execute(VirtualFrame frame) {
        int i = index.executeI32(frame);
        FunctionFrame.instance(frame).table(tableIndex).set(i, value.executeReference(frame), this);
        return FALL_THROUGH;
    }
}
