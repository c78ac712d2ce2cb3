package dev.enoki.wasm.memory;

import java.lang.ref.WeakReference;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The linear memories of one context: what {@code Context.close()} releases at once, and the byte limit the context
 * option {@code wasm.MemoryLimit} sets on their total size. Holds memories weakly, so it never keeps one alive.
 */
public final class ContextMemories {
    private final long limitBytes;
    private final Set<MappingLease> live = ConcurrentHashMap.newKeySet();
    private long usedBytes;
    /** Set and read under {@link MappingPool}'s lock, so that no mapping of this context is pooled after close. */
    private boolean closed;

    /** @param limitBytes the most bytes this context's memories may hold together; Long.MAX_VALUE for no limit */
    public ContextMemories(long limitBytes) {
        this.limitBytes = limitBytes;
    }

    /** Claims {@code bytes} against the limit; false when that would pass it. */
    synchronized boolean claim(long bytes) {
        if (usedBytes + bytes > limitBytes) {
            return false;
        }
        usedBytes += bytes;
        return true;
    }

    synchronized void unclaim(long bytes) {
        usedBytes -= bytes;
    }

    void register(MappingLease lease) {
        live.add(lease);
    }

    void unregister(MappingLease lease) {
        live.remove(lease);
    }

    boolean isClosed() {
        return closed;
    }

    void markClosed() {
        closed = true;
    }

    /**
     * Releases every memory of the context, and the pooled mappings its memories left; any later access through a
     * kept reference fails cleanly.
     */
    public void releaseAll() {
        MappingPool.close(this);
        for (MappingLease lease : live) {
            WeakReference<LinearMemory> owner = lease.owner;
            LinearMemory memory = owner.get();
            if (memory != null) {
                memory.detach();
            }
            lease.release();
        }
    }
}
