package dev.enoki.wasm.memory;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Address-space reservations from the operating system ({@code mmap}/{@code munmap} through FFM). A linear memory
 * reserves its maximum size once: pages are committed by the OS only when first touched, so growing never copies,
 * and {@code munmap} returns everything at once when the mapping is released. Also the calls that let a mapping serve
 * another memory: which pages are resident ({@code mincore}), zeroing them ({@code memset}) and giving pages back
 * ({@code madvise(MADV_DONTNEED)}).
 */
final class VirtualMemory {
    private static final int PROT_READ = 0x1;
    private static final int PROT_WRITE = 0x2;
    private static final int MAP_PRIVATE = 0x02;
    private static final int MAP_ANONYMOUS = 0x20;
    private static final int MAP_NORESERVE = 0x4000;
    private static final long MAP_FAILED = -1L;

    private static final MethodHandle MMAP;
    private static final MethodHandle MUNMAP;
    private static final int MADV_DONTNEED = 4;
    private static final int MADV_HUGEPAGE = 14;
    /** The granule of {@code mincore}: Linux's base page, also where it uses huge pages. */
    static final long OS_PAGE = 4096;
    /** Bit 0 of eight {@code mincore} entries: all eight pages resident. */
    private static final long ALL_RESIDENT = 0x0101010101010101L;

    static {
        Linker linker = Linker.nativeLinker();
        SymbolLookup libc = linker.defaultLookup();
        MMAP = linker.downcallHandle(libc.find("mmap").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));
        MUNMAP = linker.downcallHandle(libc.find("munmap").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
    }

    /**
     * The calls only large memories and reused mappings need, made on first use: each downcall handle costs a few
     * milliseconds to create, which a short program (a hello world has a 128 KiB memory) should not pay at start-up.
     */
    private static final class LargeAndReusedMemoryCalls {
        static final MethodHandle MADVISE;
        static final MethodHandle MINCORE;
        static final MethodHandle MEMSET;

        static {
            Linker linker = Linker.nativeLinker();
            SymbolLookup libc = linker.defaultLookup();
            MADVISE = linker.downcallHandle(libc.find("madvise").orElseThrow(),
                            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
            MINCORE = linker.downcallHandle(libc.find("mincore").orElseThrow(),
                            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));
            // critical: no thread-state transition around a call that only writes memory we own.
            MEMSET = linker.downcallHandle(libc.find("memset").orElseThrow(),
                            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG), Linker.Option.critical(false));
        }
    }

    private VirtualMemory() {
    }

    /** Reserves {@code bytes} of zeroed, readable and writable address space; returns 0 when the OS refuses. */
    static long reserve(long bytes) {
        try {
            long address = (long) MMAP.invokeExact(0L, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0L);
            return address == MAP_FAILED ? 0 : address;
        } catch (Throwable t) {
            throw new IllegalStateException("mmap failed", t);
        }
    }

    static void release(long address, long bytes) {
        try {
            int ignored = (int) MUNMAP.invokeExact(address, bytes);
        } catch (Throwable t) {
            throw new IllegalStateException("munmap failed", t);
        }
    }

    /**
     * Asks for transparent huge pages in a range: a fresh 2 MiB page costs about as much to fault in as a 4 KiB one,
     * which made first touches of large memories about five times faster here. Only a hint: ignored where THP is off.
     */
    static void adviseHugePages(long address, long bytes) {
        try {
            int ignored = (int) LargeAndReusedMemoryCalls.MADVISE.invokeExact(address, bytes, MADV_HUGEPAGE);
        } catch (Throwable t) {
            throw new IllegalStateException("madvise failed", t);
        }
    }

    /** Gives the pages of a range back to the OS: it reads as zero afterwards, and costs memory again only once touched. */
    static void releasePages(long address, long bytes) {
        try {
            int ignored = (int) LargeAndReusedMemoryCalls.MADVISE.invokeExact(address, bytes, MADV_DONTNEED);
        } catch (Throwable t) {
            throw new IllegalStateException("madvise failed", t);
        }
    }

    /**
     * Zeroes the resident pages of a range ({@code address} and {@code bytes} multiples of {@link #OS_PAGE}) and leaves
     * the others alone: those read as zero already, and writing them would commit memory nobody may ever touch. libc's
     * {@code memset} rather than {@code Unsafe.setMemory}: it zeroed 64 MiB here in 2.5-3 ms against 5.5-9 ms, and
     * faster than {@code MADV_DONTNEED} followed by the faults that bring the pages back (4.6-8 ms with huge pages).
     */
    static void zeroResidentPages(long address, long bytes) {
        long pages = bytes / OS_PAGE;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment resident = arena.allocate(pages);
            if ((int) LargeAndReusedMemoryCalls.MINCORE.invokeExact(address, bytes, resident) != 0) {
                zero(address, bytes); // cannot tell: zero it all
                return;
            }
            long run = -1;
            for (long page = 0; page <= pages; page++) {
                // Eight pages at once while they are all resident, the common case of a memory in use.
                if (run >= 0 && page + 8 <= pages && (resident.get(ValueLayout.JAVA_LONG_UNALIGNED, page) & ALL_RESIDENT) == ALL_RESIDENT) {
                    page += 7;
                    continue;
                }
                boolean in = page < pages && (resident.get(ValueLayout.JAVA_BYTE, page) & 1) != 0;
                if (in && run < 0) {
                    run = page;
                } else if (!in && run >= 0) {
                    zero(address + run * OS_PAGE, (page - run) * OS_PAGE);
                    run = -1;
                }
            }
        } catch (Throwable t) {
            throw new IllegalStateException("mincore or memset failed", t);
        }
    }

    private static void zero(long address, long bytes) throws Throwable {
        long ignored = (long) LargeAndReusedMemoryCalls.MEMSET.invokeExact(address, 0, bytes);
    }

    /** A view of {@code bytes} bytes at {@code address}; global scope: its lifetime is managed by {@link LinearMemory}. */
    static MemorySegment view(long address, long bytes) {
        return MemorySegment.ofAddress(address).reinterpret(bytes);
    }
}
