/* fd_*: reading, writing, seeking, sizes, times, flags, rights, renumbering and closing, with their error paths. */
#include "wasi_test.h"

static int dir;

static void print_file(const char *label, __wasi_fd_t fd) {
    char buf[128];
    __wasi_iovec_t iov = {(uint8_t *) buf, sizeof buf};
    __wasi_size_t n = 0;
    int e = __wasi_fd_pread(fd, &iov, 1, 0, &n);
    printf("%s: %s [", label, errno_name(e));
    for (unsigned i = 0; i < n; i++) {
        putchar(buf[i] >= 32 && buf[i] < 127 ? buf[i] : '.');
    }
    printf("] %u bytes\n", (unsigned) n);
}

static void reading(void) {
    __wasi_fd_t fd;
    CHECK("open hello.txt read-only", open_at(dir, "hello.txt", 0, 0, R_READ, 0, &fd));
    char buf[32] = {0};
    __wasi_iovec_t iov = {(uint8_t *) buf, 5};
    __wasi_size_t n;
    __wasi_filesize_t pos;
    CHECK("fd_read", __wasi_fd_read(fd, &iov, 1, &n));
    printf("read: %u [%.5s]\n", (unsigned) n, buf);
    CHECK("fd_tell", __wasi_fd_tell(fd, &pos));
    printf("tell: %llu\n", (unsigned long long) pos);

    char a[3], b[4];
    __wasi_iovec_t two[2] = {{(uint8_t *) a, 3}, {(uint8_t *) b, 4}};
    CHECK("fd_read two iovecs", __wasi_fd_read(fd, two, 2, &n));
    printf("read two iovecs: %u [%.3s|%.4s]\n", (unsigned) n, a, b);

    CHECK("fd_seek set 0", __wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &pos));
    printf("seek set: %llu\n", (unsigned long long) pos);
    CHECK("fd_seek end", __wasi_fd_seek(fd, -3, __WASI_WHENCE_END, &pos));
    printf("seek end -3: %llu\n", (unsigned long long) pos);
    CHECK("fd_seek cur", __wasi_fd_seek(fd, -2, __WASI_WHENCE_CUR, &pos));
    printf("seek cur -2: %llu\n", (unsigned long long) pos);
    CHECK("fd_seek before start", __wasi_fd_seek(fd, -100, __WASI_WHENCE_CUR, &pos));
    CHECK("fd_seek bad whence", __wasi_fd_seek(fd, 0, 3, &pos));
    CHECK("fd_seek past end", __wasi_fd_seek(fd, 100, __WASI_WHENCE_SET, &pos));
    iov.buf_len = sizeof buf;
    CHECK("fd_read past end", __wasi_fd_read(fd, &iov, 1, &n));
    printf("read past end: %u\n", (unsigned) n);

    iov.buf_len = 5;
    CHECK("fd_pread", __wasi_fd_pread(fd, &iov, 1, 6, &n));
    printf("pread at 6: %u [%.5s]\n", (unsigned) n, buf);
    (void) __wasi_fd_tell(fd, &pos);
    printf("tell after pread: %llu\n", (unsigned long long) pos);

    __wasi_ciovec_t ciov = {(const uint8_t *) "x", 1};
    CHECK("fd_write without write right", __wasi_fd_write(fd, &ciov, 1, &n));
    CHECK("fd_pwrite without write right", __wasi_fd_pwrite(fd, &ciov, 1, 0, &n));
    CHECK("fd_filestat_set_size without right", __wasi_fd_filestat_set_size(fd, 0));
    CHECK("fd_allocate without right", __wasi_fd_allocate(fd, 0, 10));
    CHECK("fd_readdir on a file", __wasi_fd_readdir(fd, (uint8_t *) buf, sizeof buf, 0, &n));

    /* Pointers outside memory. */
    CHECK("fd_read bad iovec array", raw_fd_read(fd, (int32_t) BAD_POINTER, 1, (int32_t) (uintptr_t) &n));
    __wasi_iovec_t bad = {(uint8_t *) (uintptr_t) BAD_POINTER, 100};
    CHECK("fd_read bad buffer", raw_fd_read(fd, (int32_t) (uintptr_t) &bad, 1, (int32_t) (uintptr_t) &n));
    iov.buf_len = 5;
    CHECK("fd_read bad result pointer", raw_fd_read(fd, (int32_t) (uintptr_t) &iov, 1, (int32_t) BAD_POINTER));
    CHECK("fd_fdstat_get bad pointer", raw_fd_fdstat_get(fd, (int32_t) BAD_POINTER));
    CHECK("fd_filestat_get bad pointer", raw_fd_filestat_get(fd, (int32_t) BAD_POINTER));
    CHECK("fd_close", __wasi_fd_close(fd));
    CHECK("fd_close again", __wasi_fd_close(fd));
    CHECK("fd_read closed", __wasi_fd_read(fd, &iov, 1, &n));
}

static void writing(void) {
    __wasi_fd_t fd;
    __wasi_size_t n;
    __wasi_filesize_t pos;
    CHECK("create new.txt", open_at(dir, "new.txt", 0, __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL, R_READ | R_WRITE, 0, &fd));
    __wasi_fd_t other;
    CHECK("create new.txt again exclusively", open_at(dir, "new.txt", 0, __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL, R_READ, 0, &other));
    __wasi_ciovec_t two[2] = {{(const uint8_t *) "abc", 3}, {(const uint8_t *) "def", 3}};
    CHECK("fd_write two iovecs", __wasi_fd_write(fd, two, 2, &n));
    printf("written: %u\n", (unsigned) n);
    __wasi_ciovec_t xy = {(const uint8_t *) "XY", 2};
    CHECK("fd_pwrite", __wasi_fd_pwrite(fd, &xy, 1, 1, &n));
    (void) __wasi_fd_tell(fd, &pos);
    printf("tell after pwrite: %llu\n", (unsigned long long) pos);
    print_file("after pwrite", fd);
    CHECK("fd_pwrite past end", __wasi_fd_pwrite(fd, &xy, 1, 10, &n));
    print_file("after pwrite past end", fd);

    __wasi_filestat_t st;
    CHECK("fd_filestat_get", __wasi_fd_filestat_get(fd, &st));
    printf("filestat: type %u size %llu nlink %llu\n", st.filetype, (unsigned long long) st.size, (unsigned long long) st.nlink);
    CHECK("fd_filestat_set_size shrink", __wasi_fd_filestat_set_size(fd, 3));
    print_file("after shrink", fd);
    CHECK("fd_filestat_set_size grow", __wasi_fd_filestat_set_size(fd, 5));
    print_file("after grow", fd);
    (void) __wasi_fd_tell(fd, &pos);
    printf("tell after resize: %llu\n", (unsigned long long) pos);
    CHECK("fd_allocate", __wasi_fd_allocate(fd, 0, 100));
    (void) __wasi_fd_filestat_get(fd, &st);
    printf("size after allocate: %llu\n", (unsigned long long) st.size);
    CHECK("fd_allocate inside", __wasi_fd_allocate(fd, 10, 20));
    (void) __wasi_fd_filestat_get(fd, &st);
    printf("size after allocate inside: %llu\n", (unsigned long long) st.size);
    CHECK("fd_sync", __wasi_fd_sync(fd));
    CHECK("fd_datasync", __wasi_fd_datasync(fd));
    CHECK("fd_advise", __wasi_fd_advise(fd, 0, 100, __WASI_ADVICE_SEQUENTIAL));
    CHECK("fd_advise bad advice", __wasi_fd_advise(fd, 0, 100, 9));

    CHECK("fd_filestat_set_times", __wasi_fd_filestat_set_times(fd, 1500000000123456789ull, 1600000000987654321ull,
                                                                  __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM));
    (void) __wasi_fd_filestat_get(fd, &st);
    printf("times: atim %llu mtim %llu\n", (unsigned long long) st.atim, (unsigned long long) st.mtim);
    CHECK("fd_filestat_set_times mtim only", __wasi_fd_filestat_set_times(fd, 0, 1700000000000000000ull, __WASI_FSTFLAGS_MTIM));
    (void) __wasi_fd_filestat_get(fd, &st);
    printf("times after mtim only: atim %llu mtim %llu\n", (unsigned long long) st.atim, (unsigned long long) st.mtim);
    CHECK("fd_filestat_set_times now", __wasi_fd_filestat_set_times(fd, 0, 0, __WASI_FSTFLAGS_MTIM_NOW));
    (void) __wasi_fd_filestat_get(fd, &st);
    printf("mtim now is recent: %s\n", st.mtim > 1700000000000000000ull ? "yes" : "no");
    CHECK("fd_filestat_set_times atim and atim_now", __wasi_fd_filestat_set_times(fd, 1, 0, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_ATIM_NOW));

    /* Append mode set later: writes go to the end whatever the position. */
    (void) __wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &pos);
    CHECK("fd_fdstat_set_flags append", __wasi_fd_fdstat_set_flags(fd, __WASI_FDFLAGS_APPEND));
    __wasi_fdstat_t fst;
    CHECK("fd_fdstat_get", __wasi_fd_fdstat_get(fd, &fst));
    printf("fdstat: type %u flags %u can write %s can readdir %s\n", fst.fs_filetype, fst.fs_flags,
           fst.fs_rights_base & __WASI_RIGHTS_FD_WRITE ? "yes" : "no", fst.fs_rights_base & __WASI_RIGHTS_FD_READDIR ? "yes" : "no");
    __wasi_ciovec_t z = {(const uint8_t *) "Z", 1};
    CHECK("fd_write appending", __wasi_fd_write(fd, &z, 1, &n));
    (void) __wasi_fd_tell(fd, &pos);
    printf("tell after append: %llu\n", (unsigned long long) pos);
    CHECK("fd_fdstat_set_flags none", __wasi_fd_fdstat_set_flags(fd, 0));

    /* Dropping rights is for good. */
    CHECK("fd_fdstat_set_rights drop write", __wasi_fd_fdstat_set_rights(fd, fst.fs_rights_base & ~__WASI_RIGHTS_FD_WRITE, 0));
    CHECK("fd_write after dropping the right", __wasi_fd_write(fd, &z, 1, &n));
    CHECK("fd_fdstat_set_rights regain write", __wasi_fd_fdstat_set_rights(fd, fst.fs_rights_base, 0));
    CHECK("fd_close", __wasi_fd_close(fd));

    /* Append mode from path_open. */
    CHECK("open new.txt appending", open_at(dir, "new.txt", 0, 0, R_READ | R_WRITE, __WASI_FDFLAGS_APPEND, &fd));
    CHECK("fd_write appending from open", __wasi_fd_write(fd, &z, 1, &n));
    (void) __wasi_fd_filestat_get(fd, &st);
    printf("size after append: %llu\n", (unsigned long long) st.size);
    (void) __wasi_fd_fdstat_get(fd, &fst);
    printf("fdstat flags from open: %u\n", fst.fs_flags);
    (void) __wasi_fd_close(fd);

    CHECK("open new.txt truncating", open_at(dir, "new.txt", 0, __WASI_OFLAGS_TRUNC, R_READ | R_WRITE, 0, &fd));
    (void) __wasi_fd_filestat_get(fd, &st);
    printf("size after truncating open: %llu\n", (unsigned long long) st.size);
    (void) __wasi_fd_close(fd);
}

static void descriptors(void) {
    __wasi_fd_t a, b;
    __wasi_size_t n;
    char buf[16];
    __wasi_iovec_t iov = {(uint8_t *) buf, 5};
    CHECK("open a", open_at(dir, "hello.txt", 0, 0, R_READ, 0, &a));
    CHECK("open b", open_at(dir, "sub/inner.txt", 0, 0, R_READ, 0, &b));
    CHECK("fd_renumber a to b", __wasi_fd_renumber(a, b));
    CHECK("fd_read renumbered", __wasi_fd_read(b, &iov, 1, &n));
    printf("read renumbered: [%.*s]\n", (int) n, buf);
    CHECK("fd_read old number", __wasi_fd_read(a, &iov, 1, &n));
    CHECK("fd_renumber from closed", __wasi_fd_renumber(a, b));
    CHECK("fd_renumber to closed", __wasi_fd_renumber(b, 99));
    CHECK("fd_renumber to itself", __wasi_fd_renumber(b, b));
    (void) __wasi_fd_close(b);

    __wasi_fdstat_t fst;
    __wasi_filestat_t st;
    __wasi_filesize_t pos;
    CHECK("fd_read bad fd", __wasi_fd_read(99, &iov, 1, &n));
    CHECK("fd_seek bad fd", __wasi_fd_seek(99, 0, __WASI_WHENCE_SET, &pos));
    CHECK("fd_fdstat_get bad fd", __wasi_fd_fdstat_get(99, &fst));
    CHECK("fd_filestat_get bad fd", __wasi_fd_filestat_get(99, &st));
    CHECK("fd_close bad fd", __wasi_fd_close(99));
    CHECK("fd_close negative fd", __wasi_fd_close(-1));
    CHECK("fd_sync bad fd", __wasi_fd_sync(99));
    CHECK("fd_fdstat_set_flags bad fd", __wasi_fd_fdstat_set_flags(99, 0));

    /* A directory is not read, written or seeked as bytes. */
    CHECK("fd_read directory", __wasi_fd_read(dir, &iov, 1, &n));
    CHECK("fd_seek directory", __wasi_fd_seek(dir, 0, __WASI_WHENCE_SET, &pos));
    CHECK("fd_tell directory", __wasi_fd_tell(dir, &pos));
    __wasi_ciovec_t ciov = {(const uint8_t *) "x", 1};
    CHECK("fd_write directory", __wasi_fd_write(dir, &ciov, 1, &n));
    CHECK("fd_fdstat_get directory", __wasi_fd_fdstat_get(dir, &fst));
    printf("directory fdstat: type %u can open %s can read %s\n", fst.fs_filetype,
           fst.fs_rights_base & __WASI_RIGHTS_PATH_OPEN ? "yes" : "no", fst.fs_rights_base & __WASI_RIGHTS_FD_READ ? "yes" : "no");
    CHECK("fd_filestat_get directory", __wasi_fd_filestat_get(dir, &st));
    printf("directory filestat type: %u\n", st.filetype);

    /* Pre-opens. */
    __wasi_prestat_t pre;
    CHECK("fd_prestat_get", __wasi_fd_prestat_get(dir, &pre));
    printf("prestat: tag %u name length %u\n", pre.tag, (unsigned) pre.u.dir.pr_name_len);
    char name[64] = {0};
    CHECK("fd_prestat_dir_name", __wasi_fd_prestat_dir_name(dir, (uint8_t *) name, pre.u.dir.pr_name_len));
    printf("prestat name: %s\n", name);
    CHECK("fd_prestat_dir_name short buffer", __wasi_fd_prestat_dir_name(dir, (uint8_t *) name, 3));
    CHECK("fd_prestat_get stdin", __wasi_fd_prestat_get(0, &pre));
    CHECK("fd_prestat_get bad fd", __wasi_fd_prestat_get(99, &pre));
    CHECK("fd_prestat_get bad pointer", raw_fd_prestat_get(dir, (int32_t) BAD_POINTER));
    __wasi_fd_t sub;
    CHECK("open sub", open_at(dir, "sub", 0, __WASI_OFLAGS_DIRECTORY, R_READ, 0, &sub));
    CHECK("fd_prestat_get opened directory", __wasi_fd_prestat_get(sub, &pre));
    (void) __wasi_fd_close(sub);

    /* Standard streams; stdio's buffer goes first, so the raw writes land in order. */
    fflush(stdout);
    CHECK("fd_write stdout no iovecs", __wasi_fd_write(1, &ciov, 0, &n));
    printf("written with no iovecs: %u\n", (unsigned) n);
    __wasi_ciovec_t out = {(const uint8_t *) "to stdout\n", 10};
    CHECK("fd_write stdout", __wasi_fd_write(1, &out, 1, &n));
    CHECK("fd_write bad iovec array", raw_fd_write(1, (int32_t) BAD_POINTER, 1, (int32_t) (uintptr_t) &n));
    __wasi_ciovec_t bad = {(const uint8_t *) (uintptr_t) BAD_POINTER, 100};
    CHECK("fd_write bad buffer", raw_fd_write(1, (int32_t) (uintptr_t) &bad, 1, (int32_t) (uintptr_t) &n));
    CHECK("fd_seek stdout", __wasi_fd_seek(1, 0, __WASI_WHENCE_CUR, &pos));
    CHECK("fd_fdstat_get stdout", __wasi_fd_fdstat_get(1, &fst));
    printf("stdout fdstat: type %u can write %s can seek %s\n", fst.fs_filetype,
           fst.fs_rights_base & __WASI_RIGHTS_FD_WRITE ? "yes" : "no", fst.fs_rights_base & __WASI_RIGHTS_FD_SEEK ? "yes" : "no");
}

static void poll_file(void) {
    __wasi_fd_t fd;
    (void) open_at(dir, "hello.txt", 0, 0, R_READ, 0, &fd);
    __wasi_subscription_t in[1];
    memset(in, 0, sizeof in);
    in[0].userdata = 9;
    in[0].u.tag = __WASI_EVENTTYPE_FD_READ;
    in[0].u.u.fd_read.file_descriptor = fd;
    __wasi_event_t out[1];
    __wasi_size_t n;
    CHECK("poll regular file readable", __wasi_poll_oneoff(in, out, 1, &n));
    printf("file readable: events %u userdata %llu type %u error %s\n", (unsigned) n, (unsigned long long) out[0].userdata,
           out[0].type, errno_name(out[0].error));
    (void) __wasi_fd_close(fd);
}

int main(void) {
    /* Line-buffered, as on a terminal, so raw fd_writes to stdout land in order whatever stdout is. */
    setvbuf(stdout, NULL, _IOLBF, BUFSIZ);
    dir = preopen_fd("/sandbox");
    printf("preopen found: %s\n", dir >= 3 ? "yes" : "no");
    reading();
    writing();
    descriptors();
    poll_file();
    return 0;
}
