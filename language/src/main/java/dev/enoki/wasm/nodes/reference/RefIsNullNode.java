package dev.enoki.wasm.nodes.reference;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.enoki.wasm.nodes.ExpressionNode;
import dev.enoki.wasm.runtime.WasmNull;

public final class RefIsNullNode extends ExpressionNode {
    @Child private ExpressionNode value;

    public RefIsNullNode(ExpressionNode value) {
        this.value = value;
    }

    @Override
    public int executeI32(VirtualFrame frame) {
        return value.executeReference(frame) == WasmNull.INSTANCE ? 1 : 0;
    }
}
