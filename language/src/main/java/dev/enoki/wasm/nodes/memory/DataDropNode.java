package dev.enoki.wasm.nodes.memory;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.enoki.wasm.nodes.FunctionFrame;
import dev.enoki.wasm.nodes.StatementNode;

public final class DataDropNode extends StatementNode {
    private final int dataIndex;

    public DataDropNode(int dataIndex) {
        this.dataIndex = dataIndex;
    }

    @Override
    public int execute(VirtualFrame frame) {
        FunctionFrame.instance(frame).dropDataSegment(dataIndex);
        return FALL_THROUGH;
    }
}
