package dev.enoki.wasm.module;

/** A global defined by the module. */
public record Global(GlobalType type, ConstantExpression init) {
}
