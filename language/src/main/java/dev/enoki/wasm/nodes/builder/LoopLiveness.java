package dev.enoki.wasm.nodes.builder;

import java.util.BitSet;

/**
 * Which locals of a function hold no value at the start of a loop's body that any path reads: in the order the
 * builder walks the body, the local's first access is a write that every iteration passes, and comes before any read
 * of it and before any branch that leaves the loop. Every iteration passes a write at the body's own nesting level,
 * and a write in blocks nested in the body when no branch and no if came before it in the body: clang's code often
 * opens a loop's body with a block (an interpreter's dispatch loop decodes its instruction into locals inside the
 * blocks of its switch).
 *
 * <p>Why it matters: compiled code keeps every frame slot's value alive up to the loop's back edge, because the
 * safepoint there carries the frame's state for deoptimization; on HotSpot each such value is moved to the stack on
 * every iteration. A slot cleared at the back edge is a constant in that state. The analysis only says "dead" when
 * it is sure; a local written in an if-arm, or after an early exit, stays live.
 */
final class LoopLiveness {
    /** Locals whose first access in the body has been seen. */
    private final BitSet decided = new BitSet();
    private final BitSet dead = new BitSet();
    /** Locals the body reads or writes anywhere. */
    private final BitSet accessed = new BitSet();
    /** Once a branch may have left the loop, a later write no longer covers every path from the start. */
    private boolean escaped;
    /** No branch and no if yet in the body: the instructions walked so far run on every path from its start. */
    private boolean straight = true;
    /** Index of the loop's frame in the builder's control stack; a branch to a lower index leaves the loop. */
    final int frameIndex;

    LoopLiveness(int frameIndex) {
        this.frameIndex = frameIndex;
    }

    void read(int local) {
        decided.set(local);
        accessed.set(local);
    }

    /** A write of {@code local}; {@code atBodyLevel} when not nested in a block, if or loop inside the body. */
    void write(int local, boolean atBodyLevel) {
        accessed.set(local);
        if ((atBodyLevel || straight) && !decided.get(local)) {
            decided.set(local);
            if (!escaped) {
                dead.set(local);
            }
        }
    }

    /** A branch, or the start of an if's arms: a write in a nested block after it may be skipped. */
    void branch() {
        straight = false;
    }

    void leave() {
        escaped = true;
    }

    BitSet deadLocals() {
        return dead;
    }

    /** The locals that may hold, at the loop's start, a value the body reads: those it accesses and are not dead. */
    BitSet liveLocals() {
        BitSet live = (BitSet) accessed.clone();
        live.andNot(dead);
        return live;
    }
}
