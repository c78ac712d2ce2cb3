package dev.enoki.wasm.memory;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Mappings of memories that became unreachable, kept for the next memories of the same reserved size. A program that
 * creates a memory, uses it and drops it, over and over, then reuses pages that are already resident instead of
 * unmapping them and faulting fresh ones in (the new memory zeroes what it reaches, see {@link Mapping}): in a cycle
 * of a 64 MiB memory with every page touched, that was 2.5-3 ms of zeroing against 9-17 ms of faults on new huge
 * pages.
 *
 * <p>Bounded, and never hiding memory: at most {@link #MAX_MAPPINGS} mappings and {@link #MAX_BYTES} of their pages
 * (the rest are given back to the OS on the way in); those pages stay booked in {@link NativeMemoryAccount}, which
 * empties the pool before it collects; and a context that closes takes its pooled mappings with it.
 */
final class MappingPool {
    static final int MAX_MAPPINGS = 4;
    /** As much as the account lets live memories hold before it collects at all. */
    static final long MAX_BYTES = NativeMemoryAccount.BASE_SOFT_LIMIT;

    /** Most recently pooled first: its pages are the likeliest to be warm. */
    private static final ArrayDeque<Mapping> MAPPINGS = new ArrayDeque<>();
    private static long bytes;

    private MappingPool() {
    }

    /** Pools the mapping of an unreachable memory, or unmaps it when its context is closed. */
    static synchronized void offer(Mapping mapping) {
        if (mapping.context().isClosed()) {
            mapping.unmap();
            return;
        }
        mapping.shrinkTo(Math.min(mapping.committedBytes(), MAX_BYTES));
        while (!MAPPINGS.isEmpty() && (MAPPINGS.size() >= MAX_MAPPINGS || bytes + mapping.committedBytes() > MAX_BYTES)) {
            remove(MAPPINGS.removeLast()).unmap();
        }
        MAPPINGS.addFirst(mapping);
        bytes += mapping.committedBytes();
        NativeMemoryAccount.pooled(mapping.committedBytes());
    }

    /** A pooled mapping of exactly {@code reservedBytes}, or null. */
    static synchronized Mapping take(long reservedBytes) {
        for (Iterator<Mapping> it = MAPPINGS.iterator(); it.hasNext();) {
            Mapping mapping = it.next();
            if (mapping.reservedBytes == reservedBytes) {
                it.remove();
                return remove(mapping);
            }
        }
        return null;
    }

    /** Unmaps every pooled mapping: the account needs their pages for something else. */
    static synchronized void empty() {
        while (!MAPPINGS.isEmpty()) {
            remove(MAPPINGS.removeFirst()).unmap();
        }
    }

    /** Marks the context closed and unmaps its pooled mappings; from now on its memories' mappings are unmapped. */
    static synchronized void close(ContextMemories context) {
        context.markClosed();
        for (Iterator<Mapping> it = MAPPINGS.iterator(); it.hasNext();) {
            Mapping mapping = it.next();
            if (mapping.context() == context) {
                it.remove();
                remove(mapping).unmap();
            }
        }
    }

    /** Books a mapping that left the pool (its pages stay booked as committed: unmap or its new memory takes them). */
    private static Mapping remove(Mapping mapping) {
        bytes -= mapping.committedBytes();
        NativeMemoryAccount.pooled(-mapping.committedBytes());
        return mapping;
    }
}
