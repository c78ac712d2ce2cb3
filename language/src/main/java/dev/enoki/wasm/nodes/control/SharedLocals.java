package dev.enoki.wasm.nodes.control;

/**
 * The slots a huge function and its stretches hand each other ({@link OutlinedStatementsNode}), one per frame slot:
 * numbers as raw bits, references as objects. Each call of the function makes its own, so that the function and every
 * stretch keep their slots in their own frames, which compiled code does not allocate (their values live in
 * registers); values cross through here only at a stretch's call and return. Sharing the function's frame itself, as
 * a materialized frame, made every access of a local in the function and its stretches a load or a store on the
 * heap, each with an array bounds check.
 */
public final class SharedLocals {
    final long[] numbers;
    final Object[] references;

    public SharedLocals(int slotCount) {
        this.numbers = new long[slotCount];
        this.references = new Object[slotCount];
    }
}
