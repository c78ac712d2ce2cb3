package dev.enoki.wasm.nodes.table;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.enoki.wasm.nodes.ExpressionNode;
import dev.enoki.wasm.nodes.FunctionFrame;
import dev.enoki.wasm.nodes.StatementNode;

/** table.grow: leaves the old size, or -1, in its result slot. */
public final class TableGrowNode extends StatementNode {
    private final int tableIndex;
    private final int resultSlot;
    @Child private ExpressionNode init;
    @Child private ExpressionNode delta;

    public TableGrowNode(int tableIndex, ExpressionNode init, ExpressionNode delta, int resultSlot) {
        this.tableIndex = tableIndex;
        this.init = init;
        this.delta = delta;
        this.resultSlot = resultSlot;
    }

    @Override
    public int execute(VirtualFrame frame) {
        Object value = init.executeReference(frame);
        int n = delta.executeI32(frame);
        frame.setIntStatic(resultSlot, FunctionFrame.instance(frame).table(tableIndex).grow(n, value));
        return FALL_THROUGH;
    }
}
