package dev.enoki.wasm.nodes;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.frame.FrameDescriptor;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import com.oracle.truffle.api.nodes.NodeUtil;
import com.oracle.truffle.api.nodes.RootNode;
import com.oracle.truffle.api.source.SourceSection;
import dev.enoki.wasm.WasmLanguage;
import dev.enoki.wasm.module.FuncType;
import dev.enoki.wasm.module.ValueType;
import dev.enoki.wasm.nodes.control.InliningBudget;
import dev.enoki.wasm.nodes.control.RegionNode;
import dev.enoki.wasm.runtime.CallDepth;
import dev.enoki.wasm.runtime.WasmInstance;
import dev.enoki.wasm.runtime.WasmNull;

/**
 * The root of one Wasm function, shared by every instance of its module. The frame holds the instance, memory 0 where
 * the function loads or stores, then the locals ({@link FunctionFrame}): parameters come unboxed from the call's
 * arguments, other numeric locals start at zero, reference locals as null. Results are read from the result slots the
 * body's block and return statements wrote.
 */
public final class FunctionRootNode extends RootNode {
    private final String name;
    private final SourceSection sourceSection;
    @CompilationFinal(dimensions = 1) private final ValueType[] localTypes;
    private final int paramCount;
    @CompilationFinal(dimensions = 1) private final int[] resultSlots;
    @CompilationFinal(dimensions = 1) private final ValueType[] resultTypes;
    private final boolean cachesMemory;
    @Child private RegionNode body;
    /** What the hot stretches of a huge function may add to this root's code; made when the first one asks. */
    private InliningBudget inliningBudget;

    public FunctionRootNode(WasmLanguage language, FrameDescriptor frameDescriptor, String name, SourceSection sourceSection, ValueType[] localTypes, FuncType type, int[] resultSlots,
                    boolean cachesMemory, StatementNode[] body) {
        super(language, frameDescriptor);
        this.name = name;
        this.sourceSection = sourceSection;
        this.localTypes = localTypes;
        this.paramCount = type.paramCount();
        this.resultSlots = resultSlots;
        this.resultTypes = type.results();
        this.cachesMemory = cachesMemory;
        this.body = RegionNode.functionBody(body);
    }

    public synchronized InliningBudget inliningBudget() {
        if (inliningBudget == null) {
            inliningBudget = new InliningBudget();
        }
        return inliningBudget;
    }

    /** Below this many calls, a function whose loop asked for compiled code is left to its loops' compiled code. */
    static final int FEW_CALLS = 10;
    /**
     * A first-tier compilation is declined until the function has done, in the interpreter, this much work (calls and
     * loop iterations) per AST node of its own: compiling costs about the same per node whatever the function does.
     */
    static final int WORK_PER_NODE = 2;
    /**
     * Calls that started in the interpreter, up to {@link #FEW_CALLS}: counted there only, and no more writes once the
     * count is reached (a lost update across threads is harmless).
     */
    private int interpretedCalls;
    /** Calls and loop iterations run in the interpreter (a lost update across threads is harmless). */
    private long interpretedWork;
    /** The AST's node count, taken at the first compilation request. */
    private int nodeCount = -1;
    private volatile boolean loopGoesCompiled;

    /**
     * Called once a loop of this function ran long enough to ask for its compiled (on-stack replacement) code. Not
     * once that code ran: it may take a run or two of a program to be compiled, and this function's own first-tier
     * compilation, requested meanwhile, would otherwise start first.
     */
    public void loopGoesCompiled() {
        loopGoesCompiled = true;
    }

    /** Whether the interpreter has seen fewer than {@link #FEW_CALLS} calls of this function. */
    public boolean calledFewTimes() {
        return interpretedCalls < FEW_CALLS;
    }

    /** Called by a loop of this function as it is left in the interpreter. */
    public void ranInterpretedIterations(int iterations) {
        interpretedWork += iterations;
    }

    /**
     * Declines a first-tier compilation in two cases.
     * <ul>
     * <li>A function called only a few times whose loop runs (or soon runs) compiled, such as a program's
     * {@code _start} or {@code main}. Its next calls would run whole in first-tier code, which neither inlines nor
     * enters the loops' compiled code, until a later call moves on to the last tier: each such run of matmul took 2-4x
     * its steady time. Left interpreted, such a function enters its loops' compiled code at once, and that code is
     * last-tier code. A function called more often is compiled as usual.</li>
     * <li>A large function that has done little work, such as libc's printf core: Truffle's threshold counts calls
     * and loop iterations whatever the function's size, so a program that prints a line per run had its 5 500-node
     * printf compiled in its second run, 1.3-3 s of compilation on the second of two cores, which slowed the program
     * itself by a third meanwhile.</li>
     * </ul>
     */
    @Override
    protected boolean prepareForCompilation(boolean rootCompilation, int compilationTier, boolean lastTier) {
        if (rootCompilation && !lastTier) {
            if (loopGoesCompiled && calledFewTimes()) {
                return false;
            }
            if (nodeCount < 0) {
                nodeCount = NodeUtil.countNodes(this);
            }
            if (interpretedWork < (long) nodeCount * WORK_PER_NODE) {
                return false;
            }
        }
        return super.prepareForCompilation(rootCompilation, compilationTier, lastTier);
    }

    @Override
    public Object execute(VirtualFrame frame) {
        if (CompilerDirectives.inInterpreter()) {
            interpretedWork++;
            if (interpretedCalls < FEW_CALLS) {
                interpretedCalls++;
            }
        }
        // Only frames of their own count: a call inlined into its caller's compiled code adds little to the stack, and
        // counting it too made fib's steady runs 2.5x slower (0.16 -> 0.40-0.50 s). Inlined, the depth is not even read:
        // reading it kept a load and a null check of the instance per inlined call.
        boolean counted = CompilerDirectives.inInterpreter() || CompilerDirectives.inCompilationRoot();
        CallDepth depth = null;
        if (counted) {
            depth = CompilerDirectives.castExact(frame.getArguments()[0], WasmInstance.class).callDepth();
            depth.enter(this);
        }
        enterLocals(frame);
        if (cachesMemory) {
            FunctionFrame.cacheMemory(frame);
        }
        body.execute(frame);
        if (counted) {
            depth.exit();
        }
        return results(frame);
    }

    /** Arguments are the instance, then the parameters (see {@link FunctionFrame}). */
    @ExplodeLoop
    private void enterLocals(VirtualFrame frame) {
        Object[] arguments = frame.getArguments();
        frame.setObjectStatic(FunctionFrame.INSTANCE_SLOT, arguments[0]);
        for (int i = 0; i < paramCount; i++) {
            int slot = FunctionFrame.localSlot(i);
            switch (localTypes[i]) {
                case I32 -> frame.setIntStatic(slot, (Integer) arguments[i + 1]);
                case I64 -> frame.setLongStatic(slot, (Long) arguments[i + 1]);
                case F32 -> frame.setFloatStatic(slot, (Float) arguments[i + 1]);
                case F64 -> frame.setDoubleStatic(slot, (Double) arguments[i + 1]);
                default -> frame.setObjectStatic(slot, arguments[i + 1]);
            }
        }
        for (int i = paramCount; i < localTypes.length; i++) {
            int slot = FunctionFrame.localSlot(i);
            switch (localTypes[i]) {
                case I32 -> frame.setIntStatic(slot, 0);
                case I64 -> frame.setLongStatic(slot, 0L);
                case F32 -> frame.setFloatStatic(slot, 0f);
                case F64 -> frame.setDoubleStatic(slot, 0d);
                default -> frame.setObjectStatic(slot, WasmNull.INSTANCE);
            }
        }
    }

    @ExplodeLoop
    private Object results(VirtualFrame frame) {
        if (resultSlots.length == 0) {
            return WasmNull.INSTANCE;
        }
        if (resultSlots.length == 1) {
            return read(frame, resultSlots[0], resultTypes[0]);
        }
        Object[] values = new Object[resultSlots.length];
        for (int i = 0; i < resultSlots.length; i++) {
            values[i] = read(frame, resultSlots[i], resultTypes[i]);
        }
        return values;
    }

    private static Object read(VirtualFrame frame, int slot, ValueType type) {
        return switch (type) {
            case I32 -> frame.getIntStatic(slot);
            case I64 -> frame.getLongStatic(slot);
            case F32 -> frame.getFloatStatic(slot);
            case F64 -> frame.getDoubleStatic(slot);
            default -> frame.getObjectStatic(slot);
        };
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public SourceSection getSourceSection() {
        return sourceSection;
    }

    @Override
    public String toString() {
        return "wasm:" + name;
    }
}
