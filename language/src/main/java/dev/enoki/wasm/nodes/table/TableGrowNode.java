package dev.enoki.wasm.nodes.table;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.enoki.wasm.nodes.ExpressionNode;
import dev.enoki.wasm.nodes.StatementNode;
import dev.enoki.wasm.runtime.WasmTable;

/** table.grow: leaves the old size, or -1, in its result slot. */
public final class TableGrowNode extends StatementNode {
    private final WasmTable table;
    private final int resultSlot;
    @Child private ExpressionNode init;
    @Child private ExpressionNode delta;

    public TableGrowNode(WasmTable table, ExpressionNode init, ExpressionNode delta, int resultSlot) {
        this.table = table;
        this.init = init;
        this.delta = delta;
        this.resultSlot = resultSlot;
    }

    @Override
    public int execute(VirtualFrame frame) {
        Object value = init.executeReference(frame);
        int n = delta.executeI32(frame);
        frame.setIntStatic(resultSlot, table.grow(n, value));
        return FALL_THROUGH;
    }
}
