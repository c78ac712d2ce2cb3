package dev.enoki.wasm.nodes;

import com.oracle.truffle.api.frame.VirtualFrame;

/**
 * A node executed for its effect. Control flow needs no exceptions: {@link #execute} returns {@link #FALL_THROUGH}
 * or the relative depth of the label a branch targets (0 = innermost enclosing block), and each enclosing block
 * decrements it on the way out.
 */
public abstract class StatementNode extends WasmNode {
    public static final int FALL_THROUGH = -1;

    public abstract int execute(VirtualFrame frame);
}
