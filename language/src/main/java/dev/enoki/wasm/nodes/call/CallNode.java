package dev.enoki.wasm.nodes.call;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.DirectCallNode;
import dev.enoki.wasm.module.FuncType;
import dev.enoki.wasm.nodes.ExpressionNode;
import dev.enoki.wasm.nodes.FunctionFrame;
import dev.enoki.wasm.runtime.ModuleCode;

import java.util.concurrent.locks.Lock;

/**
 * A direct call of a function defined in the same module: the callee runs in the caller's instance, and its call
 * target is the same for every instance, so one {@link DirectCallNode} serves all. It is created on the first
 * execution, so that building the caller does not force building the callee. A small function's only call of itself
 * calls its next recursion copy ({@link ModuleCode#RECURSION_COPIES}).
 */
public final class CallNode extends CallSiteNode {
    private final ModuleCode code;
    private final int functionIndex;
    /** Which of the callee's recursion copies this site calls: set by the builder before the caller runs. */
    private int calleeCopy;
    @Child private DirectCallNode call;
    /** Calls made here, in the interpreter or from compiled code through the boundary, up to {@link #WARM_CALLS}. */
    private int calls;
    /** Whether {@link #WARM_CALLS} calls were made here: code compiled from then on makes the call itself. */
    @CompilationFinal private boolean warm;
    /**
     * Calls after which a site is compiled as a call that Graal may inline. A site that made fewer is on a path that
     * runs a few times a run, such as the printf after sieve's loops: inlined, printf's code (two copies of its
     * 3,252-node core) was three quarters of the 58 KB that the code of the loop compiled on the stack came to, and
     * the second run waited 2.2-3.1 s for it in the interpreter. Calls through the boundary count too: a site that
     * only compiled code reaches (with every function compiled at its first call, all of them) is then inlined by the
     * next compilation, as before, instead of each site throwing the code away in turn after {@link #COLD_CALLS}.
     */
    static final int WARM_CALLS = 8;

    public CallNode(ModuleCode code, int functionIndex, FuncType type, ExpressionNode[] arguments, int[] resultSlots, boolean cachesMemory) {
        super(type, arguments, resultSlots, cachesMemory);
        this.code = code;
        this.functionIndex = functionIndex;
    }

    /** Makes this call of the caller itself call the caller's recursion copy {@code copy}. */
    public void callRecursionCopy(int copy) {
        calleeCopy = copy;
    }

    @Override
    public int execute(VirtualFrame frame) {
        Object[] values = evaluateArguments(frame);
        values[0] = FunctionFrame.instance(frame);
        Object result;
        if (warm) {
            result = call.call(values);
        } else if (CompilerDirectives.inInterpreter()) {
            DirectCallNode direct = callNode();
            counted();
            result = direct.call(values);
        } else if (coldCalls < COLD_CALLS) {
            result = callFromColdSite(values);
        } else {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            DirectCallNode direct = callNode();
            warm = true;
            result = direct.call(values);
        }
        afterCall(frame, result);
        return FALL_THROUGH;
    }

    /**
     * A call that compiled code makes at a site that was not warm when it was compiled ({@link #WARM_CALLS}), such as a
     * call in a loop's exit path, compiled on the stack before the loop was ever left: it calls from outside the
     * compiled code, which goes on. Deoptimizing there, to create the call node, threw the compiled loop away as it
     * finished, and it was compiled again the next time it ran. Exceptions (a trap, {@code proc_exit}) pass without
     * deoptimizing either. A site that turns out to be hot deoptimizes after {@link #COLD_CALLS}, and the code is
     * compiled again with the call in it.
     */
    @TruffleBoundary(transferToInterpreterOnException = false)
    private Object callFromColdSite(Object[] values) {
        coldCalls++;
        DirectCallNode direct = callNode();
        counted();
        return direct.call(values);
    }

    /**
     * Counts a call the compiled code did not make itself, once the call node exists (a site is warm only with one),
     * and before the call: a recursion that never returns (a runaway one, which ends in a trap) must warm the site up
     * too. Code compiled before calls through the boundary until {@link #COLD_CALLS} and deoptimizes, and the
     * interpreter resumes where Graal's frame state says, which may be before the
     * {@link CompilerDirectives#inInterpreter()} test: there the site must be warm already, or each recompilation takes
     * the same deoptimization again (a cycle Graal reports; seen with call_indirect sites counted after the call). No
     * compiled code is thrown away when the site warms up.
     */
    private void counted() {
        if (++calls >= WARM_CALLS) {
            warm = true;
        }
    }

    private DirectCallNode callNode() {
        DirectCallNode direct = call;
        if (direct == null) {
            Lock lock = getLock();
            lock.lock();
            try {
                direct = call;
                if (direct == null) {
                    direct = insert(DirectCallNode.create(code.callTarget(functionIndex, calleeCopy)));
                    call = direct;
                }
            } finally {
                lock.unlock();
            }
        }
        return direct;
    }
}
