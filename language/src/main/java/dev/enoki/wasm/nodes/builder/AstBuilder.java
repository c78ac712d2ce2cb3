package dev.enoki.wasm.nodes.builder;

import com.oracle.truffle.api.frame.FrameDescriptor;
import com.oracle.truffle.api.frame.FrameSlotKind;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.nodes.NodeUtil;
import dev.enoki.wasm.binary.ByteReader;
import dev.enoki.wasm.binary.InstructionReader;
import dev.enoki.wasm.memory.BoundsCheckedAccess;
import dev.enoki.wasm.module.BlockType;
import dev.enoki.wasm.module.ExternKind;
import dev.enoki.wasm.module.FuncType;
import dev.enoki.wasm.module.FunctionBody;
import dev.enoki.wasm.module.GlobalType;
import dev.enoki.wasm.module.ImmediateKind;
import dev.enoki.wasm.module.Opcode;
import dev.enoki.wasm.module.ValueType;
import dev.enoki.wasm.module.WasmModule;
import dev.enoki.wasm.nodes.DropNode;
import dev.enoki.wasm.nodes.ExpressionNode;
import dev.enoki.wasm.nodes.FunctionFrame;
import dev.enoki.wasm.nodes.FunctionRootNode;
import dev.enoki.wasm.nodes.SelectNode;
import dev.enoki.wasm.nodes.StatementNode;
import dev.enoki.wasm.nodes.call.CallImportNode;
import dev.enoki.wasm.nodes.call.CallIndirectNode;
import dev.enoki.wasm.nodes.call.CallNode;
import dev.enoki.wasm.nodes.control.BlockNode;
import dev.enoki.wasm.nodes.control.BranchIfNode;
import dev.enoki.wasm.nodes.control.BranchNode;
import dev.enoki.wasm.nodes.control.BranchTableNode;
import dev.enoki.wasm.nodes.control.IfNode;
import dev.enoki.wasm.nodes.control.LoopBlockNode;
import dev.enoki.wasm.nodes.control.LoopSlots;
import dev.enoki.wasm.nodes.control.NestedBlocksNode;
import dev.enoki.wasm.nodes.control.OutlinedStatementsNode;
import dev.enoki.wasm.nodes.control.StatementSequenceNode;
import dev.enoki.wasm.nodes.control.UnprofiledLoops;
import dev.enoki.wasm.nodes.control.UnreachableNode;
import dev.enoki.wasm.nodes.memory.DataDropNode;
import dev.enoki.wasm.nodes.memory.LoadNode;
import dev.enoki.wasm.nodes.memory.MemoryCopyNode;
import dev.enoki.wasm.nodes.memory.MemoryFillNode;
import dev.enoki.wasm.nodes.memory.MemoryGrowNode;
import dev.enoki.wasm.nodes.memory.MemoryInitNode;
import dev.enoki.wasm.nodes.memory.MemorySizeNode;
import dev.enoki.wasm.nodes.memory.StoreNode;
import dev.enoki.wasm.nodes.numeric.NumericNodes;
import dev.enoki.wasm.nodes.reference.RefFuncNode;
import dev.enoki.wasm.nodes.reference.RefIsNullNode;
import dev.enoki.wasm.nodes.table.ElemDropNode;
import dev.enoki.wasm.nodes.table.TableCopyNode;
import dev.enoki.wasm.nodes.table.TableFillNode;
import dev.enoki.wasm.nodes.table.TableGetNode;
import dev.enoki.wasm.nodes.table.TableGrowNode;
import dev.enoki.wasm.nodes.table.TableInitNode;
import dev.enoki.wasm.nodes.table.TableSetNode;
import dev.enoki.wasm.nodes.table.TableSizeNode;
import dev.enoki.wasm.nodes.variable.GlobalReadNode;
import dev.enoki.wasm.nodes.variable.GlobalWriteNode;
import dev.enoki.wasm.nodes.variable.SlotWriteNode;
import dev.enoki.wasm.runtime.ModuleCode;
import dev.enoki.wasm.runtime.WasmNull;
import dev.enoki.wasm.WasmLanguage;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one validated function body into a Truffle AST by walking the stack code once and simulating the operand
 * stack with nodes instead of values (see DESIGN.md). Expressions stay pending on the simulated stack and nest into
 * the nodes that consume them; instructions with effects become statements. Before a statement is emitted, every
 * pending value whose evaluation it could reorder observably is spilled into a typed temporary slot. Temporaries are
 * keyed by (stack position, type), so block results and branch values meet in the same slots without extra copies.
 */
public final class AstBuilder {
    private static final EnumSet<Opcode> TRAPPING_NUMERIC = EnumSet.of(
                    Opcode.I32_DIV_S, Opcode.I32_DIV_U, Opcode.I32_REM_S, Opcode.I32_REM_U,
                    Opcode.I64_DIV_S, Opcode.I64_DIV_U, Opcode.I64_REM_S, Opcode.I64_REM_U,
                    Opcode.I32_TRUNC_F32_S, Opcode.I32_TRUNC_F32_U, Opcode.I32_TRUNC_F64_S, Opcode.I32_TRUNC_F64_U,
                    Opcode.I64_TRUNC_F32_S, Opcode.I64_TRUNC_F32_U, Opcode.I64_TRUNC_F64_S, Opcode.I64_TRUNC_F64_U);

    /**
     * Code size from which a function counts as huge and its switch cases are compiled apart. Below it, one
     * compilation of the whole function gives the best code: a 70 KB function with a 512-case dispatch loop compiled
     * in ~6 s to code 3-4x faster than with its cases apart. Graal's compile time grows faster than linearly with
     * the size of a unit, and a unit of ~150,000 graph nodes (about 2 per AST node, so ~120 KB of Wasm code) is past
     * what it compiles at all, so a function that big would otherwise stay interpreted.
     *
     * <p>Tests set it lower (system property {@code enoki.hugeFunctionBytes}, with {@code enoki.outlinedMinNodes}
     * for {@link #OUTLINED_MIN_NODES}): run with both at 0, every block nest of the spec scripts has its segments
     * compiled apart, which tests the stretches far beyond what a test of its own would write.
     */
    private static final int HUGE_FUNCTION_BYTES = Integer.getInteger("enoki.hugeFunctionBytes", 96 * 1024);
    /**
     * What a call weighs against {@link #HUGE_FUNCTION_BYTES}, in bytes of other code. A call site compiles to far more
     * machine code than its few bytes of Wasm (the argument array, the results, and a frame state with every slot of the
     * frame), so a function with many calls is too large to compile whole well before its size says so: SQLite's
     * bytecode engine (63 KB of code, 595 calls) failed to install in both tiers, "code is too large", after 17-25 s of
     * compilation each, and stayed interpreted, where a 70 KB switch of 512 small cases with 3 calls compiles whole.
     * Weighed, the first counts as 122 KB and the second as 60 KB; with its cases compiled apart, the sqlite kernel's
     * steady runs went from 20.8-29.6 s to 7.2-7.8 s (GraalWasm 7.2-8.7 s), its first run from 86 s to 43 s.
     */
    private static final int CALL_BYTES = 100;
    /** Nodes from which a switch case of a huge function is worth a call of its own. */
    private static final int OUTLINED_MIN_NODES = Integer.getInteger("enoki.outlinedMinNodes", 50);
    /**
     * Code size up to which a function that calls itself from one site calls another copy of itself (see
     * {@link ModuleCode#RECURSION_COPIES}): the size of a body for which a call's overhead still counts. Only from one
     * site: with two, each level of inlining doubles the code, and qsort's sort (two sites, one taken per iteration)
     * was inlined 30 times into 77 KB of code, 9 s to compile and 3x slower than at Truffle's depth.
     */
    private static final int RECURSION_COPY_MAX_BYTES = 512;

    private final WasmLanguage language;
    private final ModuleCode code;
    private final WasmModule module;
    private final int firstDefinedFunction;
    private final int functionIndex;
    /** Which of the function's recursion copies this is, 0 for its only call target if it has no copies. */
    private final int copy;
    private final boolean small;
    /** The function's calls of itself. */
    private final List<CallNode> selfCalls = new ArrayList<>();
    private final UnprofiledLoops unprofiledLoops = new UnprofiledLoops();
    private final FuncType type;
    private final ValueType[] localTypes;
    private final FrameDescriptor.Builder frame = FrameDescriptor.newBuilder();
    private final OperandStack stack;
    private final List<ControlFrame> controls = new ArrayList<>();
    /** The liveness of the loops open at the current instruction, innermost last. */
    private final List<LoopLiveness> openLoops = new ArrayList<>();
    private final ByteReader in;
    /** Blocks opened inside code being skipped as unreachable. */
    private int deadNesting;
    /** Whether the function is big enough for its switch cases to be compiled separately (see {@link #segment}). */
    private final boolean huge;
    /** Whether the function loads or stores, and so keeps memory 0 in its frame ({@link FunctionFrame#cacheMemory}). */
    private final boolean cachesMemory;

    private AstBuilder(WasmLanguage language, ModuleCode code, int functionIndex, int copy) {
        this.language = language;
        this.code = code;
        this.module = code.module();
        this.firstDefinedFunction = module.importedCount(ExternKind.FUNCTION);
        this.functionIndex = functionIndex;
        this.copy = copy;
        this.type = module.functionType(functionIndex);
        FunctionBody body = module.bodies().get(functionIndex - firstDefinedFunction);
        this.localTypes = new ValueType[type.paramCount() + body.locals().length];
        for (int i = 0; i < type.paramCount(); i++) {
            localTypes[i] = type.param(i);
        }
        System.arraycopy(body.locals(), 0, localTypes, type.paramCount(), body.locals().length);
        // The instance and memory 0's slots, then one slot per local (see FunctionFrame).
        for (int i = 0; i < FunctionFrame.localSlot(localTypes.length); i++) {
            frame.addSlot(FrameSlotKind.Static, null, null);
        }
        this.in = new ByteReader(module.bytes(), body.codeStart(), body.codeEnd());
        CodeShape shape = CodeShape.of(new ByteReader(module.bytes(), body.codeStart(), body.codeEnd()));
        this.cachesMemory = shape.loadsOrStores();
        this.huge = body.codeEnd() - body.codeStart() + (long) shape.calls() * CALL_BYTES >= HUGE_FUNCTION_BYTES;
        this.small = body.codeEnd() - body.codeStart() <= RECURSION_COPY_MAX_BYTES;
        this.stack = new OperandStack(frame, this::emit, !huge);
    }

    /** What the builder needs to know of a body before it walks it: whether it loads or stores, and its calls. */
    private record CodeShape(boolean loadsOrStores, int calls) {
        static CodeShape of(ByteReader code) {
            boolean memory = false;
            int calls = 0;
            while (!code.atEnd()) {
                Opcode op = InstructionReader.readOpcode(code);
                memory |= op.immediate == ImmediateKind.MEMARG;
                if (op == Opcode.CALL || op == Opcode.CALL_INDIRECT) {
                    calls++;
                }
                InstructionReader.skipImmediates(code, op);
            }
            return new CodeShape(memory, calls);
        }
    }

    /**
     * Builds the root node of defined function {@code functionIndex}, shared by all instances of the module: its
     * recursion copy {@code copy} (see {@link ModuleCode#RECURSION_COPIES}), 0 for a function that has none.
     */
    public static FunctionRootNode build(WasmLanguage language, ModuleCode code, int functionIndex, int copy) {
        return new AstBuilder(language, code, functionIndex, copy).buildFunction();
    }

    private FunctionRootNode buildFunction() {
        controls.add(new ControlFrame(null, type, 0));
        BlockNode body = null;
        while (body == null) {
            body = step();
        }
        int[] resultSlots = new int[type.resultCount()];
        for (int i = 0; i < resultSlots.length; i++) {
            resultSlots[i] = stack.temporarySlot(i, type.result(i));
        }
        if (small && selfCalls.size() == 1) {
            selfCalls.get(0).callRecursionCopy(ModuleCode.nextRecursionCopy(copy));
        }
        return new FunctionRootNode(language, frame.build(), module.functionName(functionIndex), code.sourceSection(), localTypes, type, resultSlots, cachesMemory, body.statements());
    }

    // ---- the control stack ----

    private ControlFrame current() {
        return controls.get(controls.size() - 1);
    }

    private void emit(StatementNode statement) {
        current().statements.add(statement);
    }

    // ---- branches and block ends ----

    private BranchNode branchTo(int depth, boolean keepOnStack) {
        int targetIndex = controls.size() - 1 - depth;
        for (LoopLiveness loop : openLoops) {
            loop.branch();
        }
        for (int i = openLoops.size() - 1; i >= 0 && openLoops.get(i).frameIndex > targetIndex; i--) {
            openLoops.get(i).leave();
        }
        ControlFrame target = controls.get(targetIndex);
        List<StatementNode> moves = stack.moveTopTo(target.height, target.labelTypes(), keepOnStack);
        return new BranchNode(moves.toArray(StatementNode[]::new), depth);
    }

    /** Whether a branch to the label {@code depth} out goes back to the innermost open loop or out of it. */
    private boolean continuesOrLeavesInnermostLoop(int depth) {
        return !openLoops.isEmpty() && controls.size() - 1 - depth <= openLoops.get(openLoops.size() - 1).frameIndex;
    }

    private void markUnreachable() {
        ControlFrame c = current();
        c.unreachable = true;
        stack.truncate(c.height);
    }

    /** Falling off the end of a block (or its then-arm) leaves its results in the result slots. */
    private void storeFallThroughResults(ControlFrame c) {
        if (!c.unreachable) {
            current().statements.addAll(stack.moveTopTo(c.height, c.signature.results(), false));
        }
        stack.truncate(c.height);
    }

    // ---- the walk ----

    /** Decodes and translates one instruction; returns the function body when its final end is reached. */
    private BlockNode step() {
        Opcode op = InstructionReader.readOpcode(in);
        if (current().unreachable) {
            return skipUnreachable(op);
        }
        switch (op) {
            case UNREACHABLE -> {
                stack.spillImpure();
                emit(new UnreachableNode());
                markUnreachable();
            }
            case NOP -> {
            }
            case BLOCK, LOOP, IF -> enterBlock(op);
            case ELSE -> enterElse();
            case END -> {
                return exitBlock();
            }
            case BR -> {
                int depth = in.readU32AsInt();
                stack.spillImpure();
                emit(branchTo(depth, false));
                markUnreachable();
            }
            case BR_IF -> {
                int depth = in.readU32AsInt();
                StackEntry condition = stack.pop();
                stack.spillImpure();
                emit(new BranchIfNode(condition.node, branchTo(depth, true), continuesOrLeavesInnermostLoop(depth)));
            }
            case BR_TABLE -> branchTable();
            case RETURN -> {
                stack.spillImpure();
                emit(branchTo(controls.size() - 1, false));
                markUnreachable();
            }
            case CALL -> call(in.readU32AsInt());
            case CALL_INDIRECT -> callIndirect(in.readU32AsInt(), in.readU32AsInt());
            case DROP -> {
                StackEntry e = stack.pop();
                if (!e.pure) {
                    stack.spillImpure();
                    emit(new DropNode(e.type, e.node));
                }
            }
            case SELECT, SELECT_T -> {
                if (op == Opcode.SELECT_T) {
                    InstructionReader.skipImmediates(in, op);
                }
                StackEntry condition = stack.pop();
                StackEntry second = stack.pop();
                StackEntry first = stack.pop();
                stack.pushComputed(new SelectNode(first.node, second.node, condition.node), first.type, true, first, second, condition);
            }
            case LOCAL_GET -> {
                int local = in.readU32AsInt();
                for (LoopLiveness loop : openLoops) {
                    loop.read(local);
                }
                stack.push(StackEntry.local(localTypes[local], local));
            }
            case LOCAL_SET, LOCAL_TEE -> {
                int local = in.readU32AsInt();
                for (LoopLiveness loop : openLoops) {
                    loop.write(local, controls.get(loop.frameIndex) == current());
                }
                StackEntry value = stack.pop();
                stack.orderBefore(value);
                stack.spillReadersOf(local);
                emit(SlotWriteNode.create(localTypes[local], FunctionFrame.localSlot(local), value.node));
                if (op == Opcode.LOCAL_TEE) {
                    stack.push(StackEntry.local(localTypes[local], local));
                }
            }
            case GLOBAL_GET -> {
                int global = in.readU32AsInt();
                GlobalType globalType = module.globalType(global);
                stack.pushComputed(new GlobalReadNode(global), globalType.type(), !globalType.mutable());
            }
            case GLOBAL_SET -> {
                int global = in.readU32AsInt();
                StackEntry value = stack.pop();
                stack.spillImpure();
                emit(new GlobalWriteNode(global, module.globalType(global).type(), value.node));
            }
            case I32_CONST -> stack.push(StackEntry.constantBits(ValueType.I32, in.readS32()));
            case I64_CONST -> stack.push(StackEntry.constantBits(ValueType.I64, in.readS64()));
            case F32_CONST -> stack.push(StackEntry.constantBits(ValueType.F32, in.readFixedInt()));
            case F64_CONST -> stack.push(StackEntry.constantBits(ValueType.F64, in.readFixedLong()));
            case REF_NULL -> stack.push(StackEntry.constantReference(ValueType.fromCode(in.readByte()), WasmNull.INSTANCE));
            case REF_FUNC -> stack.pushComputed(new RefFuncNode(in.readU32AsInt()), ValueType.FUNCREF, true);
            case REF_IS_NULL -> {
                StackEntry value = stack.pop();
                stack.pushComputed(new RefIsNullNode(value.node), ValueType.I32, true, value);
            }
            default -> {
                if (op.immediate == dev.enoki.wasm.module.ImmediateKind.MEMARG) {
                    memoryAccess(op);
                } else if (op.immediate == dev.enoki.wasm.module.ImmediateKind.NONE && op.hasFixedSignature()) {
                    StackEntry[] operands = stack.popN(op.operands().length);
                    stack.pushComputed(NumericNodes.create(op, OperandStack.nodes(operands)), op.results()[0], !TRAPPING_NUMERIC.contains(op), operands);
                } else {
                    tableOrBulkMemory(op);
                }
            }
        }
        return null;
    }

    private BlockNode skipUnreachable(Opcode op) {
        switch (op) {
            case BLOCK, LOOP, IF -> {
                InstructionReader.skipImmediates(in, op);
                deadNesting++;
            }
            case ELSE -> {
                if (deadNesting == 0) {
                    enterElse();
                }
            }
            case END -> {
                if (deadNesting == 0) {
                    return exitBlock();
                }
                deadNesting--;
            }
            default -> InstructionReader.skipImmediates(in, op);
        }
        return null;
    }

    private void enterBlock(Opcode op) {
        FuncType signature = BlockType.resolve(in.readS33(), module.types());
        ExpressionNode condition = op == Opcode.IF ? stack.pop().node : null;
        stack.spillAllButStable();
        int height = stack.size() - signature.paramCount();
        if (op == Opcode.LOOP) {
            // Branches back to the loop deliver its parameters into these slots, so the body reads them from there.
            emitAll(stack.moveTopTo(height, signature.params(), false));
            for (int i = 0; i < signature.paramCount(); i++) {
                stack.set(height + i, stack.temporaryAt(height + i, signature.param(i)));
            }
        }
        ControlFrame c = new ControlFrame(op, signature, height);
        if (op == Opcode.LOOP) {
            c.liveness = new LoopLiveness(controls.size());
            openLoops.add(c.liveness);
        }
        if (op == Opcode.IF) {
            c.condition = condition;
            c.ifParameters = stack.top(height);
            for (LoopLiveness loop : openLoops) {
                loop.branch();
            }
        }
        controls.add(c);
    }

    private void emitAll(List<StatementNode> statements) {
        current().statements.addAll(statements);
    }

    private void enterElse() {
        ControlFrame c = current();
        storeFallThroughResults(c);
        c.thenStatements = c.statements;
        c.statements = new ArrayList<>();
        c.unreachable = false;
        for (StackEntry p : c.ifParameters) {
            stack.push(p.copy());
        }
    }

    private BlockNode exitBlock() {
        ControlFrame c = current();
        if (c.opcode == Opcode.IF && c.thenStatements == null) {
            // An if without else passes its parameters through as results when the condition is false.
            enterElse();
        }
        storeFallThroughResults(c);
        controls.remove(controls.size() - 1);
        StatementNode[] body = c.statements.toArray(StatementNode[]::new);
        if (c.opcode == null) {
            return new BlockNode(body);
        }
        StatementNode node = switch (c.opcode) {
            case LOOP -> loop(c, body);
            case IF -> new IfNode(c.condition, new BlockNode(c.thenStatements.toArray(StatementNode[]::new)), new BlockNode(body));
            default -> NestedBlocksNode.of(body, this::segment);
        };
        emit(node);
        stack.pushResults(c.signature.results());
        return null;
    }

    /**
     * A loop node, with the slots it may clear at its start (its dead locals and the temporaries above its parameters)
     * and those that may hold a value it reads there: its parameters and the locals it accesses that are not dead. The
     * instance slot is left out: no loop writes it, so it is one value throughout the loop's compiled code anyway.
     *
     * <p>A huge function's loops clear nothing. Its frame is shared with its outlined stretches, so it lives on the heap
     * in compiled code: there a cleared slot is a store at every back edge, and saves nothing (sqlite's loops there
     * would clear 2 to 13 slots each).
     */
    private LoopBlockNode loop(ControlFrame loop, StatementNode[] body) {
        openLoops.remove(openLoops.size() - 1);
        int parametersEnd = loop.height + loop.signature.paramCount();
        Map<Integer, ValueType> dead = new HashMap<>();
        if (!huge) {
            dead.putAll(stack.temporarySlotsFrom(parametersEnd));
            loop.liveness.deadLocals().stream().forEach(local -> dead.put(FunctionFrame.localSlot(local), localTypes[local]));
        }
        Map<Integer, ValueType> liveIn = new HashMap<>();
        for (int i = 0; i < loop.signature.paramCount(); i++) {
            liveIn.put(stack.temporarySlot(loop.height + i, loop.signature.param(i)), loop.signature.param(i));
        }
        loop.liveness.liveLocals().stream().forEach(local -> liveIn.put(FunctionFrame.localSlot(local), localTypes[local]));
        if (cachesMemory) {
            liveIn.put(FunctionFrame.MEMORY_BASE_SLOT, ValueType.I64);
            liveIn.put(FunctionFrame.MEMORY_SIZE_SLOT, ValueType.I64);
        }
        return new LoopBlockNode(body, new LoopSlots(dead, liveIn, FunctionFrame.localSlot(localTypes.length) + stack.temporaryCount()), unprofiledLoops);
    }

    /**
     * A segment of a switch-shaped block nest: in a huge function, a case big enough is compiled on its own, which
     * bounds the size of a compilation unit by the size of a case rather than of the whole dispatch loop.
     */
    private StatementNode segment(StatementNode[] statements) {
        if (huge && nodeCount(statements) >= OUTLINED_MIN_NODES) {
            for (StatementNode s : statements) {
                markAccessesOutsideLoops(s);
            }
            return new OutlinedStatementsNode(language, module.functionName(functionIndex), statements);
        }
        return new StatementSequenceNode(statements);
    }

    /** The loads and stores of a stretch about to be compiled apart that no loop of the stretch encloses. */
    private static void markAccessesOutsideLoops(Node node) {
        if (node instanceof BoundsCheckedAccess access) {
            access.notInsideLoop();
        }
        if (!(node instanceof LoopBlockNode)) {
            for (Node child : node.getChildren()) {
                markAccessesOutsideLoops(child);
            }
        }
    }

    private static int nodeCount(StatementNode[] statements) {
        int count = 0;
        for (StatementNode s : statements) {
            count += NodeUtil.countNodes(s);
        }
        return count;
    }

    private void branchTable() {
        int count = in.readU32AsInt();
        int[] depths = new int[count + 1];
        for (int i = 0; i <= count; i++) {
            depths[i] = in.readU32AsInt();
        }
        StackEntry index = stack.pop();
        stack.spillImpure();
        BranchNode[] targets = new BranchNode[depths.length];
        for (int i = 0; i < depths.length; i++) {
            targets[i] = branchTo(depths[i], true);
        }
        emit(new BranchTableNode(index.node, targets));
        markUnreachable();
    }

    private void call(int function) {
        FuncType callee = module.functionType(function);
        StackEntry[] arguments = stack.popN(callee.paramCount());
        stack.spillImpure();
        int[] resultSlots = stack.pushResults(callee.results());
        if (function < firstDefinedFunction) {
            emit(new CallImportNode(function, callee, OperandStack.nodes(arguments), resultSlots, cachesMemory));
        } else {
            CallNode call = new CallNode(code, function, callee, OperandStack.nodes(arguments), resultSlots, cachesMemory);
            if (function == functionIndex) {
                selfCalls.add(call);
            }
            emit(call);
        }
    }

    private void callIndirect(int typeIndex, int table) {
        FuncType signature = module.types().get(typeIndex);
        StackEntry index = stack.pop();
        StackEntry[] arguments = stack.popN(signature.paramCount());
        stack.spillImpure();
        int[] resultSlots = stack.pushResults(signature.results());
        emit(new CallIndirectNode(table, signature, OperandStack.nodes(arguments), index.node, resultSlots, cachesMemory));
    }

    private void memoryAccess(Opcode op) {
        in.readU32(); // alignment: a hint only, checked by the validator
        long offset = in.readU32();
        if (op.isLoad()) {
            StackEntry address = stack.pop();
            stack.pushComputed(new LoadNode(op, offset, !openLoops.isEmpty(), address.node), op.results()[0], false, address);
        } else {
            StackEntry value = stack.pop();
            StackEntry address = stack.pop();
            stack.spillImpure();
            emit(new StoreNode(op, offset, !openLoops.isEmpty(), address.node, value.node));
        }
    }

    private void tableOrBulkMemory(Opcode op) {
        switch (op) {
            case MEMORY_SIZE -> {
                in.readByte();
                stack.pushComputed(new MemorySizeNode(0), ValueType.I32, false);
            }
            case MEMORY_GROW -> {
                in.readByte();
                StackEntry delta = stack.pop();
                stack.spillImpure();
                int slot = stack.pushResults(new ValueType[]{ValueType.I32})[0];
                emit(new MemoryGrowNode(delta.node, slot));
            }
            case MEMORY_FILL -> {
                in.readByte();
                ExpressionNode[] operands = effectOperands(3);
                emit(new MemoryFillNode(0, operands[0], operands[1], operands[2]));
            }
            case MEMORY_COPY -> {
                int destination = in.readU32AsInt();
                int source = in.readU32AsInt();
                ExpressionNode[] operands = effectOperands(3);
                emit(new MemoryCopyNode(destination, source, operands[0], operands[1], operands[2]));
            }
            case MEMORY_INIT -> {
                int data = in.readU32AsInt();
                int memory = in.readU32AsInt();
                ExpressionNode[] operands = effectOperands(3);
                emit(new MemoryInitNode(memory, data, operands[0], operands[1], operands[2]));
            }
            case DATA_DROP -> emit(new DataDropNode(in.readU32AsInt()));
            case TABLE_GET -> {
                StackEntry index = stack.pop();
                int table = in.readU32AsInt();
                stack.pushComputed(new TableGetNode(table, index.node), module.tableType(table).elementType(), false, index);
            }
            case TABLE_SET -> {
                int table = in.readU32AsInt();
                ExpressionNode[] operands = effectOperands(2);
                emit(new TableSetNode(table, operands[0], operands[1]));
            }
            case TABLE_SIZE -> stack.pushComputed(new TableSizeNode(in.readU32AsInt()), ValueType.I32, false);
            case TABLE_GROW -> {
                int table = in.readU32AsInt();
                ExpressionNode[] operands = effectOperands(2);
                int slot = stack.pushResults(new ValueType[]{ValueType.I32})[0];
                emit(new TableGrowNode(table, operands[0], operands[1], slot));
            }
            case TABLE_FILL -> {
                int table = in.readU32AsInt();
                ExpressionNode[] operands = effectOperands(3);
                emit(new TableFillNode(table, operands[0], operands[1], operands[2]));
            }
            case TABLE_COPY -> {
                int destination = in.readU32AsInt();
                int source = in.readU32AsInt();
                ExpressionNode[] operands = effectOperands(3);
                emit(new TableCopyNode(destination, source, operands[0], operands[1], operands[2]));
            }
            case TABLE_INIT -> {
                int element = in.readU32AsInt();
                int table = in.readU32AsInt();
                ExpressionNode[] operands = effectOperands(3);
                emit(new TableInitNode(table, element, operands[0], operands[1], operands[2]));
            }
            case ELEM_DROP -> emit(new ElemDropNode(in.readU32AsInt()));
            default -> throw new IllegalStateException("instruction not supported by the AST builder: " + op);
        }
    }

    /** Pops the operands of a statement with effects, after evaluating what is pending below them. */
    private ExpressionNode[] effectOperands(int n) {
        StackEntry[] operands = stack.popN(n);
        stack.spillImpure();
        return OperandStack.nodes(operands);
    }
}
