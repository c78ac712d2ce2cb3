package dev.enoki.wasm.memory;

/**
 * The VM-wide account of linear-memory bytes in use off the Java heap. The garbage collector cannot see these bytes:
 * a few small unreachable objects may hold gigabytes of native memory. So, like direct byte buffers do, a reservation
 * that would pass the soft limit first asks for a collection and waits for the cleaners to release the memories that
 * nobody references any more. When a collection frees nothing, what is left is really in use: the soft limit then
 * follows the live size, so a program that needs much memory is not collected on every grow.
 */
public final class NativeMemoryAccount {
    /** Where collections start; {@code -Denoki.memory.softLimit=<bytes>} overrides. */
    private static final long BASE_SOFT_LIMIT = Long.getLong("enoki.memory.softLimit", 64L << 20);
    /** How long a reservation waits for cleaners after a collection, at most. */
    private static final long MAX_WAIT_MILLIS = 200;

    private static final Object LOCK = new Object();
    private static long used;
    private static long softLimit = BASE_SOFT_LIMIT;

    private NativeMemoryAccount() {
    }

    /** Bytes of linear memory currently held by live (not yet released) memories. */
    public static long usedBytes() {
        synchronized (LOCK) {
            return used;
        }
    }

    static void reserve(long bytes) {
        synchronized (LOCK) {
            if (used + bytes <= softLimit) {
                used += bytes;
                return;
            }
        }
        collectUnreachableMemories(bytes);
    }

    static void unreserve(long bytes) {
        synchronized (LOCK) {
            used -= bytes;
            if (used * 2 < softLimit && softLimit > BASE_SOFT_LIMIT) {
                softLimit = Math.max(BASE_SOFT_LIMIT, used * 2);
            }
            LOCK.notifyAll();
        }
    }

    private static void collectUnreachableMemories(long bytes) {
        System.gc();
        long deadline = System.currentTimeMillis() + MAX_WAIT_MILLIS;
        synchronized (LOCK) {
            // Cleaners run on their own thread after the collection and notify as they release; stop as soon as the
            // reservation fits, or when they have gone quiet (nothing more was unreachable).
            long before = used;
            while (used + bytes > softLimit) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    break;
                }
                try {
                    LOCK.wait(Math.min(left, 10));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                if (used == before) {
                    break;
                }
                before = used;
            }
            if (used + bytes > softLimit) {
                softLimit = (used + bytes) * 2;
            }
            used += bytes;
        }
    }
}
