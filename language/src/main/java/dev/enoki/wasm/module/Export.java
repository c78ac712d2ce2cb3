package dev.enoki.wasm.module;

public record Export(String name, ExternKind kind, int index) {
}
