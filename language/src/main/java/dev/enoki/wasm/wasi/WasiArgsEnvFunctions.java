package dev.enoki.wasm.wasi;

import java.util.List;

/** {@code args_*} and {@code environ_*}: NUL-terminated strings in one buffer, with an array of pointers into it. */
final class WasiArgsEnvFunctions {
    private WasiArgsEnvFunctions() {
    }

    static List<WasiFunction> all() {
        return List.of(
                        WasiFunction.of("args_sizes_get", "ii", c -> sizes(c, c.environment.arguments)),
                        WasiFunction.of("args_get", "ii", c -> strings(c, c.environment.arguments)),
                        WasiFunction.of("environ_sizes_get", "ii", c -> sizes(c, c.environment.variables)),
                        WasiFunction.of("environ_get", "ii", c -> strings(c, c.environment.variables)));
    }

    private static long bufferSize(List<byte[]> strings) {
        long size = 0;
        for (byte[] s : strings) {
            size += s.length + 1;
        }
        return size;
    }

    /** (count pointer, buffer size pointer). */
    private static void sizes(WasiCall c, List<byte[]> strings) {
        long size = bufferSize(strings);
        if (size > 0xFFFF_FFFFL) {
            throw Errno.TOOBIG.error();
        }
        c.memory.checked(c.i32(0), 4);
        c.memory.checked(c.i32(1), 4);
        c.memory.writeI32(c.i32(0), strings.size());
        c.memory.writeI32(c.i32(1), (int) size);
    }

    /** (pointer array, buffer): both checked before anything is written. */
    private static void strings(WasiCall c, List<byte[]> strings) {
        int pointers = c.i32(0);
        int buffer = c.i32(1);
        c.memory.checked(pointers, 4L * strings.size());
        c.memory.checked(buffer, bufferSize(strings));
        int at = buffer;
        for (int i = 0; i < strings.size(); i++) {
            byte[] s = strings.get(i);
            c.memory.writeI32(pointers + 4 * i, at);
            c.memory.writeBytes(at, s, 0, s.length);
            c.memory.writeI8(at + s.length, 0);
            at += s.length + 1;
        }
    }
}
