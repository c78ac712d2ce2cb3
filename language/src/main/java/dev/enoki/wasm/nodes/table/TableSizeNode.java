package dev.enoki.wasm.nodes.table;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.enoki.wasm.nodes.ExpressionNode;
import dev.enoki.wasm.runtime.WasmTable;

public final class TableSizeNode extends ExpressionNode {
    private final WasmTable table;

    public TableSizeNode(WasmTable table) {
        this.table = table;
    }

    @Override
    public int executeI32(VirtualFrame frame) {
        return table.size();
    }
}
