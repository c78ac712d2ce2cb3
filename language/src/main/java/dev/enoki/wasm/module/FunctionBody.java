package dev.enoki.wasm.module;

/**
 * The code of one defined function: its declared locals (parameters excluded) and the byte range of its
 * instructions in {@link WasmModule#bytes()}, from the first instruction up to and including the final {@code end}.
 */
public record FunctionBody(ValueType[] locals, int codeStart, int codeEnd) {
}
