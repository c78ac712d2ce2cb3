package dev.enoki.wasm.memory;

import java.lang.ref.PhantomReference;
import java.lang.ref.WeakReference;

/**
 * A linear memory's hold on its {@link Mapping}, kept apart from the memory so that it can be ended after the memory
 * is unreachable: a phantom reference to it, which {@link UnreachableMemories} ends once the collector found the memory
 * unreachable (the mapping goes back to {@link MappingPool} for another memory: nobody can reach it through the old
 * memory any more). Or the lease ends when the context closes: the old memory is detached first, and the mapping is
 * unmapped, never reused, since a host value kept after close must never see another memory's bytes.
 */
final class MappingLease extends PhantomReference<LinearMemory> {
    final Mapping mapping;
    final ContextMemories context;
    final WeakReference<LinearMemory> owner;
    /** The memory's current size: what it claims from the context's limit and counts as live. */
    private long sizeBytes;
    private boolean ended;

    MappingLease(Mapping mapping, ContextMemories context, LinearMemory owner) {
        super(owner, UnreachableMemories.queue());
        this.mapping = mapping;
        this.context = context;
        this.owner = new WeakReference<>(owner);
        mapping.servesContext(context);
        context.register(this);
        UnreachableMemories.track(this);
    }

    /** Makes room for the memory to grow to {@code toBytes}; false when the context's limit does not allow it. */
    synchronized boolean grow(long toBytes) {
        long delta = toBytes - sizeBytes;
        if (ended || !context.claim(delta)) {
            return false;
        }
        mapping.extend(sizeBytes, toBytes);
        NativeMemoryAccount.addLive(delta);
        sizeBytes = toBytes;
        return true;
    }

    /** The memory is unreachable, so its mapping may serve another one. */
    synchronized void recycle() {
        if (end()) {
            mapping.vacate();
            MappingPool.offer(mapping);
        }
    }

    /** Ends the lease now and unmaps: the context closes, or the memory could not be created. */
    synchronized void release() {
        if (end()) {
            UnreachableMemories.untrack(this);
            mapping.unmap();
        }
    }

    private boolean end() {
        if (ended) {
            return false;
        }
        ended = true;
        NativeMemoryAccount.removeLive(sizeBytes);
        context.unclaim(sizeBytes);
        context.unregister(this);
        return true;
    }
}
