package dev.enoki.wasm.module;

import java.util.List;
import java.util.Map;

/**
 * A decoded module: plain immutable data, produced by the binary reader and checked once by the validator. The
 * index spaces (functions, tables, memories, globals) put imports first, as the spec does.
 *
 * @param bytes the module's binary; function bodies refer to ranges of it
 * @param functionTypes type index of each <em>defined</em> function (imports excluded)
 * @param dataCount the data count section's value, or -1 when the section is absent
 * @param startFunction the start function's index, or -1
 * @param functionNames names from the {@code name} custom section, by function index (may be empty)
 */
public record WasmModule(
                String name,
                byte[] bytes,
                List<FuncType> types,
                List<Import> imports,
                int[] functionTypes,
                List<TableType> tables,
                List<MemoryType> memories,
                List<Global> globals,
                List<Export> exports,
                int startFunction,
                List<ElementSegment> elements,
                int dataCount,
                List<FunctionBody> bodies,
                List<DataSegment> datas,
                List<CustomSection> customSections,
                Map<Integer, String> functionNames) {

    public int importedCount(ExternKind kind) {
        int n = 0;
        for (Import i : imports) {
            if (i.kind() == kind) {
                n++;
            }
        }
        return n;
    }

    public int functionCount() {
        return importedCount(ExternKind.FUNCTION) + functionTypes.length;
    }

    public int tableCount() {
        return importedCount(ExternKind.TABLE) + tables.size();
    }

    public int memoryCount() {
        return importedCount(ExternKind.MEMORY) + memories.size();
    }

    public int globalCount() {
        return importedCount(ExternKind.GLOBAL) + globals.size();
    }

    /** Type index of function {@code index} in the function index space (imports first). */
    public int functionTypeIndex(int index) {
        int imported = 0;
        for (Import i : imports) {
            if (i.kind() == ExternKind.FUNCTION) {
                if (imported == index) {
                    return i.functionTypeIndex();
                }
                imported++;
            }
        }
        return functionTypes[index - imported];
    }

    public FuncType functionType(int index) {
        return types.get(functionTypeIndex(index));
    }

    public TableType tableType(int index) {
        int imported = 0;
        for (Import i : imports) {
            if (i.kind() == ExternKind.TABLE) {
                if (imported == index) {
                    return i.table();
                }
                imported++;
            }
        }
        return tables.get(index - imported);
    }

    public MemoryType memoryType(int index) {
        int imported = 0;
        for (Import i : imports) {
            if (i.kind() == ExternKind.MEMORY) {
                if (imported == index) {
                    return i.memory();
                }
                imported++;
            }
        }
        return memories.get(index - imported);
    }

    public GlobalType globalType(int index) {
        int imported = 0;
        for (Import i : imports) {
            if (i.kind() == ExternKind.GLOBAL) {
                if (imported == index) {
                    return i.global();
                }
                imported++;
            }
        }
        return globals.get(index - imported).type();
    }

    /** A readable name for function {@code index}: from the name section, else the export name, else its index. */
    public String functionName(int index) {
        String n = functionNames.get(index);
        if (n != null) {
            return n;
        }
        for (Export e : exports) {
            if (e.kind() == ExternKind.FUNCTION && e.index() == index) {
                return e.name();
            }
        }
        return "func" + index;
    }
}
