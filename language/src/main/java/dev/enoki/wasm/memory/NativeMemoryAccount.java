package dev.enoki.wasm.memory;

import java.util.function.BooleanSupplier;

/**
 * The VM-wide account of linear-memory bytes off the Java heap. The garbage collector cannot see these bytes: a few
 * small unreachable objects may hold gigabytes of native memory. So, like direct byte buffers do, memory that would
 * pass the soft limit first gets the collector to find the memories nobody references any more, and waits until their
 * mappings are pooled or unmapped ({@link UnreachableMemories}): a full collection, or, where enabled, a young one
 * first ({@link YoungCollection}). When a collection frees nothing, what is left is really in use: the soft limit
 * then follows the live size, so a program that needs much memory is not collected on every grow.
 *
 * <p>Two counts: committed bytes, what the mappings of live and pooled memories may have resident (the pressure), and
 * live bytes, the sizes of the memories not yet released (what {@link #usedBytes()} reports).
 */
public final class NativeMemoryAccount {
    /** Where collections start; {@code -Denoki.memory.softLimit=<bytes>} overrides. */
    static final long BASE_SOFT_LIMIT = Long.getLong("enoki.memory.softLimit", 64L << 20);

    private static final Object LOCK = new Object();
    private static long committed;
    private static long pooled;
    private static long live;
    private static long softLimit = BASE_SOFT_LIMIT;

    private NativeMemoryAccount() {
    }

    /** Bytes of linear memory currently held by live (not yet released) memories. */
    public static long usedBytes() {
        synchronized (LOCK) {
            return live;
        }
    }

    /** Bytes of pooled mappings that may still be resident, waiting for a memory to reuse them. */
    static long pooledBytes() {
        synchronized (LOCK) {
            return pooled;
        }
    }

    static void addLive(long bytes) {
        synchronized (LOCK) {
            live += bytes;
        }
    }

    static void removeLive(long bytes) {
        synchronized (LOCK) {
            live -= bytes;
        }
    }

    /** Pages of pooled mappings: still committed, but free for the taking. */
    static void pooled(long bytes) {
        synchronized (LOCK) {
            pooled += bytes;
        }
    }

    /** Books {@code bytes} more that a mapping may commit; first relieves the pressure when that passes the soft limit. */
    static void commit(long bytes) {
        synchronized (LOCK) {
            if (committed + bytes <= softLimit) {
                committed += bytes;
                return;
            }
        }
        // Pooled pages are the cheapest to give back; then those of memories nobody references, pooled as they are found.
        MappingPool.empty();
        if (!enough(() -> committed + bytes <= softLimit)) {
            collectUntil(() -> committed - pooled + bytes <= softLimit);
            MappingPool.empty();
        }
        synchronized (LOCK) {
            if (committed + bytes > softLimit) {
                softLimit = (committed + bytes) * 2;
            }
            committed += bytes;
        }
    }

    static void uncommit(long bytes) {
        synchronized (LOCK) {
            committed -= bytes;
            if (committed * 2 < softLimit && softLimit > BASE_SOFT_LIMIT) {
                softLimit = Math.max(BASE_SOFT_LIMIT, committed * 2);
            }
        }
    }

    /**
     * Before a new memory maps fresh pages: when those would pass the soft limit, collects first, so that a memory that
     * became unreachable hands its mapping over (through the pool) instead.
     */
    static void collectBeforeMapping(long bytes) {
        synchronized (LOCK) {
            if (pooled > 0 || committed + bytes <= softLimit) {
                return;
            }
        }
        collectUntil(() -> pooled > 0 || committed + bytes <= softLimit);
    }

    /**
     * Where enabled, a young collection first (in scenario A of the memory-lifetime benchmark, 2-4 ms against 8-18 ms
     * for a full one); a full one when that did not bring enough back, which also finds memories that had grown old.
     */
    private static void collectUntil(BooleanSupplier relief) {
        if (YoungCollection.enabled() && UnreachableMemories.collect(YoungCollection::provoke) && enough(relief)) {
            return;
        }
        UnreachableMemories.collect(() -> {
            YoungCollection.collectFully();
            return true;
        });
    }

    /** Whether {@code relief}, a condition on the counts, holds now. */
    private static boolean enough(BooleanSupplier relief) {
        synchronized (LOCK) {
            return relief.getAsBoolean();
        }
    }
}
