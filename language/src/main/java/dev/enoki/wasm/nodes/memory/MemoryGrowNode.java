package dev.enoki.wasm.nodes.memory;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.enoki.wasm.nodes.ExpressionNode;
import dev.enoki.wasm.memory.LinearMemory;
import dev.enoki.wasm.nodes.FunctionFrame;
import dev.enoki.wasm.nodes.StatementNode;

/**
 * memory.grow of memory 0 (the one memory a module may have): a statement (it changes state) that leaves the old size,
 * or -1, in its result slot, and the new size in the frame for the function's loads and stores
 * ({@link FunctionFrame#cacheMemory}).
 */
public final class MemoryGrowNode extends StatementNode {
    private final int resultSlot;
    @Child private ExpressionNode delta;

    public MemoryGrowNode(ExpressionNode delta, int resultSlot) {
        this.delta = delta;
        this.resultSlot = resultSlot;
    }

    @Override
    public int execute(VirtualFrame frame) {
        LinearMemory memory = FunctionFrame.instance(frame).memory(0);
        long old = memory.grow(Integer.toUnsignedLong(delta.executeI32(frame)));
        frame.setIntStatic(resultSlot, (int) old);
        FunctionFrame.setMemorySize(frame, memory.checkedSize());
        return FALL_THROUGH;
    }
}
