package dev.enoki.wasm.module;

import java.util.List;

/** An element segment; function-index encodings are turned into {@code ref.func} expressions by the reader. */
public record ElementSegment(ValueType type, SegmentMode mode, int tableIndex, ConstantExpression offset, List<ConstantExpression> items) {
}
