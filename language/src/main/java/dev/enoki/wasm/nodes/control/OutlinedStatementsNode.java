package dev.enoki.wasm.nodes.control;

import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.TruffleLogger;
import com.oracle.truffle.api.frame.FrameDescriptor;
import com.oracle.truffle.api.frame.MaterializedFrame;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import com.oracle.truffle.api.nodes.IndirectCallNode;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.nodes.NodeUtil;
import com.oracle.truffle.api.nodes.RootNode;
import dev.enoki.wasm.nodes.FunctionRootNode;
import dev.enoki.wasm.nodes.StatementNode;

import java.util.Arrays;

/**
 * A stretch of a huge function's code run as a call target of its own, on the function's frame. Graal compiles it
 * separately and never inlines it back (the call is indirect), so however large the function, one compilation unit
 * holds one stretch, not the whole function; a function of tens of thousands of instructions otherwise takes many
 * seconds to compile each time it is (re)compiled. The price is a call per execution and a frame that lives on the heap
 * (the stretch reads and writes the caller's locals through it), paid only by functions past the size threshold.
 *
 * <p>A small stretch that turns out hot runs in its caller's code instead, as a copy ({@link #runInCaller}): in
 * sqlite's bytecode engine, seven stretches of 99-340 nodes took 82 million of the 102 million stretch calls of a
 * run. What the copies add to one compilation unit is bounded by its {@link InliningBudget}.
 */
public final class OutlinedStatementsNode extends StatementNode {
    private final TruffleLanguage<?> language;
    private final String functionName;
    /** Until the first execution; then owned by the outlined root node. */
    private StatementSequenceNode statements;
    private static final int MAX_SEEN_RESULTS = 4;

    @CompilationFinal private CallTarget target;
    @CompilationFinal(dimensions = 1) private int[] seenResults = new int[0];
    @Child private IndirectCallNode call = IndirectCallNode.create();
    /** The stretch's code, copied here once it runs in its caller's code; null while it is called. */
    @Child private StatementSequenceNode inCaller;
    /** Calls made in the interpreter, up to {@link #HOT_CALLS}. */
    private int interpretedCalls;
    /**
     * Interpreted calls after which a stretch counts as hot. Hot stretches are called from loops, which run compiled
     * code after some thousand iterations: a stretch must be seen hot before then to be part of that code.
     */
    private static final int HOT_CALLS = 500;
    /** Nodes up to which a hot stretch runs in its caller's code: a stretch's own call costs much more than its code. */
    private static final int SMALL_NODES = 400;
    /** Where each hot stretch runs, and why: {@code --log.wasm.stretches.level=FINE}. */
    private static final TruffleLogger LOG = TruffleLogger.getLogger("wasm", "stretches");

    public OutlinedStatementsNode(TruffleLanguage<?> language, String functionName, StatementNode[] statements) {
        this.language = language;
        this.functionName = functionName;
        this.statements = new StatementSequenceNode(statements);
    }

    @Override
    public int execute(VirtualFrame frame) {
        if (inCaller != null) {
            return inCaller.execute(frame);
        }
        if (target == null) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            createTarget();
        }
        if (CompilerDirectives.inInterpreter() && interpretedCalls < HOT_CALLS && ++interpretedCalls == HOT_CALLS) {
            runInCaller();
        }
        return constantIfSeen((Integer) call.call(target, frame.materialize()));
    }

    /**
     * From the next execution on, runs a copy of the stretch's code here, in the caller's code, if the stretch is small
     * and the caller's compilation unit still has room for it. The caller's compiled code, if any, is thrown away.
     */
    @TruffleBoundary
    private synchronized void runInCaller() {
        StatementSequenceNode code = ((OutlinedRootNode) ((RootCallTarget) target).getRootNode()).statements;
        int size = NodeUtil.countNodes(code);
        String outcome = copyIntoCaller(code, size);
        LOG.fine(() -> functionName + ": a stretch of " + size + " nodes, called " + HOT_CALLS + " times, " + outcome);
    }

    private String copyIntoCaller(StatementSequenceNode code, int size) {
        if (size > SMALL_NODES) {
            return "stays a call: more than " + SMALL_NODES + " nodes";
        }
        InliningBudget budget = switch (getRootNode()) {
            case OutlinedRootNode stretch -> stretch.budget;
            case FunctionRootNode function -> function.inliningBudget();
            default -> null;
        };
        if (inCaller != null || budget == null || !budget.take(size)) {
            return "stays a call: its caller's budget is spent";
        }
        inCaller = insert(NodeUtil.cloneNode(code));
        reportReplace(this, this, "hot stretch runs in its caller's code");
        return "runs in its caller's code";
    }

    /** A copy calls the same stretch: its call target is built first, so that the two do not each adopt its code. */
    @Override
    public Node copy() {
        createTarget();
        return super.copy();
    }

    /**
     * The branch depth the stretch returned, as a compilation constant when it is one already seen: the enclosing
     * {@link NestedBlocksNode} then jumps to the segment it names directly, where a value it cannot see would make it
     * test the depth against every segment. A stretch usually ends in one or two ways (a break, a fall-through).
     */
    @ExplodeLoop
    private int constantIfSeen(int result) {
        for (int depth : seenResults) {
            if (result == depth) {
                return depth;
            }
        }
        if (seenResults.length < MAX_SEEN_RESULTS) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            seenResults = Arrays.copyOf(seenResults, seenResults.length + 1);
            seenResults[seenResults.length - 1] = result;
        }
        return result;
    }

    /** Built on first use: most stretches of a huge function never run. */
    private synchronized void createTarget() {
        if (target == null) {
            target = new OutlinedRootNode(language, functionName, statements).getCallTarget();
            statements = null;
        }
    }

    private static final class OutlinedRootNode extends RootNode {
        private final String functionName;
        @Child private StatementSequenceNode statements;
        private final InliningBudget budget = new InliningBudget();

        OutlinedRootNode(TruffleLanguage<?> language, String functionName, StatementSequenceNode statements) {
            // The stretch runs on the function's frame, its argument, and never uses one of its own: an empty
            // descriptor spares each interpreted call the allocation of a frame of the function's size. A loop in the
            // stretch compiled on the stack (OSR) takes its frame's layout from the function's frame, not from here.
            super(language, new FrameDescriptor());
            this.functionName = functionName;
            this.statements = statements;
        }

        @Override
        public Object execute(VirtualFrame frame) {
            return statements.execute((MaterializedFrame) frame.getArguments()[0]);
        }

        /** Not a Wasm function: left out of guest stack traces, which show the function it belongs to. */
        @Override
        public boolean isInternal() {
            return true;
        }

        @Override
        public String getName() {
            return functionName;
        }

        @Override
        public String toString() {
            return "part of " + functionName;
        }
    }
}
