package dev.enoki.wasm.runtime;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.nodes.Node;
import dev.enoki.wasm.errors.Trap;

/**
 * How deeply Wasm calls nest in one context (a context runs on one thread at a time), and the limit past which a call
 * traps with "call stack exhausted" rather than running into the JVM's stack overflow.
 *
 * <p>Why a limit of its own: a stack overflow in compiled code unwinds through compiled frames that the exception
 * deoptimizes one by one, and each deoptimized frame needs more stack than its compiled form, so the handlers run at
 * the stack's limit and overflow it again, frame after frame; HotSpot then walks the whole stack at each overflow
 * (looking for a method allowed into its reserved zone), which makes the unwinding quadratic in the stack's depth. A
 * runaway recursion, compiled after warm-up, took 157 s to trap on an 8 MiB stack and did not trap within 10 minutes
 * on the launcher's 64 MiB. Trapping at a depth the stack holds with room to spare leaves the unwinding that room.
 *
 * <p>Each Wasm function's entry counts one level and its normal exit gives it back, in the interpreter and where the
 * function is the root of its compiled code; a call inlined into compiled code does not count (counting it made fib's
 * steady runs 2.5x slower), so compiled code may nest deeper than the limit, and unwinding it still deoptimizes every
 * inlined level: the same recursion now traps in 2-5 s on 8 MiB, and bin/wasm's run of it ends 0.6-5 s later than
 * without it. Counting every level, passed as an argument so that inlined calls keep it in a register, trapped in
 * 0.9 s, but fib's steady runs took 0.19-0.57 s in five JVMs against 0.16-0.18 s. A call from the host saves the
 * depth and restores it when the call returns or throws, so exceptions need no bookkeeping on the way out.
 */
public final class CallDepth {
    /**
     * Nested Wasm calls allowed: above V8's (some 14,000 calls of a small function in node 20), and what the
     * launcher's 64 MiB stack holds interpreted (about 670 bytes per call); compiled calls take far less.
     */
    public static final int LIMIT = 50_000;

    private int depth;

    /** At a Wasm function's entry; traps past the limit. */
    public void enter(Node location) {
        depth++;
        if (CompilerDirectives.injectBranchProbability(CompilerDirectives.SLOWPATH_PROBABILITY, depth > LIMIT)) {
            throw Trap.create(Trap.CALL_STACK_EXHAUSTED, location);
        }
    }

    /** At a Wasm function's normal exit. */
    public void exit() {
        depth--;
    }

    /** The depth before a call from the host, for {@link #restore} once it returns or throws. */
    public int save() {
        return depth;
    }

    public void restore(int saved) {
        depth = saved;
    }
}
