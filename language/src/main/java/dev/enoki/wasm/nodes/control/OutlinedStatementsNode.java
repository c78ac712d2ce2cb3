package dev.enoki.wasm.nodes.control;

import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import com.oracle.truffle.api.nodes.IndirectCallNode;
import com.oracle.truffle.api.nodes.RootNode;
import dev.enoki.wasm.module.ValueType;
import dev.enoki.wasm.nodes.SlotUser;
import dev.enoki.wasm.nodes.StatementNode;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Map;

/**
 * A stretch of a huge function's code run as a call target of its own. Graal compiles it separately and never inlines
 * it back (the call is indirect), so however large the function, one compilation unit holds one stretch, not the
 * whole function; a function of tens of thousands of instructions otherwise takes many seconds to compile each time it
 * is (re)compiled. The price, paid only by functions past the size threshold, is a call per execution, and the values
 * of the slots the stretch uses copied to the call's {@link SharedLocals} and back: in, every slot it reads or writes
 * (one it writes on some paths only keeps its value on the others); out, every slot it writes.
 */
public final class OutlinedStatementsNode extends StatementNode implements SlotUser {
    private final TruffleLanguage<?> language;
    private final String functionName;
    /** Until the first execution; then owned by the outlined root node. */
    private StatementSequenceNode statements;
    private static final int MAX_SEEN_RESULTS = 4;
    /** The frame slot of the function's {@link SharedLocals}. */
    private final int sharedSlot;
    private final BitSet slotsIn;
    private final BitSet slotsOut;
    private final SlotTransfer in;
    private final SlotTransfer out;

    @CompilationFinal private CallTarget target;
    @CompilationFinal(dimensions = 1) private int[] seenResults = new int[0];
    @Child private IndirectCallNode call = IndirectCallNode.create();

    /**
     * @param slotsIn the slots whose values the stretch takes from the code around it, each with its type (a
     *            non-numeric one for a slot that holds an object)
     * @param slotsOut the slots whose values it gives back
     */
    public OutlinedStatementsNode(TruffleLanguage<?> language, String functionName, StatementNode[] statements, int sharedSlot,
                    Map<Integer, ValueType> slotsIn, Map<Integer, ValueType> slotsOut) {
        this.language = language;
        this.functionName = functionName;
        this.statements = new StatementSequenceNode(statements);
        this.sharedSlot = sharedSlot;
        this.slotsIn = bits(slotsIn);
        this.slotsOut = bits(slotsOut);
        this.in = new SlotTransfer(slotsIn);
        this.out = new SlotTransfer(slotsOut);
    }

    private static BitSet bits(Map<Integer, ValueType> slots) {
        BitSet bits = new BitSet();
        slots.keySet().forEach(bits::set);
        return bits;
    }

    /** An enclosing stretch passes on what this one takes and gives back. */
    @Override
    public void addSlots(BitSet reads, BitSet writes) {
        reads.or(slotsIn);
        writes.or(slotsOut);
    }

    @Override
    public int execute(VirtualFrame frame) {
        if (target == null) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            createTarget();
        }
        SharedLocals shared = CompilerDirectives.castExact(frame.getObjectStatic(sharedSlot), SharedLocals.class);
        in.toShared(frame, shared);
        int result = (Integer) call.call(target, shared);
        out.fromShared(shared, frame);
        return constantIfSeen(result);
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

    /**
     * Built on first use, when the enclosing root exists: the outlined root takes its frame descriptor, so that a loop
     * inside the stretch finds the frame layout it expects when Truffle compiles it on the stack (OSR).
     */
    private synchronized void createTarget() {
        if (target == null) {
            target = new OutlinedRootNode(language, getRootNode(), functionName, statements, sharedSlot, in, out).getCallTarget();
            statements = null;
        }
    }

    /** Runs the stretch on a frame of its own, laid out as its function's. */
    private static final class OutlinedRootNode extends RootNode {
        private final String functionName;
        @Child private StatementSequenceNode statements;
        private final int sharedSlot;
        private final SlotTransfer in;
        private final SlotTransfer out;

        OutlinedRootNode(TruffleLanguage<?> language, RootNode function, String functionName, StatementSequenceNode statements,
                        int sharedSlot, SlotTransfer in, SlotTransfer out) {
            super(language, function.getFrameDescriptor());
            this.functionName = functionName;
            this.statements = statements;
            this.sharedSlot = sharedSlot;
            this.in = in;
            this.out = out;
        }

        @Override
        public Object execute(VirtualFrame frame) {
            SharedLocals shared = CompilerDirectives.castExact(frame.getArguments()[0], SharedLocals.class);
            // For the stretches nested in this one.
            frame.setObjectStatic(sharedSlot, shared);
            in.fromShared(shared, frame);
            int result = statements.execute(frame);
            out.toShared(frame, shared);
            return result;
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
