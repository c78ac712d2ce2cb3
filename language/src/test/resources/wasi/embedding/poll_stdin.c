/* Waits for standard input with poll_oneoff and no clock, then reads it. */
#include "../wasi_test.h"

int main(void) {
    __wasi_subscription_t in;
    memset(&in, 0, sizeof in);
    in.userdata = 5;
    in.u.tag = __WASI_EVENTTYPE_FD_READ;
    in.u.u.fd_read.file_descriptor = 0;
    __wasi_event_t out;
    __wasi_size_t n;
    CHECK("poll", __wasi_poll_oneoff(&in, &out, 1, &n));
    printf("events %u userdata %llu type %u error %s bytes positive %s\n", (unsigned) n, (unsigned long long) out.userdata,
           out.type, errno_name(out.error), out.fd_readwrite.nbytes > 0 ? "yes" : "no");
    char buf[32] = {0};
    __wasi_iovec_t iov = {(uint8_t *) buf, sizeof buf - 1};
    CHECK("read", __wasi_fd_read(0, &iov, 1, &n));
    printf("read: %s", buf);
    CHECK("poll at end of input", __wasi_poll_oneoff(&in, &out, 1, &n));
    printf("hangup: %s\n", out.fd_readwrite.flags & __WASI_EVENTRWFLAGS_FD_READWRITE_HANGUP ? "yes" : "no");
    return 0;
}
