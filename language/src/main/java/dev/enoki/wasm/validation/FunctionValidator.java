package dev.enoki.wasm.validation;

import static dev.enoki.wasm.validation.TypeCodes.FUNCREF;
import static dev.enoki.wasm.validation.TypeCodes.I32;
import static dev.enoki.wasm.validation.TypeCodes.UNKNOWN;

import dev.enoki.wasm.binary.ByteReader;
import dev.enoki.wasm.binary.InstructionReader;
import dev.enoki.wasm.errors.CompileError;
import dev.enoki.wasm.module.BlockType;
import dev.enoki.wasm.module.FunctionBody;
import dev.enoki.wasm.module.Opcode;
import dev.enoki.wasm.module.ValueType;

import java.util.Arrays;

/**
 * Validates function bodies in one pass over their bytes, decoding each instruction and applying the spec appendix's
 * algorithm on a {@link TypeStack}. Decoding problems are malformed-module {@link CompileError}s; typing problems are
 * {@link InvalidModuleException}s. One instance is reused for all bodies of a module.
 */
final class FunctionValidator {
    private static final Opcode[] OPCODES = Opcode.values();
    private static final int[][] OPERANDS = new int[OPCODES.length][];
    private static final int[][] RESULTS = new int[OPCODES.length][];
    /** By reference type code: table.set [i32 t], table.grow [t i32], table.fill [i32 t i32]. */
    private static final int[][] TABLE_SET = new int[UNKNOWN][];
    private static final int[][] TABLE_GROW = new int[UNKNOWN][];
    private static final int[][] TABLE_FILL = new int[UNKNOWN][];
    static {
        for (Opcode op : OPCODES) {
            if (op.hasFixedSignature()) {
                OPERANDS[op.ordinal()] = TypeCodes.of(op.operands());
                RESULTS[op.ordinal()] = TypeCodes.of(op.results());
            }
        }
        for (int t = 0; t < UNKNOWN; t++) {
            TABLE_SET[t] = new int[]{I32, t};
            TABLE_GROW[t] = new int[]{t, I32};
            TABLE_FILL[t] = new int[]{I32, t, I32};
        }
    }

    private final ValidationContext ctx;
    private final TypeStack stack = new TypeStack();
    private final ByteReader in;
    private int[] locals = new int[16];
    private int localCount;
    private long[] targets = new long[16];
    /** The signature decoded by the last {@link #blockType}. */
    private int[] blockParams;
    private int[] blockResults;

    FunctionValidator(ValidationContext ctx) {
        this.ctx = ctx;
        byte[] bytes = ctx.module.bytes();
        // Not limited to a body: like the spec's decoder, a body missing its final end reads on into what follows,
        // which decides the error ("END opcode expected", "section size mismatch", ...).
        this.in = new ByteReader(bytes, 0, bytes.length);
    }

    /** Validates the body of function {@code functionIndex} (an index in the function index space). */
    void validate(int functionIndex, FunctionBody body) {
        int type = ctx.functionTypes[functionIndex];
        int[] params = ctx.typeParams[type];
        ValueType[] declared = body.locals();
        localCount = params.length + declared.length;
        if (locals.length < localCount) {
            locals = new int[Math.max(localCount, locals.length * 2)];
        }
        System.arraycopy(params, 0, locals, 0, params.length);
        for (int i = 0; i < declared.length; i++) {
            locals[params.length + i] = TypeCodes.of(declared[i]);
        }
        stack.reset(ctx.typeResults[type]);
        in.seek(body.codeStart());
        try {
            validateCode(body.codeEnd());
        } catch (CompileError e) {
            throw Immediates.inBody(e);
        }
    }

    private void validateCode(int codeEnd) {
        final ByteReader in = this.in;
        final TypeStack stack = this.stack;
        while (true) {
            int pos = in.position();
            Opcode op = InstructionReader.readOpcode(in);
            switch (op) {
                case UNREACHABLE -> stack.markUnreachable();
                case NOP -> {
                }
                case BLOCK, LOOP -> {
                    blockType(pos);
                    stack.popAll(blockParams, pos);
                    stack.pushFrame(op == Opcode.BLOCK ? TypeStack.BLOCK : TypeStack.LOOP, blockParams, blockResults);
                }
                case IF -> {
                    blockType(pos);
                    stack.pop(I32, pos);
                    stack.popAll(blockParams, pos);
                    stack.pushFrame(TypeStack.IF, blockParams, blockResults);
                }
                case ELSE -> {
                    if (stack.topKind() != TypeStack.IF) {
                        throw ByteReader.malformed("END opcode expected", pos);
                    }
                    stack.checkFrameEnd(pos);
                    stack.enterElse();
                }
                case END -> {
                    if (stack.depth() == 1) {
                        if (in.position() != codeEnd) {
                            throw ByteReader.malformed("section size mismatch", pos);
                        }
                        stack.checkFrameEnd(pos);
                        return;
                    }
                    stack.checkFrameEnd(pos);
                    if (stack.topKind() == TypeStack.IF && !Arrays.equals(stack.topStartTypes(), stack.topEndTypes())) {
                        // An if without else has an empty else branch, which must turn its params into its results.
                        throw new InvalidModuleException("type mismatch: block requires " + TypeCodes.format(stack.topEndTypes())
                                        + " but stack has " + TypeCodes.format(stack.topStartTypes()), pos);
                    }
                    stack.pushAll(stack.popFrame());
                }
                case BR -> {
                    stack.popAll(label(in.readU32(), pos), pos);
                    stack.markUnreachable();
                }
                case BR_IF -> {
                    int[] types = label(in.readU32(), pos);
                    stack.pop(I32, pos);
                    stack.popAll(types, pos);
                    stack.pushAll(types);
                }
                case BR_TABLE -> brTable(pos);
                case RETURN -> {
                    stack.popAll(stack.labelTypes(stack.depth() - 1), pos);
                    stack.markUnreachable();
                }
                case CALL -> {
                    long f = in.readU32();
                    if (f >= ctx.functionCount) {
                        throw InvalidModuleException.unknown("function", f, pos);
                    }
                    int type = ctx.functionTypes[(int) f];
                    stack.popAll(ctx.typeParams[type], pos);
                    stack.pushAll(ctx.typeResults[type]);
                }
                case CALL_INDIRECT -> {
                    long type = in.readU32();
                    long table = in.readU32();
                    if (table >= ctx.tableCount) {
                        throw InvalidModuleException.unknown("table", table, pos);
                    }
                    if (type >= ctx.typeCount()) {
                        throw InvalidModuleException.unknown("type", type, pos);
                    }
                    if (ctx.tableTypes[(int) table] != FUNCREF) {
                        throw new InvalidModuleException("type mismatch: instruction requires table of functions but table has "
                                        + TypeCodes.name(ctx.tableTypes[(int) table]), pos);
                    }
                    stack.pop(I32, pos);
                    stack.popAll(ctx.typeParams[(int) type], pos);
                    stack.pushAll(ctx.typeResults[(int) type]);
                }
                case DROP -> stack.popAny(pos);
                case SELECT -> {
                    stack.pop(I32, pos);
                    int t1 = stack.popAny(pos);
                    int t2 = stack.popAny(pos);
                    if (!TypeCodes.isNumericOrVector(t1) || !TypeCodes.isNumericOrVector(t2)) {
                        throw new InvalidModuleException("type mismatch: instruction requires numeric type but stack has "
                                        + TypeCodes.name(TypeCodes.isNumericOrVector(t1) ? t2 : t1), pos);
                    }
                    if (t1 != t2 && t1 != UNKNOWN && t2 != UNKNOWN) {
                        throw new InvalidModuleException("type mismatch: instruction requires [" + TypeCodes.name(t1) + " " + TypeCodes.name(t1)
                                        + " i32] but stack has [" + TypeCodes.name(t2) + " " + TypeCodes.name(t1) + " i32]", pos);
                    }
                    stack.push(t1 == UNKNOWN ? t2 : t1);
                }
                case SELECT_T -> {
                    int n = in.readLength();
                    ValueType t = null;
                    for (int i = 0; i < n; i++) {
                        t = Immediates.readValueType(in);
                    }
                    if (n != 1) {
                        throw new InvalidModuleException("invalid result arity", pos);
                    }
                    int code = TypeCodes.of(t);
                    stack.pop(I32, pos);
                    stack.pop(code, pos);
                    stack.pop(code, pos);
                    stack.push(code);
                }
                case LOCAL_GET -> stack.push(local(pos));
                case LOCAL_SET -> stack.pop(local(pos), pos);
                case LOCAL_TEE -> {
                    int t = local(pos);
                    stack.pop(t, pos);
                    stack.push(t);
                }
                case GLOBAL_GET -> stack.push(ctx.globalTypes[global(pos)]);
                case GLOBAL_SET -> {
                    int g = global(pos);
                    if (!ctx.globalMutable[g]) {
                        throw new InvalidModuleException("global is immutable", pos);
                    }
                    stack.pop(ctx.globalTypes[g], pos);
                }
                case TABLE_GET -> {
                    int t = table(in.readU32(), pos);
                    stack.pop(I32, pos);
                    stack.push(t);
                }
                case TABLE_SET -> stack.popAll(TABLE_SET[table(in.readU32(), pos)], pos);
                case TABLE_GROW -> {
                    stack.popAll(TABLE_GROW[table(in.readU32(), pos)], pos);
                    stack.push(I32);
                }
                case TABLE_FILL -> stack.popAll(TABLE_FILL[table(in.readU32(), pos)], pos);
                case REF_NULL -> stack.push(TypeCodes.of(Immediates.readReferenceType(in)));
                case REF_IS_NULL -> {
                    int t = stack.popAny(pos);
                    if (t != UNKNOWN && !TypeCodes.isReference(t)) {
                        throw new InvalidModuleException("type mismatch: instruction requires reference type but stack has " + TypeCodes.name(t), pos);
                    }
                    stack.push(I32);
                }
                case REF_FUNC -> {
                    long f = in.readU32();
                    if (f >= ctx.functionCount) {
                        throw InvalidModuleException.unknown("function", f, pos);
                    }
                    if (!ctx.declaredFunctions[(int) f]) {
                        throw new InvalidModuleException("undeclared function reference", pos);
                    }
                    stack.push(FUNCREF);
                }
                default -> {
                    fixedSignatureImmediates(op, pos);
                    stack.popAll(OPERANDS[op.ordinal()], pos);
                    stack.pushAll(RESULTS[op.ordinal()]);
                }
            }
        }
    }

    /** Decodes and checks the immediates of an instruction with a fixed signature. */
    private void fixedSignatureImmediates(Opcode op, int pos) {
        final ByteReader in = this.in;
        switch (op.immediate) {
            case NONE -> {
            }
            case I32 -> in.readS32();
            case I64 -> in.readS64();
            case F32 -> in.readFixedInt();
            case F64 -> in.readFixedLong();
            case MEMARG -> {
                long align = in.readU32();
                in.readU32();
                requireMemory(pos);
                if (align > Integer.numberOfTrailingZeros(op.accessWidth())) {
                    throw new InvalidModuleException("alignment must not be larger than natural", pos);
                }
            }
            case MEMORY_INDEX -> {
                Immediates.readZeroByte(in);
                requireMemory(pos);
            }
            case TWO_MEMORIES -> {
                Immediates.readZeroByte(in);
                Immediates.readZeroByte(in);
                requireMemory(pos);
            }
            case DATA_AND_MEMORY -> {
                long d = in.readU32();
                Immediates.readZeroByte(in);
                requireDataCount(pos);
                requireMemory(pos);
                requireData(d, pos);
            }
            case DATA_INDEX -> {
                long d = in.readU32();
                requireDataCount(pos);
                requireData(d, pos);
            }
            case TABLE_INDEX -> table(in.readU32(), pos);
            case ELEMENT_INDEX -> element(in.readU32(), pos);
            case ELEMENT_AND_TABLE -> {
                long e = in.readU32();
                int t = table(in.readU32(), pos);
                int et = element(e, pos);
                if (t != et) {
                    throw new InvalidModuleException("type mismatch: element segment's type " + TypeCodes.name(et)
                                    + " does not match table's element type " + TypeCodes.name(t), pos);
                }
            }
            case TWO_TABLES -> {
                int dst = table(in.readU32(), pos);
                int src = table(in.readU32(), pos);
                if (dst != src) {
                    throw new InvalidModuleException("type mismatch: source element type " + TypeCodes.name(src)
                                    + " does not match destination element type " + TypeCodes.name(dst), pos);
                }
            }
            default -> throw new AssertionError(op);
        }
    }

    /** Decodes a block type into {@link #blockParams} and {@link #blockResults} (no allocation). */
    private void blockType(int pos) {
        long raw = Immediates.readBlockType(in);
        if (raw == BlockType.EMPTY) {
            blockParams = TypeCodes.NONE;
            blockResults = TypeCodes.NONE;
        } else if (raw == Immediates.NEGATIVE_TYPE_INDEX) {
            throw new InvalidModuleException("unknown type", pos);
        } else if (raw < 0) {
            blockParams = TypeCodes.NONE;
            blockResults = TypeCodes.single(TypeCodes.of(ValueType.fromCode((int) (raw & 0x7F))));
        } else if (raw < ctx.typeCount()) {
            blockParams = ctx.typeParams[(int) raw];
            blockResults = ctx.typeResults[(int) raw];
        } else {
            throw InvalidModuleException.unknown("type", raw, pos);
        }
    }

    private void brTable(int pos) {
        int n = in.readLength();
        for (int i = 0; i < n; i++) {
            if (i == targets.length) {
                targets = Arrays.copyOf(targets, i * 2);
            }
            targets[i] = in.readU32();
        }
        int[] defaultTypes = label(in.readU32(), pos);
        int arity = defaultTypes.length;
        for (int i = 0; i < n; i++) {
            int[] types = label(targets[i], pos);
            if (types.length != arity) {
                throw new InvalidModuleException("type mismatch: br_table targets " + TypeCodes.format(types) + " and "
                                + TypeCodes.format(defaultTypes) + " have different arity", pos);
            }
        }
        stack.pop(I32, pos);
        for (int i = 0; i < n; i++) {
            stack.checkTop(label(targets[i], pos), pos);
        }
        stack.popAll(defaultTypes, pos);
        stack.markUnreachable();
    }

    private int[] label(long depth, int pos) {
        if (depth >= stack.depth()) {
            throw InvalidModuleException.unknown("label", depth, pos);
        }
        return stack.labelTypes((int) depth);
    }

    private int local(int pos) {
        long index = in.readU32();
        if (index >= localCount) {
            throw InvalidModuleException.unknown("local", index, pos);
        }
        return locals[(int) index];
    }

    private int global(int pos) {
        long index = in.readU32();
        if (index >= ctx.globalCount) {
            throw InvalidModuleException.unknown("global", index, pos);
        }
        return (int) index;
    }

    /** Checks table {@code index} exists and returns its element type code. */
    private int table(long index, int pos) {
        if (index >= ctx.tableCount) {
            throw InvalidModuleException.unknown("table", index, pos);
        }
        return ctx.tableTypes[(int) index];
    }

    private int element(long index, int pos) {
        if (index >= ctx.elementTypes.length) {
            throw InvalidModuleException.unknown("elem segment", index, pos);
        }
        return ctx.elementTypes[(int) index];
    }

    private void requireMemory(int pos) {
        if (ctx.memoryCount == 0) {
            throw InvalidModuleException.unknown("memory", 0, pos);
        }
    }

    /**
     * memory.init and data.drop need the data count section. This is a decoding rule, reported only when no body is
     * malformed (the spec decoder checks it after the whole module), so {@link ModuleValidator} re-derives it with
     * {@link CodeScanner}.
     */
    private void requireDataCount(int pos) {
        if (!ctx.hasDataCount) {
            throw new InvalidModuleException(CodeScanner.DATA_COUNT_REQUIRED, pos);
        }
    }

    private void requireData(long index, int pos) {
        if (index >= ctx.dataSegmentCount) {
            throw InvalidModuleException.unknown("data segment", index, pos);
        }
    }
}
