package dev.enoki.wasm.nodes.table;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.enoki.wasm.nodes.StatementNode;
import dev.enoki.wasm.runtime.WasmInstance;

public final class ElemDropNode extends StatementNode {
    private final WasmInstance instance;
    private final int elementIndex;

    public ElemDropNode(WasmInstance instance, int elementIndex) {
        this.instance = instance;
        this.elementIndex = elementIndex;
    }

    @Override
    public int execute(VirtualFrame frame) {
        instance.dropElementSegment(elementIndex);
        return FALL_THROUGH;
    }
}
