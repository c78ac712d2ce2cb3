package dev.enoki.wasm.nodes.table;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.enoki.wasm.nodes.ExpressionNode;
import dev.enoki.wasm.nodes.FunctionFrame;
import dev.enoki.wasm.runtime.WasmInstance;
import dev.enoki.wasm.nodes.StatementNode;

public final class TableCopyNode extends StatementNode {
    private final int destinationTable;
    private final int sourceTable;
    @Child private ExpressionNode destination;
    @Child private ExpressionNode source;
    @Child private ExpressionNode length;

    public TableCopyNode(int destinationTable, int sourceTable, ExpressionNode destination, ExpressionNode source, ExpressionNode length) {
        this.destinationTable = destinationTable;
        this.sourceTable = sourceTable;
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
        instance.table(destinationTable).copyFrom(instance.table(sourceTable).elements(), s, d, n, this);
        return FALL_THROUGH;
    }
}
