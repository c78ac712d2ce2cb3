package dev.enoki.wasm.validation;

import dev.enoki.wasm.module.FuncType;
import dev.enoki.wasm.module.WasmModule;

import java.util.List;

/**
 * The spec's validation context C, flattened into arrays indexed like the module's index spaces (imports first), so
 * the per-instruction checks are array lookups. Filled in by {@link ModuleValidator} as it checks the declarations.
 */
final class ValidationContext {
    final WasmModule module;

    /** Parameter and result type codes of each type in the type section. */
    final int[][] typeParams;
    final int[][] typeResults;

    /** Type index of each function. */
    final int[] functionTypes;
    int functionCount;
    /** Functions that may be referenced with {@code ref.func} in code (spec: C.refs). */
    final boolean[] declaredFunctions;

    /** Element type code of each table. */
    final int[] tableTypes;
    int tableCount;

    int memoryCount;

    final int[] globalTypes;
    final boolean[] globalMutable;
    int globalCount;
    /** Constant expressions (Wasm 2.0) may only read imported globals. */
    int importedGlobalCount;

    /** Type code of each element segment. */
    final int[] elementTypes;

    final int dataSegmentCount;
    final boolean hasDataCount;

    ValidationContext(WasmModule module, int functions, int tables, int globals) {
        this.module = module;
        List<FuncType> types = module.types();
        typeParams = new int[types.size()][];
        typeResults = new int[types.size()][];
        for (int i = 0; i < types.size(); i++) {
            typeParams[i] = TypeCodes.params(types.get(i));
            typeResults[i] = TypeCodes.results(types.get(i));
        }
        functionTypes = new int[functions];
        declaredFunctions = new boolean[functions];
        tableTypes = new int[tables];
        globalTypes = new int[globals];
        globalMutable = new boolean[globals];
        elementTypes = new int[module.elements().size()];
        for (int i = 0; i < elementTypes.length; i++) {
            elementTypes[i] = TypeCodes.of(module.elements().get(i).type());
        }
        dataSegmentCount = module.datas().size();
        hasDataCount = module.dataCount() >= 0;
    }

    int typeCount() {
        return typeParams.length;
    }
}
