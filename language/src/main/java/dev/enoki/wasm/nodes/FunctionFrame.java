package dev.enoki.wasm.nodes;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.VirtualFrame;
import dev.enoki.wasm.runtime.WasmInstance;

/**
 * The layout of a Wasm function's frame. ASTs belong to a module and are shared by all its instances (and contexts),
 * so the instance a call runs in travels as the call's first argument and sits in slot 0; the function's locals
 * follow, then the operand-stack temporaries.
 */
public final class FunctionFrame {
    public static final int INSTANCE_SLOT = 0;

    private FunctionFrame() {
    }

    public static int localSlot(int localIndex) {
        return localIndex + 1;
    }

    public static WasmInstance instance(VirtualFrame frame) {
        return CompilerDirectives.castExact(frame.getObjectStatic(INSTANCE_SLOT), WasmInstance.class);
    }
}
