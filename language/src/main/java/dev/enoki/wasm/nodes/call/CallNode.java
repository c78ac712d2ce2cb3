package dev.enoki.wasm.nodes.call;

import com.oracle.truffle.api.CompilerDirectives;
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
        if (warm()) {
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
            warmUp();
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
