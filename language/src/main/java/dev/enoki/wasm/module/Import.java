package dev.enoki.wasm.module;

/**
 * One import. Exactly the descriptor field matching {@code kind} is set: {@code functionTypeIndex} for functions,
 * {@code table}, {@code memory} or {@code global} for the others.
 */
public record Import(String module, String name, ExternKind kind, int functionTypeIndex, TableType table, MemoryType memory, GlobalType global) {
}
