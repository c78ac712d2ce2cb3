package dev.enoki.wasm.nodes.table;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.enoki.wasm.nodes.ExpressionNode;
import dev.enoki.wasm.nodes.FunctionFrame;

public final class TableSizeNode extends ExpressionNode {
    private final int tableIndex;

    public TableSizeNode(int tableIndex) {
        this.tableIndex = tableIndex;
    }

    @Override
    public int executeI32(VirtualFrame frame) {
        return FunctionFrame.instance(frame).table(tableIndex).size();
    }
}
