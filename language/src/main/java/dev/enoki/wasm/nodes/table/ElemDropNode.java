package dev.enoki.wasm.nodes.table;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.enoki.wasm.nodes.FunctionFrame;
import dev.enoki.wasm.nodes.StatementNode;

public final class ElemDropNode extends StatementNode {
    private final int elementIndex;

    public ElemDropNode(int elementIndex) {
        this.elementIndex = elementIndex;
    }

    @Override
    public int execute(VirtualFrame frame) {
        FunctionFrame.instance(frame).dropElementSegment(elementIndex);
        return FALL_THROUGH;
    }
}
