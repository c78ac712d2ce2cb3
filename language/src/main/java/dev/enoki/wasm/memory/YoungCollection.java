package dev.enoki.wasm.memory;

import java.lang.ref.WeakReference;

/**
 * Provokes a young collection, the cheap way for the collector to find memories that died young; only with
 * {@code -Denoki.memory.youngCollections=true} (see {@link #enabled()}). Java has no call for one ({@code System.gc()}
 * is a full collection under G1: 8-18 ms here even on a 4 MiB heap, for class unloading and compaction), but filling
 * what is left of the young generation with garbage gets one: measured here, 7-12 MiB of short arrays and a 0.5-1.2
 * ms pause.
 *
 * <p>Only while the heap has not grown since the last full collection: a collector that sees frequent collections
 * grows the heap (G1 from 14 to 196 MiB here, after four of them) and the young generation with it, and G1 takes the
 * new young regions from the fresh end of the heap, so filling it would fault in pages nobody had touched. A full
 * collection instead shrinks the heap back. Nor, once an attempt found the young generation bigger than
 * {@link #MAX_GARBAGE_BYTES}, again at that heap size or above: a big application heap gets full collections only,
 * not a wasted attempt before each.
 */
final class YoungCollection {
    private static final int CHUNK = 64 << 10;
    /** The most garbage one attempt allocates, whatever the heap: a bound on what a mistaken attempt costs. */
    private static final long MAX_GARBAGE_BYTES = 32L << 20;

    /** Where the garbage goes, so that no compiler can prove it unused and leave it out. */
    @SuppressWarnings("unused") private static volatile byte[] garbage;
    /** The committed heap after the last full collection asked for here, or when the first attempt came. */
    private static volatile long heapBaseline;
    /** The committed heap when an attempt allocated its most without a collection; Long.MAX_VALUE before. */
    private static volatile long heapTooBigForAttempts = Long.MAX_VALUE;

    private YoungCollection() {
    }

    /**
     * Off by default. It makes scenario A of the memory-lifetime benchmark about 1.4 times as fast (the full collections
     * it saves are most of a cycle there), but the young generation it fills stays resident: 12-16 MiB more peak RSS in
     * A, on top of the 64 MiB memory, where the issue asks for at most half of GraalWasm's 127 MiB. Read on each
     * collection, so it can be switched at run time.
     */
    static boolean enabled() {
        return Boolean.getBoolean("enoki.memory.youngCollections");
    }

    /** Allocates until a collection has happened; false when it did not try or no collection came. */
    static boolean provoke() {
        long heap = Runtime.getRuntime().totalMemory();
        if (heapBaseline == 0) {
            heapBaseline = heap;
        } else if (heap > heapBaseline || heap >= heapTooBigForAttempts) {
            return false;
        }
        // Just allocated, so young: any collection clears it.
        WeakReference<Object> canary = new WeakReference<>(new Object());
        try {
            for (long allocated = 0; allocated < MAX_GARBAGE_BYTES; allocated += CHUNK) {
                garbage = new byte[CHUNK];
                if (canary.refersTo(null)) {
                    return true;
                }
            }
            heapTooBigForAttempts = heap;
            return false;
        } finally {
            garbage = null;
        }
    }

    /** Runs a full collection, and notes the heap size it leaves. */
    static void collectFully() {
        System.gc();
        heapBaseline = Runtime.getRuntime().totalMemory();
    }
}
