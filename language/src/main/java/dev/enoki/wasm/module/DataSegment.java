package dev.enoki.wasm.module;

public record DataSegment(SegmentMode mode, int memoryIndex, ConstantExpression offset, byte[] bytes) {
}
