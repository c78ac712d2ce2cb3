package dev.enoki.wasm.nodes.memory;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.enoki.wasm.nodes.StatementNode;
import dev.enoki.wasm.runtime.WasmInstance;

public final class DataDropNode extends StatementNode {
    private final WasmInstance instance;
    private final int dataIndex;

    public DataDropNode(WasmInstance instance, int dataIndex) {
        this.instance = instance;
        this.dataIndex = dataIndex;
    }

    @Override
    public int execute(VirtualFrame frame) {
        instance.dropDataSegment(dataIndex);
        return FALL_THROUGH;
    }
}
