package dev.enoki.wasm.nodes.table;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.enoki.wasm.nodes.ExpressionNode;
import dev.enoki.wasm.nodes.FunctionFrame;
import dev.enoki.wasm.nodes.StatementNode;
import dev.enoki.wasm.runtime.WasmInstance;

/** table.init from a passive element segment (empty once dropped). */
public final class TableInitNode extends StatementNode {
    private final int tableIndex;
    private final int elementIndex;
    @Child private ExpressionNode destination;
    @Child private ExpressionNode source;
    @Child private ExpressionNode length;

    public TableInitNode(int tableIndex, int elementIndex, ExpressionNode destination, ExpressionNode source, ExpressionNode length) {
        this.tableIndex = tableIndex;
        this.elementIndex = elementIndex;
        this.destination = destination;
        this.source = source;
        this.length = length;
    }

    @Override
    public int execute(VirtualFrame frame) {
        int d = destination.executeI32(frame);
        int s = source.executeI32(frame);
        int n = length.executeI32(frame);
        WasmInstance instance = FunctionFrame.instance(frame);
        instance.table(tableIndex).copyFrom(instance.elementSegment(elementIndex), s, d, n, this);
        return FALL_THROUGH;
    }
}
