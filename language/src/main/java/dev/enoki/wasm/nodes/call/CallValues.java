package dev.enoki.wasm.nodes.call;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import dev.enoki.wasm.module.ValueType;
import dev.enoki.wasm.nodes.ExpressionNode;

/**
 * How values cross a call: the callee's instance first, then the arguments boxed in the call's {@code Object[]} (the
 * boxes vanish when the callee is inlined); a single result comes back boxed, several results as an
 * {@code Object[]}.
 */
final class CallValues {
    private CallValues() {
    }

    /** The call's arguments, with slot 0 left for the callee's instance. */
    @ExplodeLoop
    static Object[] evaluateArguments(VirtualFrame frame, ExpressionNode[] arguments, ValueType[] types) {
        Object[] values = new Object[arguments.length + 1];
        for (int i = 0; i < arguments.length; i++) {
            values[i + 1] = switch (types[i]) {
                case I32 -> arguments[i].executeI32(frame);
                case I64 -> arguments[i].executeI64(frame);
                case F32 -> arguments[i].executeF32(frame);
                case F64 -> arguments[i].executeF64(frame);
                default -> arguments[i].executeReference(frame);
            };
        }
        return values;
    }

    @ExplodeLoop
    static void storeResults(VirtualFrame frame, Object result, int[] slots, ValueType[] types) {
        if (slots.length == 1) {
            store(frame, slots[0], types[0], result);
        } else if (slots.length > 1) {
            Object[] values = (Object[]) result;
            for (int i = 0; i < slots.length; i++) {
                store(frame, slots[i], types[i], values[i]);
            }
        }
    }

    private static void store(VirtualFrame frame, int slot, ValueType type, Object value) {
        switch (type) {
            case I32 -> frame.setIntStatic(slot, (Integer) value);
            case I64 -> frame.setLongStatic(slot, (Long) value);
            case F32 -> frame.setFloatStatic(slot, (Float) value);
            case F64 -> frame.setDoubleStatic(slot, (Double) value);
            case FUNCREF, EXTERNREF -> frame.setObjectStatic(slot, value);
            default -> throw CompilerDirectives.shouldNotReachHere(type.text);
        }
    }
}
