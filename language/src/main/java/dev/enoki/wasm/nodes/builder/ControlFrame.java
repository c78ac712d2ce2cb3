package dev.enoki.wasm.nodes.builder;

import dev.enoki.wasm.module.FuncType;
import dev.enoki.wasm.module.Opcode;
import dev.enoki.wasm.module.ValueType;
import dev.enoki.wasm.nodes.ExpressionNode;
import dev.enoki.wasm.nodes.StatementNode;

import java.util.ArrayList;
import java.util.List;

/** An open block, loop, if, or the function body, while the builder walks its code. */
final class ControlFrame {
    /** BLOCK, LOOP, IF, or null for the function body. */
    final Opcode opcode;
    final FuncType signature;
    /** Operand stack height below the block's parameters; its params and results occupy the positions from here. */
    final int height;
    List<StatementNode> statements = new ArrayList<>();
    /** For if: the condition, the finished then-arm (once else is seen) and the parameters to re-push for else. */
    ExpressionNode condition;
    List<StatementNode> thenStatements;
    List<StackEntry> ifParameters;
    /** For a loop: which locals it may clear at its start (entry and back edge). */
    LoopLiveness liveness;
    /** Code after br, br_table, return or unreachable, up to the next else/end, never runs and is not built. */
    boolean unreachable;

    ControlFrame(Opcode opcode, FuncType signature, int height) {
        this.opcode = opcode;
        this.signature = signature;
        this.height = height;
    }

    /** Types carried by a branch to this label: a loop's parameters, otherwise the results. */
    ValueType[] labelTypes() {
        return opcode == Opcode.LOOP ? signature.params() : signature.results();
    }
}
