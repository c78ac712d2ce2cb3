package dev.enoki.wasm.validation;

import dev.enoki.wasm.errors.CompileError;
import dev.enoki.wasm.module.ConstantExpression;
import dev.enoki.wasm.module.DataSegment;
import dev.enoki.wasm.module.ElementSegment;
import dev.enoki.wasm.module.Export;
import dev.enoki.wasm.module.ExternKind;
import dev.enoki.wasm.module.Global;
import dev.enoki.wasm.module.Import;
import dev.enoki.wasm.module.Instruction;
import dev.enoki.wasm.module.Limits;
import dev.enoki.wasm.module.MemoryType;
import dev.enoki.wasm.module.Opcode;
import dev.enoki.wasm.module.SegmentMode;
import dev.enoki.wasm.module.TableType;
import dev.enoki.wasm.module.WasmModule;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Validates a decoded module against the WebAssembly 2.0 rules (without SIMD), in the order the spec's reference
 * interpreter checks them, and reports the first problem as a {@link CompileError} with the interpreter's wording.
 * Also finishes decoding the code (the reader only delimits function bodies), so malformed bodies are reported here
 * too; a malformed body takes precedence over any validation error, as the spec decodes before validating.
 * <p>
 * The validator is a pure check: it builds nothing the later stages use.
 */
public final class ModuleValidator {
    /** Largest memory size in 64 KiB pages (4 GiB). */
    private static final long MAX_PAGES = 65536;
    private static final long MAX_TABLE_SIZE = 0xFFFF_FFFFL;

    private final WasmModule module;
    private ValidationContext ctx;

    private ModuleValidator(WasmModule module) {
        this.module = module;
    }

    /** Checks {@code module}; throws {@link CompileError} if it is malformed or invalid. */
    public static void validate(WasmModule module) {
        try {
            new ModuleValidator(module).run();
        } catch (InvalidModuleException e) {
            CompileError malformed = CodeScanner.firstMalformed(module);
            if (malformed != null) {
                throw malformed;
            }
            throw e.toCompileError();
        }
    }

    private void run() {
        int importedFunctions = module.importedCount(ExternKind.FUNCTION);
        int importedTables = module.importedCount(ExternKind.TABLE);
        int importedGlobals = module.importedCount(ExternKind.GLOBAL);
        ctx = new ValidationContext(module, importedFunctions + module.functionTypes().length,
                        importedTables + module.tables().size(), importedGlobals + module.globals().size());

        for (Import i : module.imports()) {
            switch (i.kind()) {
                case FUNCTION -> ctx.functionTypes[ctx.functionCount++] = typeIndex(i.functionTypeIndex());
                case TABLE -> addTable(i.table());
                case MEMORY -> {
                    checkMemoryType(i.memory());
                    ctx.memoryCount++;
                }
                case GLOBAL -> {
                    ctx.globalTypes[ctx.globalCount] = TypeCodes.of(i.global().type());
                    ctx.globalMutable[ctx.globalCount++] = i.global().mutable();
                }
            }
        }
        ctx.importedGlobalCount = ctx.globalCount;
        for (int typeIndex : module.functionTypes()) {
            ctx.functionTypes[ctx.functionCount++] = typeIndex(typeIndex);
        }
        declareFunctionReferences();

        // Globals see only the imported globals, like all constant expressions in Wasm 2.0.
        for (Global g : module.globals()) {
            ConstantExpressionValidator.validate(g.init(), TypeCodes.of(g.type().type()), ctx);
        }
        for (Global g : module.globals()) {
            ctx.globalTypes[ctx.globalCount] = TypeCodes.of(g.type().type());
            ctx.globalMutable[ctx.globalCount++] = g.type().mutable();
        }
        for (TableType t : module.tables()) {
            addTable(t);
        }
        for (MemoryType m : module.memories()) {
            checkMemoryType(m);
            ctx.memoryCount++;
        }
        for (ElementSegment e : module.elements()) {
            checkElement(e);
        }
        for (DataSegment d : module.datas()) {
            checkData(d);
        }

        List<dev.enoki.wasm.module.FunctionBody> bodies = module.bodies();
        if (!bodies.isEmpty()) {
            FunctionValidator functions = new FunctionValidator(ctx);
            for (int i = 0; i < bodies.size(); i++) {
                functions.validate(importedFunctions + i, bodies.get(i));
            }
        }

        checkStart();
        checkExports();
        if (ctx.memoryCount > 1) {
            throw new InvalidModuleException("multiple memories", -1);
        }
    }

    private int typeIndex(int index) {
        if (index < 0 || index >= ctx.typeCount()) {
            throw InvalidModuleException.unknown("type", Integer.toUnsignedLong(index), -1);
        }
        return index;
    }

    private void addTable(TableType t) {
        checkLimits(t.limits(), MAX_TABLE_SIZE, "table size must be at most 2^32-1");
        ctx.tableTypes[ctx.tableCount++] = TypeCodes.of(t.elementType());
    }

    private static void checkMemoryType(MemoryType m) {
        checkLimits(m.limits(), MAX_PAGES, "memory size must be at most 65536 pages (4GiB)");
    }

    private static void checkLimits(Limits limits, long range, String tooLarge) {
        if (Long.compareUnsigned(limits.min(), range) > 0) {
            throw new InvalidModuleException(tooLarge, -1);
        }
        if (limits.hasMax()) {
            if (Long.compareUnsigned(limits.max(), range) > 0) {
                throw new InvalidModuleException(tooLarge, -1);
            }
            if (limits.min() > limits.max()) {
                throw new InvalidModuleException("size minimum must not be greater than maximum", -1);
            }
        }
    }

    /**
     * C.refs: the functions {@code ref.func} may name inside function bodies are those referenced anywhere outside
     * them (global initialisers, element and data segments, exports).
     */
    private void declareFunctionReferences() {
        for (Global g : module.globals()) {
            declare(g.init());
        }
        for (ElementSegment e : module.elements()) {
            if (e.offset() != null) {
                declare(e.offset());
            }
            for (ConstantExpression item : e.items()) {
                declare(item);
            }
        }
        for (DataSegment d : module.datas()) {
            if (d.offset() != null) {
                declare(d.offset());
            }
        }
        for (Export e : module.exports()) {
            if (e.kind() == ExternKind.FUNCTION && e.index() >= 0 && e.index() < ctx.functionCount) {
                ctx.declaredFunctions[e.index()] = true;
            }
        }
    }

    private void declare(ConstantExpression expr) {
        for (Instruction i : expr.instructions()) {
            if (i.opcode() == Opcode.REF_FUNC && i.immediate() >= 0 && i.immediate() < ctx.functionCount) {
                ctx.declaredFunctions[(int) i.immediate()] = true;
            }
        }
    }

    private void checkElement(ElementSegment e) {
        int type = TypeCodes.of(e.type());
        for (ConstantExpression item : e.items()) {
            ConstantExpressionValidator.validate(item, type, ctx);
        }
        if (e.mode() == SegmentMode.ACTIVE) {
            int at = e.offset().offset();
            int table = e.tableIndex();
            if (table < 0 || table >= ctx.tableCount) {
                throw InvalidModuleException.unknown("table", Integer.toUnsignedLong(table), at);
            }
            if (ctx.tableTypes[table] != type) {
                throw new InvalidModuleException("type mismatch: element segment's type " + TypeCodes.name(type)
                                + " does not match table's element type " + TypeCodes.name(ctx.tableTypes[table]), at);
            }
            ConstantExpressionValidator.validate(e.offset(), TypeCodes.I32, ctx);
        }
    }

    private void checkData(DataSegment d) {
        if (d.mode() == SegmentMode.ACTIVE) {
            int memory = d.memoryIndex();
            if (memory < 0 || memory >= ctx.memoryCount) {
                throw InvalidModuleException.unknown("memory", Integer.toUnsignedLong(memory), d.offset().offset());
            }
            ConstantExpressionValidator.validate(d.offset(), TypeCodes.I32, ctx);
        }
    }

    private void checkStart() {
        int start = module.startFunction();
        if (start == -1) {
            return;
        }
        if (start < 0 || start >= ctx.functionCount) {
            throw InvalidModuleException.unknown("function", Integer.toUnsignedLong(start), -1);
        }
        int type = ctx.functionTypes[start];
        if (ctx.typeParams[type].length != 0 || ctx.typeResults[type].length != 0) {
            throw new InvalidModuleException("start function must not have parameters or results", -1);
        }
    }

    private void checkExports() {
        Set<String> names = new HashSet<>();
        for (Export e : module.exports()) {
            long index = Integer.toUnsignedLong(e.index());
            long count = switch (e.kind()) {
                case FUNCTION -> ctx.functionCount;
                case TABLE -> ctx.tableCount;
                case MEMORY -> ctx.memoryCount;
                case GLOBAL -> ctx.globalCount;
            };
            if (index >= count) {
                throw InvalidModuleException.unknown(e.kind().text, index, -1);
            }
            if (!names.add(e.name())) {
                throw new InvalidModuleException("duplicate export name", -1);
            }
        }
    }
}
