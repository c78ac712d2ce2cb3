package dev.enoki.wasm.nodes.memory;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.enoki.wasm.nodes.ExpressionNode;
import dev.enoki.wasm.nodes.FunctionFrame;

public final class MemorySizeNode extends ExpressionNode {
    private final int memoryIndex;

    public MemorySizeNode(int memoryIndex) {
        this.memoryIndex = memoryIndex;
    }

    @Override
    public int executeI32(VirtualFrame frame) {
        return (int) FunctionFrame.instance(frame).memory(memoryIndex).pages();
    }
}
