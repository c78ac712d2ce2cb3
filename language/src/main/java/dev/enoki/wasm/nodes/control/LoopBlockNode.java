package dev.enoki.wasm.nodes.control;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.BytecodeOSRNode;
import com.oracle.truffle.api.nodes.LoopNode;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.nodes.RootNode;
import dev.enoki.wasm.nodes.FunctionRootNode;
import dev.enoki.wasm.nodes.StatementNode;

/**
 * A Wasm loop. Its body is a {@link RegionNode} whose branches to the loop's label jump back to its start, so compiled
 * code has a plain loop; a loop that runs long in the interpreter moves on to compiled code at a back edge
 * (on-stack replacement, {@link BytecodeOSRNode}), and the rest of that execution of the loop runs there.
 */
public final class LoopBlockNode extends StatementNode implements BytecodeOSRNode {
    @Child private RegionNode body;
    @CompilationFinal private Object osrMetadata;
    /** The slots the loop clears at its start, and those its compiled code takes from the interpreter by type. */
    private final LoopSlots slots;

    /** Whether this loop has run in the interpreter, so that the counts of its branches say how it runs. */
    @CompilationFinal private boolean ranInterpreted;
    private final UnprofiledLoops unprofiledLoops;

    /** @param unprofiledLoops its function's, shared by all the function's loops */
    public LoopBlockNode(StatementNode[] body, LoopSlots slots, UnprofiledLoops unprofiledLoops) {
        this.body = RegionNode.loopBody(body);
        this.slots = slots;
        this.unprofiledLoops = unprofiledLoops;
    }

    void clearDeadSlots(VirtualFrame frame) {
        slots.clearDead(frame);
    }

    /** Whether this loop ran compiled code before: an interpreted entry then goes there at once. */
    private boolean compiledBefore;
    /** Whether this loop reached Truffle's threshold for on-stack replacement, and so asked for compiled code. */
    @CompilationFinal private boolean askedForCompiledCode;
    private RootNode root;
    /** Back edges taken in the interpreter since the loop was entered, reported to Truffle when it is left. */
    int interpretedIterations;
    /** Back edges the interpreter takes before this loop polls for on-stack replacement (see RegionNode.backEdge). */
    private static final int BACK_EDGES_BEFORE_POLLING = 256;
    /** Back edges taken in the interpreter in all, up to {@link #BACK_EDGES_BEFORE_POLLING}. */
    private int backEdgesInAll;

    /**
     * Counts one interpreted back edge; whether the loop has run long enough to poll for compiled code: 256 iterations
     * in this execution, or in all when its function is called only a few times. A short loop in a function called
     * often is better compiled with that function (qsort's partition loops: each entry to compiled loop code copies the
     * frame in and out); in a function called a few times, such as {@code main}, the function's own compilation is
     * declined, and its short loops would stay interpreted.
     */
    boolean ranLongEnoughToAskForCompiledCode() {
        if (interpretedIterations >= BACK_EDGES_BEFORE_POLLING) {
            return true;
        }
        if (backEdgesInAll < BACK_EDGES_BEFORE_POLLING) {
            backEdgesInAll++;
            return false;
        }
        return function() instanceof FunctionRootNode f && f.calledFewTimes();
    }

    /**
     * Compiled code that reaches a loop that never ran in the interpreter throws itself away and goes on in the
     * interpreter, which profiles the loop; the code is compiled again with that profile. Compiled without one, a
     * loop's branches are even odds and its exits rare, and its code is that of a cold path. Such loops are mostly
     * those after or inside the way out of a loop compiled on the stack: clang turns sieve's five rounds into one
     * loop whose exit runs rounds 2 to 5, and their loops, compiled as part of round 1's, took 0.69 s a run against
     * 0.49 s once profiled. The interpreter never ran them before, and would never have: the compiled loop runs them
     * in every later run. Calls and ifs first reached in compiled code leave it in place instead (they run once
     * there, on the way out; see {@link ConditionCounter}): a loop is where a program spends its time.
     */
    @Override
    public int execute(VirtualFrame frame) {
        clearDeadSlots(frame);
        if (CompilerDirectives.inInterpreter()) {
            return executeInterpreted(frame);
        }
        if (!ranInterpreted && unprofiledLoops.mayThrowAway()) {
            // Counted in compiled code: the interpreter it goes back to resumes before this node.
            unprofiledLoops.threwAway();
            CompilerDirectives.transferToInterpreterAndInvalidate();
            return executeInterpreted(frame);
        }
        return body.execute(frame, this, 0);
    }

    /**
     * Enters the loop's compiled code directly when it has some: a loop nested in a loop that runs interpreted would
     * otherwise start each of its executions interpreted, until its back-edge counter next asks for compiled code.
     * The iterations run here count towards compiling the function, as a Truffle loop node's would.
     */
    private int executeInterpreted(VirtualFrame frame) {
        if (!ranInterpreted) {
            ranInterpreted = true;
        }
        if (compiledBefore) {
            Object result = BytecodeOSRNode.tryOSR(this, 0, null, null, frame);
            if (result != null) {
                return (Integer) result;
            }
        }
        interpretedIterations = 0;
        int exit = body.execute(frame, this, 0);
        if (interpretedIterations > 0) {
            LoopNode.reportLoopCount(this, interpretedIterations);
            if (function() instanceof FunctionRootNode f) {
                f.ranInterpretedIterations(interpretedIterations);
            }
        }
        return exit;
    }

    /**
     * Whether first-tier code counts this loop's iterations towards its function's last tier: only a loop that never
     * asked for code of its own does. Counted too, the loops of dispatch and sieve had their on-stack code compiled
     * again as their function's first-tier compilation ran, with no invalidation traced (dispatch's second run 1.4-1.7
     * -> 2.0-2.6 s); the path in Truffle's runtime that drops that code was not found.
     */
    boolean countsInFirstTier() {
        return !askedForCompiledCode;
    }

    /** This loop's root, looked up once (in the interpreter: a lookup walks the parents). */
    private RootNode function() {
        if (root == null) {
            root = getRootNode();
        }
        return root;
    }

    /** Moves on to compiled code at a back edge; its result once the loop was left there, else null. */
    Object enterCompiled(VirtualFrame frame) {
        if (!askedForCompiledCode) {
            askedForCompiledCode = true;
            if (function() instanceof FunctionRootNode f) {
                f.loopGoesCompiled();
            }
        }
        Object result = BytecodeOSRNode.tryOSR(this, 0, null, null, frame);
        if (result != null) {
            compiledBefore = true;
        }
        return result;
    }

    @Override
    public Object executeOSR(VirtualFrame osrFrame, int target, Object interpreterState) {
        // The interpreter cleared these before the transfer, but the OSR code reads the transferred slots as unknown
        // values; clearing them again here makes them constants in the compiled loop.
        clearDeadSlots(osrFrame);
        return body.execute(osrFrame, this, target);
    }

    /** The interpreter's frame, slot by slot, the live slots by their types (see {@link LoopSlots#copyInto}). */
    @Override
    public void copyIntoOSRFrame(VirtualFrame osrFrame, VirtualFrame parentFrame, int target, Object targetMetadata) {
        slots.copyInto(osrFrame, parentFrame);
    }

    /**
     * The loop's compiled code returns to the interpreted function once the loop is left, so what it wrote to the
     * frame is copied back; Truffle's default assumes compiled code runs to the function's end and deoptimizes here.
     */
    @Override
    public void restoreParentFrame(VirtualFrame osrFrame, VirtualFrame parentFrame) {
        slots.copyBack(osrFrame, parentFrame);
    }

    /**
     * A copy (a hot stretch's code copied into its caller, {@link OutlinedStatementsNode}) is a loop of another root:
     * it starts without the original's code compiled on the stack and without its cached root.
     */
    @Override
    public Node copy() {
        LoopBlockNode copy = (LoopBlockNode) super.copy();
        copy.osrMetadata = null;
        copy.root = null;
        copy.compiledBefore = false;
        copy.askedForCompiledCode = false;
        return copy;
    }

    @Override
    public Object getOSRMetadata() {
        return osrMetadata;
    }

    @Override
    public void setOSRMetadata(Object osrMetadata) {
        this.osrMetadata = osrMetadata;
    }
}
