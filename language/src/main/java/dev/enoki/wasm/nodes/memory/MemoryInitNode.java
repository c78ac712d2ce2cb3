package dev.enoki.wasm.nodes.memory;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.enoki.wasm.nodes.ExpressionNode;
import dev.enoki.wasm.nodes.FunctionFrame;
import dev.enoki.wasm.nodes.StatementNode;
import dev.enoki.wasm.runtime.WasmInstance;

/** memory.init from a passive data segment (empty once dropped). */
public final class MemoryInitNode extends StatementNode {
    private final int memoryIndex;
    private final int dataIndex;
    @Child private ExpressionNode destination;
    @Child private ExpressionNode source;
    @Child private ExpressionNode length;

    public MemoryInitNode(int memoryIndex, int dataIndex, ExpressionNode destination, ExpressionNode source, ExpressionNode length) {
        this.memoryIndex = memoryIndex;
        this.dataIndex = dataIndex;
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
        instance.memory(memoryIndex).initialize(instance.dataSegment(dataIndex), d, s, n, this);
        return FALL_THROUGH;
    }
}
