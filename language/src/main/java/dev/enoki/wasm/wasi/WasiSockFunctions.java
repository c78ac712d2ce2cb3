package dev.enoki.wasm.wasi;

import java.util.List;

/**
 * {@code sock_*}: preview1 can only use sockets handed to the program at startup, and Enoki hands none over, so
 * socket operations are not supported: {@code ENOTSUP} for an open descriptor, {@code EBADF} for a closed one.
 */
final class WasiSockFunctions {
    private WasiSockFunctions() {
    }

    static List<WasiFunction> all() {
        return List.of(
                        WasiFunction.of("sock_accept", "iii", WasiSockFunctions::unsupported),
                        WasiFunction.of("sock_recv", "iiiiii", WasiSockFunctions::unsupported),
                        WasiFunction.of("sock_send", "iiiii", WasiSockFunctions::unsupported),
                        WasiFunction.of("sock_shutdown", "ii", WasiSockFunctions::unsupported));
    }

    private static void unsupported(WasiCall c) {
        c.fds().get(c.i32(0));
        throw Errno.NOTSUP.error();
    }
}
