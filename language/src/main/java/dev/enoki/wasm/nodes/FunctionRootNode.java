package dev.enoki.wasm.nodes;

import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.frame.FrameDescriptor;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import com.oracle.truffle.api.nodes.RootNode;
import dev.enoki.wasm.WasmLanguage;
import dev.enoki.wasm.module.FuncType;
import dev.enoki.wasm.module.ValueType;
import dev.enoki.wasm.nodes.control.BlockNode;
import dev.enoki.wasm.runtime.WasmNull;

/**
 * The root of one Wasm function. Locals 0..n-1 are frame slots 0..n-1: parameters come unboxed from the call's
 * arguments, other numeric locals start as the frame's zeroes, reference locals as null. Results are read from the
 * result slots the body's block and return statements wrote.
 */
public final class FunctionRootNode extends RootNode {
    private final String name;
    @CompilationFinal(dimensions = 1) private final ValueType[] localTypes;
    private final int paramCount;
    @CompilationFinal(dimensions = 1) private final int[] resultSlots;
    @CompilationFinal(dimensions = 1) private final ValueType[] resultTypes;
    @Child private BlockNode body;

    public FunctionRootNode(WasmLanguage language, FrameDescriptor frameDescriptor, String name, ValueType[] localTypes, FuncType type, int[] resultSlots, BlockNode body) {
        super(language, frameDescriptor);
        this.name = name;
        this.localTypes = localTypes;
        this.paramCount = type.paramCount();
        this.resultSlots = resultSlots;
        this.resultTypes = type.results();
        this.body = body;
    }

    @Override
    public Object execute(VirtualFrame frame) {
        enterLocals(frame);
        body.execute(frame);
        return results(frame);
    }

    @ExplodeLoop
    private void enterLocals(VirtualFrame frame) {
        Object[] arguments = frame.getArguments();
        for (int i = 0; i < paramCount; i++) {
            switch (localTypes[i]) {
                case I32 -> frame.setIntStatic(i, (Integer) arguments[i]);
                case I64 -> frame.setLongStatic(i, (Long) arguments[i]);
                case F32 -> frame.setFloatStatic(i, (Float) arguments[i]);
                case F64 -> frame.setDoubleStatic(i, (Double) arguments[i]);
                default -> frame.setObjectStatic(i, arguments[i]);
            }
        }
        for (int i = paramCount; i < localTypes.length; i++) {
            switch (localTypes[i]) {
                case I32 -> frame.setIntStatic(i, 0);
                case I64 -> frame.setLongStatic(i, 0L);
                case F32 -> frame.setFloatStatic(i, 0f);
                case F64 -> frame.setDoubleStatic(i, 0d);
                default -> frame.setObjectStatic(i, WasmNull.INSTANCE);
            }
        }
    }

    @ExplodeLoop
    private Object results(VirtualFrame frame) {
        if (resultSlots.length == 0) {
            return WasmNull.INSTANCE;
        }
        if (resultSlots.length == 1) {
            return read(frame, resultSlots[0], resultTypes[0]);
        }
        Object[] values = new Object[resultSlots.length];
        for (int i = 0; i < resultSlots.length; i++) {
            values[i] = read(frame, resultSlots[i], resultTypes[i]);
        }
        return values;
    }

    private static Object read(VirtualFrame frame, int slot, ValueType type) {
        return switch (type) {
            case I32 -> frame.getIntStatic(slot);
            case I64 -> frame.getLongStatic(slot);
            case F32 -> frame.getFloatStatic(slot);
            case F64 -> frame.getDoubleStatic(slot);
            default -> frame.getObjectStatic(slot);
        };
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String toString() {
        return "wasm:" + name;
    }
}
