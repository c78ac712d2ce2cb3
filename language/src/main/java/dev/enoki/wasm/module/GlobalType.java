package dev.enoki.wasm.module;

public record GlobalType(ValueType type, boolean mutable) {
}
