package dev.enoki.wasm.nodes.memory;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.enoki.wasm.memory.LinearMemory;
import dev.enoki.wasm.nodes.ExpressionNode;

public final class MemorySizeNode extends ExpressionNode {
    private final LinearMemory memory;

    public MemorySizeNode(LinearMemory memory) {
        this.memory = memory;
    }

    @Override
    public int executeI32(VirtualFrame frame) {
        return (int) memory.pages();
    }
}
