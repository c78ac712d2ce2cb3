package dev.enoki.wasm.nodes.variable;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.enoki.wasm.nodes.ExpressionNode;
import dev.enoki.wasm.runtime.WasmGlobal;

/** global.get; the global object is fixed for this instance's AST, so it is a compilation constant. */
public final class GlobalReadNode extends ExpressionNode {
    private final WasmGlobal global;

    public GlobalReadNode(WasmGlobal global) {
        this.global = global;
    }

    @Override
    public int executeI32(VirtualFrame frame) {
        return global.getI32();
    }

    @Override
    public long executeI64(VirtualFrame frame) {
        return global.getI64();
    }

    @Override
    public float executeF32(VirtualFrame frame) {
        return global.getF32();
    }

    @Override
    public double executeF64(VirtualFrame frame) {
        return global.getF64();
    }

    @Override
    public Object executeReference(VirtualFrame frame) {
        return global.getReference();
    }
}
