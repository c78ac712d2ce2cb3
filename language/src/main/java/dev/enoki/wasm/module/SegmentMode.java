package dev.enoki.wasm.module;

public enum SegmentMode {
    ACTIVE,
    PASSIVE,
    DECLARATIVE
}
