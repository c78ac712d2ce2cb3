package dev.enoki.wasm.nodes.control;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;

/**
 * How often a br_if's condition was true and false while interpreted, given to the compiler as a branch probability.
 * Unlike Truffle's condition profiles it never deoptimizes when compiled code takes a branch the interpreter has not
 * seen. For br_if that case is the rule: it is how loops end, and on-stack replacement compiles a loop while it runs,
 * before its exit was ever taken; a deoptimizing profile throws the compiled loop away at its first exit, and the loop
 * then runs interpreted until it is compiled again, once per loop of every loop nest. (if keeps Truffle's profile: its
 * arms hold code, and leaving an arm never run out of the compilation keeps compiled code small.) The counts are read
 * as constants when compiled and keep counting in the interpreter without invalidating code.
 */
final class ConditionCounter {
    /** The probability given to a branch never seen: unlikely, still compiled. */
    private static final double UNSEEN = 0.0001;
    private static final int SATURATED = Integer.MAX_VALUE / 2;

    @CompilationFinal private int trueCount;
    @CompilationFinal private int falseCount;

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
        return CompilerDirectives.injectBranchProbability(probabilityOfTrue(), value);
    }

    private double probabilityOfTrue() {
        int t = trueCount;
        int f = falseCount;
        double p = t + f == 0 ? 0.5 : (double) t / (t + f);
        return Math.min(Math.max(p, UNSEEN), 1 - UNSEEN);
    }
}
