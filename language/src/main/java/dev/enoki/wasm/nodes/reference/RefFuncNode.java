package dev.enoki.wasm.nodes.reference;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.enoki.wasm.nodes.ExpressionNode;
import dev.enoki.wasm.nodes.FunctionFrame;

/** ref.func: the running instance's function {@code index}. */
public final class RefFuncNode extends ExpressionNode {
    private final int index;

    public RefFuncNode(int index) {
        this.index = index;
    }

    @Override
    public Object executeReference(VirtualFrame frame) {
        return FunctionFrame.instance(frame).function(index);
    }
}
