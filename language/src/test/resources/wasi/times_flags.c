/* NODE-SKIP: node 20 leaves a descriptor locked after rejecting these flags, then deadlocks on it or aborts at exit. */
/* *_filestat_set_times with contradictory flags: a time cannot be both given and "now". */
#include "wasi_test.h"

int main(void) {
    int dir = preopen_fd("/sandbox");
    __wasi_fd_t fd;
    CHECK("open hello.txt", open_at(dir, "hello.txt", 0, 0, R_READ | R_WRITE, 0, &fd));
    CHECK("fd_filestat_set_times mtim and mtim_now", __wasi_fd_filestat_set_times(fd, 0, 1, __WASI_FSTFLAGS_MTIM | __WASI_FSTFLAGS_MTIM_NOW));
    CHECK("fd_filestat_set_times unknown flag", __wasi_fd_filestat_set_times(fd, 0, 1, 16));
    CHECK("path_filestat_set_times mtim and mtim_now", __wasi_path_filestat_set_times(dir, 0, "hello.txt", 0, 1,
                                                                                        __WASI_FSTFLAGS_MTIM | __WASI_FSTFLAGS_MTIM_NOW));
    CHECK("path_filestat_set_times atim and atim_now", __wasi_path_filestat_set_times(dir, 0, "hello.txt", 1, 0,
                                                                                        __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_ATIM_NOW));
    __wasi_filestat_t st;
    CHECK("fd_filestat_get", __wasi_fd_filestat_get(fd, &st));
    printf("mtim unchanged: %s\n", st.mtim == 1000000000000000000ull ? "yes" : "no");
    return 0;
}
