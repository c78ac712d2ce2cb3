package dev.enoki.wasm.module;

/** What follows an opcode in the binary; the reader, validator and AST builder all decode by this. */
public enum ImmediateKind {
    NONE,
    BLOCK_TYPE,
    LABEL,
    LABEL_TABLE,
    FUNCTION_INDEX,
    CALL_INDIRECT,
    LOCAL_INDEX,
    GLOBAL_INDEX,
    TABLE_INDEX,
    MEMARG,
    /** memory.size / memory.grow / memory.fill: one reserved memory index (0 in Wasm 2.0). */
    MEMORY_INDEX,
    I32,
    I64,
    F32,
    F64,
    VALUE_TYPES,
    REFERENCE_TYPE,
    /** memory.init: data index then memory index. */
    DATA_AND_MEMORY,
    DATA_INDEX,
    /** memory.copy: destination then source memory index. */
    TWO_MEMORIES,
    /** table.init: element index then table index. */
    ELEMENT_AND_TABLE,
    ELEMENT_INDEX,
    /** table.copy: destination then source table index. */
    TWO_TABLES
}
