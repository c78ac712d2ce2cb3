package dev.enoki.wasm.wasi;

import java.time.Instant;

/** The times {@code fd_filestat_set_times} and {@code path_filestat_set_times} set, decoded from their fstflags. */
record Times(long access, long modified) {
    /** -1: the time stays as it is. */
    static final long UNCHANGED = -1;

    static Times of(long atim, long mtim, int fstflags) {
        if ((fstflags & ~(Fstflags.ATIM | Fstflags.ATIM_NOW | Fstflags.MTIM | Fstflags.MTIM_NOW)) != 0) {
            throw Errno.INVAL.error();
        }
        boolean accessGiven = (fstflags & Fstflags.ATIM) != 0;
        boolean accessNow = (fstflags & Fstflags.ATIM_NOW) != 0;
        boolean modifiedGiven = (fstflags & Fstflags.MTIM) != 0;
        boolean modifiedNow = (fstflags & Fstflags.MTIM_NOW) != 0;
        if ((accessGiven && accessNow) || (modifiedGiven && modifiedNow)) {
            throw Errno.INVAL.error();
        }
        long now = accessNow || modifiedNow ? now() : UNCHANGED;
        return new Times(accessNow ? now : accessGiven ? atim : UNCHANGED, modifiedNow ? now : modifiedGiven ? mtim : UNCHANGED);
    }

    private static long now() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
