package dev.enoki.wasm.module;

public record TableType(ValueType elementType, Limits limits) {
}
