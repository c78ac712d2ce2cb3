package dev.enoki.wasm.interop;

import dev.enoki.wasm.module.ExternKind;
import dev.enoki.wasm.module.GlobalType;
import dev.enoki.wasm.module.Limits;
import dev.enoki.wasm.module.WasmModule;

/** The text forms of import and export types shown to the host: {@code (i32 i64)f32}, {@code i32 mut}, limits. */
final class TypeText {
    private TypeText() {
    }

    static String global(GlobalType type) {
        return type.type() + (type.mutable() ? " mut" : " const");
    }

    static String limits(Limits limits) {
        return limits.hasMax() ? limits.min() + ".." + limits.max() : limits.min() + "..";
    }

    /** The type of entity {@code index} of {@code kind} in {@code module}'s index spaces. */
    static String of(WasmModule module, ExternKind kind, int index) {
        return switch (kind) {
            case FUNCTION -> module.functionType(index).toString();
            case TABLE -> module.tableType(index).elementType() + " " + limits(module.tableType(index).limits());
            case MEMORY -> limits(module.memoryType(index).limits());
            case GLOBAL -> global(module.globalType(index));
        };
    }
}
