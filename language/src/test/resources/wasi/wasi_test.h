/*
 * Helpers shared by the WASI test programs. Each program prints one "label: value" line per check, so the test can
 * compare outputs line by line and name the lines where a reference implementation is known to differ.
 */
#ifndef WASI_TEST_H
#define WASI_TEST_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>

static const char *const ERRNO_NAMES[] = {
    "SUCCESS", "E2BIG", "EACCES", "EADDRINUSE", "EADDRNOTAVAIL", "EAFNOSUPPORT", "EAGAIN", "EALREADY", "EBADF",
    "EBADMSG", "EBUSY", "ECANCELED", "ECHILD", "ECONNABORTED", "ECONNREFUSED", "ECONNRESET", "EDEADLK",
    "EDESTADDRREQ", "EDOM", "EDQUOT", "EEXIST", "EFAULT", "EFBIG", "EHOSTUNREACH", "EIDRM", "EILSEQ", "EINPROGRESS",
    "EINTR", "EINVAL", "EIO", "EISCONN", "EISDIR", "ELOOP", "EMFILE", "EMLINK", "EMSGSIZE", "EMULTIHOP",
    "ENAMETOOLONG", "ENETDOWN", "ENETRESET", "ENETUNREACH", "ENFILE", "ENOBUFS", "ENODEV", "ENOENT", "ENOEXEC",
    "ENOLCK", "ENOLINK", "ENOMEM", "ENOMSG", "ENOPROTOOPT", "ENOSPC", "ENOSYS", "ENOTCONN", "ENOTDIR", "ENOTEMPTY",
    "ENOTRECOVERABLE", "ENOTSOCK", "ENOTSUP", "ENOTTY", "ENXIO", "EOVERFLOW", "EOWNERDEAD", "EPERM", "EPIPE",
    "EPROTO", "EPROTONOSUPPORT", "EPROTOTYPE", "ERANGE", "EROFS", "ESPIPE", "ESRCH", "ESTALE", "ETIMEDOUT",
    "ETXTBSY", "EXDEV", "ENOTCAPABLE",
};

__attribute__((unused)) static const char *errno_name(int e) {
    static char other[32];
    if (e >= 0 && e < (int) (sizeof ERRNO_NAMES / sizeof ERRNO_NAMES[0])) {
        return ERRNO_NAMES[e];
    }
    snprintf(other, sizeof other, "errno %d", e);
    return other;
}

/* Prints "label: ERRNO" for a WASI call's result. */
#define CHECK(label, call) printf("%s: %s\n", label, errno_name((int) (call)))

/* A pointer past the end of any memory these programs have: WASI must answer EFAULT, not trap. */
#define BAD_POINTER 0xFFFFFFF0u

/* Raw imports taking plain integers, so a test can pass pointers C would not let it form. */
#define RAW(name) __attribute__((import_module("wasi_snapshot_preview1"), import_name(#name)))
RAW(fd_write) int32_t raw_fd_write(int32_t fd, int32_t iovs, int32_t iovs_len, int32_t nwritten);
RAW(fd_read) int32_t raw_fd_read(int32_t fd, int32_t iovs, int32_t iovs_len, int32_t nread);
RAW(args_sizes_get) int32_t raw_args_sizes_get(int32_t argc, int32_t size);
RAW(args_get) int32_t raw_args_get(int32_t argv, int32_t buf);
RAW(environ_get) int32_t raw_environ_get(int32_t environ, int32_t buf);
RAW(clock_time_get) int32_t raw_clock_time_get(int32_t id, int64_t precision, int32_t time);
RAW(random_get) int32_t raw_random_get(int32_t buf, int32_t len);
RAW(fd_fdstat_get) int32_t raw_fd_fdstat_get(int32_t fd, int32_t stat);
RAW(fd_filestat_get) int32_t raw_fd_filestat_get(int32_t fd, int32_t stat);
RAW(fd_prestat_get) int32_t raw_fd_prestat_get(int32_t fd, int32_t prestat);
RAW(path_open) int32_t raw_path_open(int32_t fd, int32_t dirflags, int32_t path, int32_t path_len, int32_t oflags,
                                     int64_t base, int64_t inheriting, int32_t fdflags, int32_t result);
RAW(path_filestat_get) int32_t raw_path_filestat_get(int32_t fd, int32_t flags, int32_t path, int32_t path_len, int32_t stat);
RAW(poll_oneoff) int32_t raw_poll_oneoff(int32_t in, int32_t out, int32_t n, int32_t nevents);
RAW(fd_readdir) int32_t raw_fd_readdir(int32_t fd, int32_t buf, int32_t len, int64_t cookie, int32_t used);

/* The descriptor of the pre-opened directory named {@code name}, or -1. */
__attribute__((unused)) static int preopen_fd(const char *name) {
    for (int fd = 3; fd < 64; fd++) {
        __wasi_prestat_t prestat;
        if (__wasi_fd_prestat_get(fd, &prestat) != 0) {
            break;
        }
        char buf[256];
        size_t len = prestat.u.dir.pr_name_len;
        if (len < sizeof buf && __wasi_fd_prestat_dir_name(fd, (uint8_t *) buf, len) == 0) {
            buf[len] = 0;
            if (strcmp(buf, name) == 0) {
                return fd;
            }
        }
    }
    return -1;
}

/* The rights the directory {@code dir} can hand on: what the tests request when they want "all" of them. */
__attribute__((unused)) static __wasi_rights_t inheritable(int dir) {
    __wasi_fdstat_t stat;
    if (__wasi_fd_fdstat_get(dir, &stat) != 0) {
        return 0;
    }
    return stat.fs_rights_inheriting;
}

/* Opens {@code path} below {@code dir} with {@code base} rights (cut to what dir can hand on) and returns the errno. */
__attribute__((unused)) static int open_at(int dir, const char *path, __wasi_lookupflags_t lookup, __wasi_oflags_t oflags, __wasi_rights_t base,
                   __wasi_fdflags_t fdflags, __wasi_fd_t *fd) {
    __wasi_rights_t allowed = inheritable(dir);
    return __wasi_path_open(dir, lookup, path, oflags, base & allowed, allowed, fdflags, fd);
}

#define R_READ (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_TELL | __WASI_RIGHTS_FD_FILESTAT_GET | \
                __WASI_RIGHTS_FD_READDIR | __WASI_RIGHTS_FD_ADVISE | __WASI_RIGHTS_POLL_FD_READWRITE | __WASI_RIGHTS_FD_FDSTAT_SET_FLAGS)
#define R_WRITE (__WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_TELL | __WASI_RIGHTS_FD_FILESTAT_GET | \
                 __WASI_RIGHTS_FD_FILESTAT_SET_SIZE | __WASI_RIGHTS_FD_FILESTAT_SET_TIMES | __WASI_RIGHTS_FD_ALLOCATE | \
                 __WASI_RIGHTS_FD_DATASYNC | __WASI_RIGHTS_FD_SYNC | __WASI_RIGHTS_FD_FDSTAT_SET_FLAGS)
#define R_ALL (~(__wasi_rights_t) 0)

#endif
