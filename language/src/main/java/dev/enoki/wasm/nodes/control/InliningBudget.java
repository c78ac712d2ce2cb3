package dev.enoki.wasm.nodes.control;

/**
 * How many AST nodes of hot stretches ({@link OutlinedStatementsNode}) one compilation unit of a huge function takes
 * in: the function's root, or a stretch's. It bounds what the copies add to a unit, as running the stretches apart
 * bounded the unit in the first place.
 */
public final class InliningBudget {
    /** About the size of sqlite's opcode loop without its stretches, so at most about twice that loop. */
    static final int NODES = 2000;
    private int taken;

    /** Takes {@code nodes} from the budget; false, taking nothing, if they do not fit. */
    synchronized boolean take(int nodes) {
        if (taken + nodes > NODES) {
            return false;
        }
        taken += nodes;
        return true;
    }
}
