package dev.enoki.wasm.module;

public record CustomSection(String name, byte[] contents) {
}
