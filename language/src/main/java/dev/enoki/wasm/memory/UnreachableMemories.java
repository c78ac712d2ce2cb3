package dev.enoki.wasm.memory;

import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Ends the leases of memories nobody references any more. Each {@link MappingLease} is a phantom reference to its
 * memory; the collector queues it once the memory is unreachable, and a daemon thread ends it. Not a
 * {@link java.lang.ref.Cleaner}: a thread that needs memory now asks for a collection and must know when the leases
 * that collection found have all been ended, so it can tell "nothing was unreachable" from "not done yet" without
 * guessing from a pause. A sentinel registered before the collection tells: the daemon marks it done once it has
 * emptied the queue after it.
 */
final class UnreachableMemories {
    /** How long one collection waits for its leases to be ended, at most. */
    private static final long MAX_WAIT_MILLIS = 200;

    private static final ReferenceQueue<Object> QUEUE = new ReferenceQueue<>();
    /** Keeps the references themselves reachable until they are queued: one that is not is never queued. */
    private static final Set<Reference<?>> TRACKED = ConcurrentHashMap.newKeySet();
    private static final Object LOCK = new Object();

    static {
        Thread daemon = new Thread(UnreachableMemories::endLeases, "enoki-memory-release");
        daemon.setDaemon(true);
        daemon.start();
    }

    private UnreachableMemories() {
    }

    static ReferenceQueue<Object> queue() {
        return QUEUE;
    }

    static void track(Reference<?> reference) {
        TRACKED.add(reference);
    }

    /** The lease's memory was released otherwise (its context closed): nothing to track any more. */
    static void untrack(Reference<?> reference) {
        TRACKED.remove(reference);
    }

    /** Marks the end of what one collection found: an object that is unreachable from the start. */
    private static final class Sentinel extends PhantomReference<Object> {
        /** Guarded by {@link #LOCK}. */
        private boolean done;

        Sentinel() {
            super(new Object(), QUEUE);
        }
    }

    private static void endLeases() {
        List<Sentinel> reached = new ArrayList<>();
        while (true) {
            try {
                Reference<?> reference = QUEUE.remove();
                do {
                    TRACKED.remove(reference);
                    if (reference instanceof Sentinel sentinel) {
                        reached.add(sentinel);
                    } else {
                        ((MappingLease) reference).recycle();
                    }
                } while ((reference = QUEUE.poll()) != null);
                synchronized (LOCK) {
                    for (Sentinel sentinel : reached) {
                        sentinel.done = true;
                    }
                    LOCK.notifyAll();
                }
                reached.clear();
            } catch (InterruptedException e) {
                // A daemon for the VM's lifetime: nobody interrupts it on purpose.
            } catch (RuntimeException | Error e) {
                // One failed release must not stop every later one.
                Thread thread = Thread.currentThread();
                thread.getUncaughtExceptionHandler().uncaughtException(thread, e);
            }
        }
    }

    /**
     * Runs {@code collection} (which says whether a collection happened) and waits until the leases it found are
     * ended; false when there was no collection or the leases took longer than {@link #MAX_WAIT_MILLIS}.
     */
    static boolean collect(BooleanSupplier collection) {
        Sentinel sentinel = new Sentinel();
        TRACKED.add(sentinel);
        if (!collection.getAsBoolean()) {
            return false; // the sentinel stays tracked and marks a later collection's end
        }
        long deadline = System.nanoTime() + MAX_WAIT_MILLIS * 1_000_000;
        synchronized (LOCK) {
            while (!sentinel.done) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return false;
                }
                try {
                    LOCK.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }
}
