package dev.enoki.wasm.memory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The VM-wide account of linear-memory bytes in use off the Java heap. The garbage collector cannot see these bytes:
 * a few small unreachable objects may hold gigabytes of native memory. So, like direct byte buffers do, a reservation
 * that would pass the soft limit first asks for a collection and gives the cleaners a moment to release memories
 * nobody references any more, and only then proceeds. The soft limit then follows the live size, so a program that
 * really uses much memory is not collected on every grow.
 */
public final class NativeMemoryAccount {
    /** Where collections start; {@code -Denoki.memory.softLimit=<bytes>} overrides. */
    private static final long BASE_SOFT_LIMIT = Long.getLong("enoki.memory.softLimit", 256L << 20);
    private static final int MAX_WAITS = 10;

    private static final AtomicLong used = new AtomicLong();
    private static volatile long softLimit = BASE_SOFT_LIMIT;

    private NativeMemoryAccount() {
    }

    /** Bytes of linear memory currently held by live (not yet released) memories. */
    public static long usedBytes() {
        return used.get();
    }

    static void reserve(long bytes) {
        if (used.get() + bytes > softLimit) {
            collectUnreachableMemories(bytes);
        }
        used.addAndGet(bytes);
    }

    static void unreserve(long bytes) {
        long now = used.addAndGet(-bytes);
        if (now * 2 < softLimit && softLimit > BASE_SOFT_LIMIT) {
            softLimit = Math.max(BASE_SOFT_LIMIT, now * 2);
        }
    }

    private static synchronized void collectUnreachableMemories(long bytes) {
        for (int i = 0; i < MAX_WAITS && used.get() + bytes > softLimit; i++) {
            System.gc();
            try {
                // The cleaner thread releases memories after the collection found them unreachable.
                Thread.sleep(i == 0 ? 5 : 20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (used.get() + bytes > softLimit) {
            // What is left is really in use: let the limit follow it rather than collecting on every grow.
            softLimit = Math.max(softLimit, (used.get() + bytes) * 2);
        }
    }
}
