/* NODE-SKIP: node 20 crashes (SIGSEGV in uvwasi) when sock_* is given a descriptor that is not a socket. */
/* sock_*: Enoki hands no sockets to programs, so no descriptor is a socket: ENOTSOCK, or EBADF for a closed descriptor. */
#include "wasi_test.h"

int main(void) {
    __wasi_fd_t fd;
    __wasi_size_t n;
    __wasi_roflags_t roflags;
    char data[4] = "abc";
    __wasi_iovec_t iov = {(uint8_t *) data, 3};
    __wasi_ciovec_t ciov = {(const uint8_t *) data, 3};
    CHECK("sock_accept stdout", __wasi_sock_accept(1, 0, &fd));
    CHECK("sock_recv stdin", __wasi_sock_recv(0, &iov, 1, 0, &n, &roflags));
    CHECK("sock_send stdout", __wasi_sock_send(1, &ciov, 1, 0, &n));
    CHECK("sock_shutdown stdout", __wasi_sock_shutdown(1, __WASI_SDFLAGS_WR));
    CHECK("sock_accept bad fd", __wasi_sock_accept(99, 0, &fd));
    CHECK("sock_recv bad fd", __wasi_sock_recv(99, &iov, 1, 0, &n, &roflags));
    CHECK("sock_send bad fd", __wasi_sock_send(99, &ciov, 1, 0, &n));
    CHECK("sock_shutdown bad fd", __wasi_sock_shutdown(99, __WASI_SDFLAGS_RD));
    return 0;
}
