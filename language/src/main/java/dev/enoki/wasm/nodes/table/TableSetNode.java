package dev.enoki.wasm.nodes.table;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.enoki.wasm.nodes.ExpressionNode;
import dev.enoki.wasm.nodes.StatementNode;
import dev.enoki.wasm.runtime.WasmTable;

public final class TableSetNode extends StatementNode {
    private final WasmTable table;
    @Child private ExpressionNode index;
    @Child private ExpressionNode value;

    public TableSetNode(WasmTable table, ExpressionNode index, ExpressionNode value) {
        this.table = table;
        this.index = index;
        this.value = value;
    }

    @Override
    public int execute(VirtualFrame frame) {
        int i = index.executeI32(frame);
        table.set(i, value.executeReference(frame), this);
        return FALL_THROUGH;
    }
}
