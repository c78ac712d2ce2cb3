package dev.enoki.wasm.nodes.control;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.enoki.wasm.errors.Trap;
import dev.enoki.wasm.nodes.StatementNode;

public final class UnreachableNode extends StatementNode {
    @Override
    public int execute(VirtualFrame frame) {
        throw Trap.create(Trap.UNREACHABLE, this);
    }
}
