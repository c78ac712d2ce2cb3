/* Opens, stats and lists through the pre-open, printing the errno of each: how the embedder's IO policy shows. */
#include "../wasi_test.h"

int main(void) {
    int dir = preopen_fd("/sandbox");
    printf("preopen found: %s\n", dir >= 3 ? "yes" : "no");
    __wasi_fd_t fd;
    CHECK("open", open_at(dir, "hello.txt", 0, 0, R_READ, 0, &fd));
    CHECK("create", open_at(dir, "new.txt", 0, __WASI_OFLAGS_CREAT, R_WRITE, 0, &fd));
    __wasi_filestat_t st;
    CHECK("stat", __wasi_path_filestat_get(dir, 0, "hello.txt", &st));
    CHECK("mkdir", __wasi_path_create_directory(dir, "made"));
    uint8_t buf[128];
    __wasi_size_t used;
    CHECK("readdir", __wasi_fd_readdir(dir, buf, sizeof buf, 0, &used));
    return 0;
}
