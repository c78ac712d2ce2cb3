package dev.enoki.wasm.memory;

/**
 * One reservation of address space, from {@code mmap} to {@code munmap}, serving one linear memory after another
 * (through {@link MappingPool}). It knows how far memories on it have reached, because those bytes may be resident and
 * are booked in {@link NativeMemoryAccount}, and how far a previous memory's bytes may still be there, because a new
 * memory must read zeros: those are zeroed just before the new memory's size reaches them, so only what it actually
 * uses is ever zeroed.
 */
final class Mapping {
    /**
     * Memories that grow past this size get huge pages. Not smaller ones: one touched byte would commit 2 MiB, and
     * most memories are small.
     */
    private static final long HUGE_PAGE_THRESHOLD = 16L << 20;

    final long address;
    final long reservedBytes;
    /** Bytes from the start that memories on this mapping have reached: what may be resident, and what is booked. */
    private long committedBytes;
    /** Bytes from the start that may still hold an earlier memory's contents. */
    private long dirtyBytes;
    /**
     * Once advised, for good: a later memory on this mapping that stays small may then commit 2 MiB for a touched byte,
     * but it stays below {@link #HUGE_PAGE_THRESHOLD}, so that costs at most that much.
     */
    private boolean hugePages;
    /** The context of the last memory on this mapping: a pooled mapping goes when that context closes. */
    private ContextMemories context;

    private Mapping(long address, long reservedBytes) {
        this.address = address;
        this.reservedBytes = reservedBytes;
    }

    /** A fresh mapping of {@code reservedBytes}; null when the OS refuses the address space. */
    static Mapping reserve(long reservedBytes) {
        long address = VirtualMemory.reserve(reservedBytes);
        return address == 0 ? null : new Mapping(address, reservedBytes);
    }

    long committedBytes() {
        return committedBytes;
    }

    ContextMemories context() {
        return context;
    }

    void servesContext(ContextMemories newContext) {
        this.context = newContext;
    }

    /**
     * Makes {@code [fromBytes, toBytes)} ready for a memory growing from {@code fromBytes} to {@code toBytes}: books
     * what no memory on this mapping reached yet (which may first collect unreachable memories), and zeroes what an
     * earlier one may have left there.
     */
    void extend(long fromBytes, long toBytes) {
        if (toBytes > committedBytes) {
            NativeMemoryAccount.commit(toBytes - committedBytes);
            committedBytes = toBytes;
        }
        if (fromBytes < dirtyBytes) {
            long end = Math.min(toBytes, dirtyBytes);
            VirtualMemory.zeroResidentPages(address + fromBytes, end - fromBytes);
        }
        if (!hugePages && toBytes >= HUGE_PAGE_THRESHOLD) {
            VirtualMemory.adviseHugePages(address, reservedBytes);
            hugePages = true;
        }
    }

    /** The memory on this mapping is gone: everything it reached may now hold its bytes. */
    void vacate() {
        dirtyBytes = committedBytes;
    }

    /** Gives back the pages past {@code keepBytes} (a multiple of the OS page), so they no longer count. */
    void shrinkTo(long keepBytes) {
        if (keepBytes < committedBytes) {
            VirtualMemory.releasePages(address + keepBytes, committedBytes - keepBytes);
            NativeMemoryAccount.uncommit(committedBytes - keepBytes);
            committedBytes = keepBytes;
            dirtyBytes = Math.min(dirtyBytes, keepBytes);
        }
    }

    void unmap() {
        VirtualMemory.release(address, reservedBytes);
        NativeMemoryAccount.uncommit(committedBytes);
        committedBytes = 0;
        dirtyBytes = 0;
    }
}
