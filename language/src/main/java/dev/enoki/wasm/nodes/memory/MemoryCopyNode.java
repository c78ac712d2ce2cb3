package dev.enoki.wasm.nodes.memory;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.enoki.wasm.nodes.ExpressionNode;
import dev.enoki.wasm.nodes.FunctionFrame;
import dev.enoki.wasm.runtime.WasmInstance;
import dev.enoki.wasm.nodes.StatementNode;

public final class MemoryCopyNode extends StatementNode {
    private final int destinationMemory;
    private final int sourceMemory;
    @Child private ExpressionNode destination;
    @Child private ExpressionNode source;
    @Child private ExpressionNode length;

    public MemoryCopyNode(int destinationMemory, int sourceMemory, ExpressionNode destination, ExpressionNode source, ExpressionNode length) {
        this.destinationMemory = destinationMemory;
        this.sourceMemory = sourceMemory;
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
        instance.memory(destinationMemory).copyFrom(instance.memory(sourceMemory), d, s, n, this);
        return FALL_THROUGH;
    }
}
