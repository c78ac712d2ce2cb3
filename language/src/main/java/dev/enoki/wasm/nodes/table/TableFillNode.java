package dev.enoki.wasm.nodes.table;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.enoki.wasm.nodes.ExpressionNode;
import dev.enoki.wasm.nodes.FunctionFrame;
import dev.enoki.wasm.nodes.StatementNode;

public final class TableFillNode extends StatementNode {
    private final int tableIndex;
    @Child private ExpressionNode start;
    @Child private ExpressionNode value;
    @Child private ExpressionNode length;

    public TableFillNode(int tableIndex, ExpressionNode start, ExpressionNode value, ExpressionNode length) {
        this.tableIndex = tableIndex;
        this.start = start;
        this.value = value;
        this.length = length;
    }

    @Override
    public int execute(VirtualFrame frame) {
        int s = start.executeI32(frame);
        Object v = value.executeReference(frame);
        int n = length.executeI32(frame);
        FunctionFrame.instance(frame).table(tableIndex).fill(s, v, n, this);
        return FALL_THROUGH;
    }
}
