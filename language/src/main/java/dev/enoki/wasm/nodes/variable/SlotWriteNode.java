package dev.enoki.wasm.nodes.variable;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.enoki.wasm.module.ValueType;
import dev.enoki.wasm.nodes.ExpressionNode;
import dev.enoki.wasm.nodes.StatementNode;

/** Writes a value to a frame slot (local.set, spills, block results); one subclass per slot kind, so nothing is boxed. */
public abstract class SlotWriteNode extends StatementNode {
    protected final int slot;
    @Child protected ExpressionNode value;

    SlotWriteNode(int slot, ExpressionNode value) {
        this.slot = slot;
        this.value = value;
    }

    public static SlotWriteNode create(ValueType type, int slot, ExpressionNode value) {
        return switch (type) {
            case I32 -> new I32(slot, value);
            case I64 -> new I64(slot, value);
            case F32 -> new F32(slot, value);
            case F64 -> new F64(slot, value);
            default -> new Reference(slot, value);
        };
    }

    static final class I32 extends SlotWriteNode {
        I32(int slot, ExpressionNode value) {
            super(slot, value);
        }

        @Override
        public int execute(VirtualFrame frame) {
            frame.setIntStatic(slot, value.executeI32(frame));
            return FALL_THROUGH;
        }
    }

    static final class I64 extends SlotWriteNode {
        I64(int slot, ExpressionNode value) {
            super(slot, value);
        }

        @Override
        public int execute(VirtualFrame frame) {
            frame.setLongStatic(slot, value.executeI64(frame));
            return FALL_THROUGH;
        }
    }

    static final class F32 extends SlotWriteNode {
        F32(int slot, ExpressionNode value) {
            super(slot, value);
        }

        @Override
        public int execute(VirtualFrame frame) {
            frame.setFloatStatic(slot, value.executeF32(frame));
            return FALL_THROUGH;
        }
    }

    static final class F64 extends SlotWriteNode {
        F64(int slot, ExpressionNode value) {
            super(slot, value);
        }

        @Override
        public int execute(VirtualFrame frame) {
            frame.setDoubleStatic(slot, value.executeF64(frame));
            return FALL_THROUGH;
        }
    }

    static final class Reference extends SlotWriteNode {
        Reference(int slot, ExpressionNode value) {
            super(slot, value);
        }

        @Override
        public int execute(VirtualFrame frame) {
            frame.setObjectStatic(slot, value.executeReference(frame));
            return FALL_THROUGH;
        }
    }
}
