package dev.enoki.wasm.module;

import java.util.List;

/** The instructions of a constant expression (global initialisers, segment offsets and elements), without the final end. */
public record ConstantExpression(List<Instruction> instructions, int offset) {
}
