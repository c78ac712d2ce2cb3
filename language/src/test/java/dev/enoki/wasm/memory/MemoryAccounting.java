package dev.enoki.wasm.memory;

import java.util.function.LongPredicate;
import java.util.function.LongSupplier;

/**
 * Reads {@link NativeMemoryAccount#usedBytes()} (the VM-wide bytes of live linear memories) around collections: the
 * memory tests compare it before and after, so they first let every memory that is already unreachable be released.
 */
final class MemoryAccounting {
    private MemoryAccounting() {
    }

    static long used() {
        return NativeMemoryAccount.usedBytes();
    }

    static long pooled() {
        return NativeMemoryAccount.pooledBytes();
    }

    /** Collects until the count stays the same for a while, so later deltas are this test's alone; returns it. */
    static long settle() {
        long last = used();
        int stable = 0;
        for (int i = 0; i < 100 && stable < 3; i++) {
            collect();
            long now = used();
            stable = now == last ? stable + 1 : 0;
            last = now;
        }
        return last;
    }

    /** Collects (for up to ~10 s) until {@code condition} holds for the count; returns whether it did. */
    static boolean collectUntil(LongPredicate condition) {
        return collectUntil(MemoryAccounting::used, condition);
    }

    /** The same for another count, e.g. {@link #pooled()}. */
    static boolean collectUntil(LongSupplier count, LongPredicate condition) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.test(count.getAsLong())) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            collect();
        }
        return true;
    }

    static void collect() {
        System.gc();
        try {
            // The cleaner thread releases memories after the collection found them unreachable.
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
