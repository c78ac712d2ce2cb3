package dev.enoki.wasm.memory;

/**
 * A load or store node that remembers whether it ever went past its memory's limit: how {@link LinearMemory} leaves
 * compiled code there depends on it. Implementations keep the answer in a compilation-final field.
 */
public interface BoundsCheckedAccess {
    boolean wentPastTheLimit();

    /**
     * Whether a loop of the access's compilation unit encloses it, where Graal can check a range of addresses once
     * before the loop. A huge function's code compiled apart ({@code OutlinedStatementsNode}) is a unit of its own.
     */
    boolean insideLoop();

    /** Called while the AST is built, when the code around the access becomes a compilation unit of its own. */
    void notInsideLoop();

    /** Called in the interpreter, once the access went past the limit. */
    void wentPastTheLimitNow();
}
