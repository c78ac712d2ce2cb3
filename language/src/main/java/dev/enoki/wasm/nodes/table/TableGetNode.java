package dev.enoki.wasm.nodes.table;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.enoki.wasm.nodes.ExpressionNode;
import dev.enoki.wasm.runtime.WasmTable;

public final class TableGetNode extends ExpressionNode {
    private final WasmTable table;
    @Child private ExpressionNode index;

    public TableGetNode(WasmTable table, ExpressionNode index) {
        this.table = table;
        this.index = index;
    }

    @Override
    public Object executeReference(VirtualFrame frame) {
        return table.get(index.executeI32(frame), this);
    }
}
