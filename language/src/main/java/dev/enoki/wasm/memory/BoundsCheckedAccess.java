package dev.enoki.wasm.memory;

/**
 * A load or store node that remembers whether it ever went past its memory's limit: how {@link LinearMemory} leaves
 * compiled code there depends on it. Implementations keep the answer in a compilation-final field.
 */
public interface BoundsCheckedAccess {
    boolean wentPastTheLimit();

    /** Called in the interpreter, once the access went past the limit. */
    void wentPastTheLimitNow();
}
