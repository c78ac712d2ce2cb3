package dev.enoki.wasm.launcher;

import java.util.List;
import java.util.stream.Collectors;

/** The parameter and result types of a function, as the launcher needs them for {@code --invoke}. */
record FunctionSignature(List<WasmType> params, List<WasmType> results) {

    /** The text form used in messages: {@code (i32, i32) -> (i64)}. */
    @Override
    public String toString() {
        return describe(params) + " -> " + describe(results);
    }

    private static String describe(List<WasmType> types) {
        return types.stream().map(WasmType::text).collect(Collectors.joining(", ", "(", ")"));
    }
}
