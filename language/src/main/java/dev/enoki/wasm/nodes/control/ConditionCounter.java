package dev.enoki.wasm.nodes.control;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;

/**
 * How often a condition was true and false while interpreted, given to the compiler as a branch probability. The
 * counts are read as constants when compiled and keep counting in the interpreter without invalidating code.
 *
 * <p>What compiled code does with a direction the interpreter has not seen depends on the branch:
 * <ul>
 * <li>{@link #ofLoopTest()}: a br_if or an if that continues or leaves its loop. The direction is compiled as unlikely,
 * never deoptimized: that case is the rule there, as it is how loops end, and on-stack replacement compiles a loop
 * while it runs, before its exit was ever taken. A deoptimizing profile throws the compiled loop away at its first
 * exit, and the loop then runs interpreted until it is compiled again, once per loop of every loop nest.</li>
 * <li>{@link #ofArms()}: other ifs and br_ifs. An arm never run is left out of compiled code, which deoptimizes if it
 * is taken (as Truffle's counting condition profile does): its code stays out of the compilation, which keeps it
 * small. C compilers emit most error and corner-case paths as br_ifs out of blocks; compiled as unlikely, with the
 * rest, they nearly tripled a function's code: sqlite's func1019 (697 instructions, 35 br_ifs) went from 1,615 graph
 * nodes and 16.4 KB to 732 nodes and 5.9 KB when they deoptimized (GraalWasm, which does the same: 646-714 and
 * 5.8 KB). Not when the branch itself never ran: then both directions are compiled, at even odds. Code reached for
 * the first time in compiled code is mostly code after a loop compiled on the stack, and its first if threw that
 * compiled loop away as it ended; the next run of the program compiled it again, which made sieve's second run
 * 3.0-4.7 s instead of 1.2 s.</li>
 * </ul>
 */
final class ConditionCounter {
    /** The probability given to a branch never seen: unlikely, still compiled. */
    private static final double UNSEEN = 0.0001;
    private static final int SATURATED = Integer.MAX_VALUE / 2;

    @CompilationFinal private int trueCount;
    @CompilationFinal private int falseCount;
    private final boolean deoptimizeUnseen;

    private ConditionCounter(boolean deoptimizeUnseen) {
        this.deoptimizeUnseen = deoptimizeUnseen;
    }

    static ConditionCounter ofLoopTest() {
        return new ConditionCounter(false);
    }

    static ConditionCounter ofArms() {
        return new ConditionCounter(true);
    }

    boolean profile(boolean value) {
        if (CompilerDirectives.inInterpreter()) {
            if (value) {
                if (trueCount < SATURATED) {
                    trueCount++;
                }
            } else if (falseCount < SATURATED) {
                falseCount++;
            }
            return value;
        }
        if (deoptimizeUnseen && trueCount + falseCount > 0 && (value ? trueCount : falseCount) == 0) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            return value;
        }
        return CompilerDirectives.injectBranchProbability(probabilityOfTrue(), value);
    }

    private double probabilityOfTrue() {
        int t = trueCount;
        int f = falseCount;
        double p = t + f == 0 ? 0.5 : (double) t / (t + f);
        return Math.min(Math.max(p, UNSEEN), 1 - UNSEEN);
    }
}
