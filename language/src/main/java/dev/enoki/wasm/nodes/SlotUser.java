package dev.enoki.wasm.nodes;

import java.util.BitSet;

/**
 * A node that reads or writes frame slots itself, not only through its children. The AST builder asks each node of a
 * stretch of a huge function compiled apart which slots it uses, to know which values cross the stretch's call (see
 * {@code OutlinedStatementsNode}); the instance and memory slots of {@link FunctionFrame} always cross it.
 */
public interface SlotUser {
    /** Adds the slots this node reads to {@code reads} and those it writes to {@code writes}. */
    void addSlots(BitSet reads, BitSet writes);
}
