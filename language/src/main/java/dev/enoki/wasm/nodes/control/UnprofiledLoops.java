package dev.enoki.wasm.nodes.control;

import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;

/**
 * How many more times one function's compiled code may be thrown away because it reached a loop that had never run
 * in the interpreter ({@link LoopBlockNode#execute}). Each time costs a compilation, and a program that keeps
 * reaching new loops in compiled code, such as a bytecode interpreter's handlers, would otherwise be compiled again
 * for each; once the budget is spent, such loops are compiled as they are, without a profile.
 */
public final class UnprofiledLoops {
    /** One was all sieve needed: the interpreter then runs the rest of that call, every later loop of it included. */
    static final int THROW_AWAYS = 3;

    /** Read as a constant when compiled; code compiled before it ran out throws itself away once more at most. */
    @CompilationFinal private int left = THROW_AWAYS;

    boolean mayThrowAway() {
        return left > 0;
    }

    /**
     * In compiled code, just before it throws itself away (a lost update across threads costs one compilation more). A
     * call, not inlined: the interpreter resumes after it. Inlined, the field write was undone, apparently because the
     * interpreter resumed before it: each time the budget stayed whole (late-loops.wat's five throw-aways).
     */
    @TruffleBoundary
    void threwAway() {
        if (left > 0) {
            left--;
        }
    }
}
