package dev.enoki.wasm.wasi;

import java.util.List;

/**
 * {@code sock_*}: preview1 can only use sockets handed to the program at startup, and Enoki hands none over, so no
 * descriptor is a socket: {@code ENOTSOCK} for an open descriptor (what wasi-testsuite's sock_shutdown-not_sock
 * expects), {@code EBADF} for a closed one.
 */
final class WasiSockFunctions {
    private WasiSockFunctions() {
    }

    static List<WasiFunction> all() {
        return List.of(
                        WasiFunction.of("sock_accept", "iii", WasiSockFunctions::notASocket),
                        WasiFunction.of("sock_recv", "iiiiii", WasiSockFunctions::notASocket),
                        WasiFunction.of("sock_send", "iiiii", WasiSockFunctions::notASocket),
                        WasiFunction.of("sock_shutdown", "ii", WasiSockFunctions::notASocket));
    }

    private static void notASocket(WasiCall c) {
        c.fds().get(c.i32(0));
        throw Errno.NOTSOCK.error();
    }
}
