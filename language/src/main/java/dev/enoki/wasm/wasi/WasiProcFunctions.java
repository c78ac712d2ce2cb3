package dev.enoki.wasm.wasi;

import java.util.List;

/** {@code proc_exit}, {@code proc_raise}, {@code sched_yield} and {@code random_get}. */
final class WasiProcFunctions {
    /** random_get fills at most this much per round, so a huge request does not need a huge Java array. */
    private static final int RANDOM_CHUNK = 1 << 16;

    private WasiProcFunctions() {
    }

    static List<WasiFunction> all() {
        return List.of(
                        WasiFunction.withoutResult("proc_exit", "i", c -> {
                            throw new WasiExitException(c.i32(0), c.location);
                        }),
                        // Signals cannot be delivered to a program inside a Java context; preview1 has no handlers anyway.
                        WasiFunction.of("proc_raise", "i", c -> {
                            throw Errno.NOSYS.error();
                        }),
                        WasiFunction.of("sched_yield", "", c -> Thread.yield()),
                        WasiFunction.of("random_get", "ii", WasiProcFunctions::randomGet));
    }

    private static void randomGet(WasiCall c) {
        int buffer = c.i32(0);
        long length = Integer.toUnsignedLong(c.i32(1));
        c.memory.checked(buffer, length);
        byte[] chunk = new byte[(int) Math.min(length, RANDOM_CHUNK)];
        for (long done = 0; done < length; done += chunk.length) {
            int n = (int) Math.min(chunk.length, length - done);
            c.environment.random().nextBytes(chunk);
            c.memory.writeBytes((int) (buffer + done), chunk, 0, n);
        }
    }
}
