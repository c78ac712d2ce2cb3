package dev.enoki.wasm.nodes.variable;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.enoki.wasm.module.ValueType;
import dev.enoki.wasm.nodes.ExpressionNode;
import dev.enoki.wasm.nodes.FunctionFrame;
import dev.enoki.wasm.nodes.StatementNode;
import dev.enoki.wasm.runtime.WasmGlobal;

/** global.set of the running instance's global {@code index}. */
public final class GlobalWriteNode extends StatementNode {
    private final int index;
    private final ValueType type;
    @Child private ExpressionNode value;

    public GlobalWriteNode(int index, ValueType type, ExpressionNode value) {
        this.index = index;
        this.type = type;
        this.value = value;
    }

    @Override
    public int execute(VirtualFrame frame) {
        WasmGlobal global = FunctionFrame.instance(frame).global(index);
        switch (type) {
            case I32 -> global.setI32(value.executeI32(frame));
            case I64 -> global.setI64(value.executeI64(frame));
            case F32 -> global.setF32(value.executeF32(frame));
            case F64 -> global.setF64(value.executeF64(frame));
            default -> global.setReference(value.executeReference(frame));
        }
        return FALL_THROUGH;
    }
}
