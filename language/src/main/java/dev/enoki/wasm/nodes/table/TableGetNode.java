package dev.enoki.wasm.nodes.table;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.enoki.wasm.nodes.ExpressionNode;
import dev.enoki.wasm.nodes.FunctionFrame;

public final class TableGetNode extends ExpressionNode {
    private final int tableIndex;
    @Child private ExpressionNode index;

    public TableGetNode(int tableIndex, ExpressionNode index) {
        this.tableIndex = tableIndex;
        this.index = index;
    }

    @Override
    public Object executeReference(VirtualFrame frame) {
        return FunctionFrame.instance(frame).table(tableIndex).get(index.executeI32(frame), this);
    }
}
