package dev.enoki.wasm.wasi;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.List;

/** {@code clock_res_get} and {@code clock_time_get}, and the clocks {@code poll_oneoff} waits on. */
final class WasiClockFunctions {
    static final int REALTIME = 0;
    static final int MONOTONIC = 1;
    static final int PROCESS_CPUTIME = 2;
    static final int THREAD_CPUTIME = 3;

    private WasiClockFunctions() {
    }

    static List<WasiFunction> all() {
        return List.of(
                        WasiFunction.of("clock_res_get", "ii", c -> {
                            long resolution = resolution(c.i32(0));
                            c.memory.writeI64(c.i32(1), resolution);
                        }),
                        WasiFunction.of("clock_time_get", "iIi", c -> {
                            long now = now(c.i32(0));
                            c.memory.writeI64(c.i32(2), now);
                        }));
    }

    /** Resolutions in nanoseconds: the JDK reads the realtime clock in microseconds, the others in nanoseconds. */
    static long resolution(int clock) {
        return switch (clock) {
            case REALTIME -> 1000;
            case MONOTONIC, PROCESS_CPUTIME, THREAD_CPUTIME -> 1;
            default -> throw Errno.INVAL.error();
        };
    }

    /** The time of {@code clock} in nanoseconds; the monotonic clock's epoch is arbitrary. */
    static long now(int clock) {
        switch (clock) {
            case REALTIME: {
                Instant now = Instant.now();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }
            case MONOTONIC:
                return System.nanoTime();
            case PROCESS_CPUTIME:
                return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos()).orElseGet(() -> threadCpuTime());
            case THREAD_CPUTIME:
                return threadCpuTime();
            default:
                throw Errno.INVAL.error();
        }
    }

    private static long threadCpuTime() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long time = threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : -1;
        return time >= 0 ? time : System.nanoTime();
    }
}
