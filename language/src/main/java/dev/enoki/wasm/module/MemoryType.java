package dev.enoki.wasm.module;

public record MemoryType(Limits limits) {
}
