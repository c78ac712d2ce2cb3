package dev.enoki.wasm.nodes.memory;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.enoki.wasm.nodes.ExpressionNode;
import dev.enoki.wasm.nodes.FunctionFrame;
import dev.enoki.wasm.nodes.StatementNode;

public final class MemoryFillNode extends StatementNode {
    private final int memoryIndex;
    @Child private ExpressionNode destination;
    @Child private ExpressionNode value;
    @Child private ExpressionNode length;

    public MemoryFillNode(int memoryIndex, ExpressionNode destination, ExpressionNode value, ExpressionNode length) {
        this.memoryIndex = memoryIndex;
        this.destination = destination;
        this.value = value;
        this.length = length;
    }

    @Override
    public int execute(VirtualFrame frame) {
        int d = destination.executeI32(frame);
        int v = value.executeI32(frame);
        int n = length.executeI32(frame);
        FunctionFrame.instance(frame).memory(memoryIndex).fill(d, (byte) v, n, this);
        return FALL_THROUGH;
    }
}
