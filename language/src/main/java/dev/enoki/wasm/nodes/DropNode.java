package dev.enoki.wasm.nodes;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.enoki.wasm.module.ValueType;

/** Evaluates an expression for its effects (a trap, a memory read) and discards the value: drop. */
public final class DropNode extends StatementNode {
    private final ValueType type;
    @Child private ExpressionNode value;

    public DropNode(ValueType type, ExpressionNode value) {
        this.type = type;
        this.value = value;
    }

    @Override
    public int execute(VirtualFrame frame) {
        switch (type) {
            case I32 -> value.executeI32(frame);
            case I64 -> value.executeI64(frame);
            case F32 -> value.executeF32(frame);
            case F64 -> value.executeF64(frame);
            default -> value.executeReference(frame);
        }
        return FALL_THROUGH;
    }
}
