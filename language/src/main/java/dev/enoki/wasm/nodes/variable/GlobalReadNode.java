package dev.enoki.wasm.nodes.variable;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.enoki.wasm.nodes.ExpressionNode;
import dev.enoki.wasm.nodes.FunctionFrame;
import dev.enoki.wasm.runtime.WasmGlobal;

/** global.get of the running instance's global {@code index}. */
public final class GlobalReadNode extends ExpressionNode {
    private final int index;

    public GlobalReadNode(int index) {
        this.index = index;
    }

    private WasmGlobal global(VirtualFrame frame) {
        return FunctionFrame.instance(frame).global(index);
    }

    @Override
    public int executeI32(VirtualFrame frame) {
        return global(frame).getI32();
    }

    @Override
    public long executeI64(VirtualFrame frame) {
        return global(frame).getI64();
    }

    @Override
    public float executeF32(VirtualFrame frame) {
        return global(frame).getF32();
    }

    @Override
    public double executeF64(VirtualFrame frame) {
        return global(frame).getF64();
    }

    @Override
    public Object executeReference(VirtualFrame frame) {
        return global(frame).getReference();
    }
}
