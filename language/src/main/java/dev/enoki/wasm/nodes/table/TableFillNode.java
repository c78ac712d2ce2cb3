package dev.enoki.wasm.nodes.table;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.enoki.wasm.nodes.ExpressionNode;
import dev.enoki.wasm.nodes.StatementNode;
import dev.enoki.wasm.runtime.WasmTable;

public final class TableFillNode extends StatementNode {
    private final WasmTable table;
    @Child private ExpressionNode start;
    @Child private ExpressionNode value;
    @Child private ExpressionNode length;

    public TableFillNode(WasmTable table, ExpressionNode start, ExpressionNode value, ExpressionNode length) {
        this.table = table;
        this.start = start;
        this.value = value;
        this.length = length;
    }

    @Override
    public int execute(VirtualFrame frame) {
        int s = start.executeI32(frame);
        Object v = value.executeReference(frame);
        int n = length.executeI32(frame);
        table.fill(s, v, n, this);
        return FALL_THROUGH;
    }
}
