package dev.enoki.wasm.nodes.table;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.enoki.wasm.nodes.ExpressionNode;
import dev.enoki.wasm.nodes.StatementNode;
import dev.enoki.wasm.runtime.WasmInstance;
import dev.enoki.wasm.runtime.WasmTable;

/** table.init from a passive element segment (empty once dropped). */
public final class TableInitNode extends StatementNode {
    private final WasmTable table;
    private final WasmInstance instance;
    private final int elementIndex;
    @Child private ExpressionNode destination;
    @Child private ExpressionNode source;
    @Child private ExpressionNode length;

    public TableInitNode(WasmTable table, WasmInstance instance, int elementIndex, ExpressionNode destination, ExpressionNode source, ExpressionNode length) {
        this.table = table;
        this.instance = instance;
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
        table.copyFrom(instance.elementSegment(elementIndex), s, d, n, this);
        return FALL_THROUGH;
    }
}
