/*
 * path_*: the sandbox (absolute paths, "..", symbolic links leading out), symbolic links inside it (followed or not,
 * dangling, looping), trailing slashes, and every path function's work and error paths. fd_readdir with cookies.
 */
#include "wasi_test.h"
#include <dirent.h>
#include <stdlib.h>

static int dir;

static void try_open(const char *label, const char *path, __wasi_lookupflags_t lookup, __wasi_oflags_t oflags) {
    __wasi_fd_t fd;
    int e = open_at(dir, path, lookup, oflags, R_READ, 0, &fd);
    if (e != 0) {
        printf("%s: %s\n", label, errno_name(e));
        return;
    }
    char buf[32] = {0};
    __wasi_iovec_t iov = {(uint8_t *) buf, sizeof buf - 1};
    __wasi_size_t n = 0;
    __wasi_fdstat_t st;
    (void) __wasi_fd_fdstat_get(fd, &st);
    if (st.fs_filetype == __WASI_FILETYPE_DIRECTORY) {
        printf("%s: SUCCESS (a directory)\n", label);
    } else {
        (void) __wasi_fd_read(fd, &iov, 1, &n);
        for (char *p = buf; *p; p++) {
            if (*p == '\n') {
                *p = 0;
            }
        }
        printf("%s: SUCCESS [%s]\n", label, buf);
    }
    (void) __wasi_fd_close(fd);
}

static void sandbox(void) {
    try_open("open plain", "hello.txt", 0, 0);
    try_open("open missing", "missing.txt", 0, 0);
    try_open("open empty path", "", 0, 0);
    try_open("open with dot", "./hello.txt", 0, 0);
    try_open("open with double slash", "sub//inner.txt", 0, 0);
    try_open("open down and up", "sub/../hello.txt", 0, 0);
    try_open("open dot", ".", 0, 0);
    try_open("open parent", "..", 0, 0);
    try_open("open escape with dotdot", "../outside/secret.txt", 0, 0);
    try_open("open escape deeper", "sub/../../outside/secret.txt", 0, 0);
    try_open("open escape through missing", "missing/../../outside/secret.txt", 0, 0);
    __wasi_fd_t fd;
    const char *absolute = "/etc/passwd";
    CHECK("open absolute path", raw_path_open(dir, 0, (int32_t) (uintptr_t) absolute, (int32_t) strlen(absolute), 0,
                                              R_READ & inheritable(dir), 0, 0, (int32_t) (uintptr_t) &fd));
    CHECK("open bad path pointer", raw_path_open(dir, 0, (int32_t) BAD_POINTER, 10, 0, R_READ & inheritable(dir), 0, 0,
                                                 (int32_t) (uintptr_t) &fd));
    const char *hello = "hello.txt";
    CHECK("open bad result pointer", raw_path_open(dir, 0, (int32_t) (uintptr_t) hello, 9, 0, R_READ & inheritable(dir), 0, 0,
                                                   (int32_t) BAD_POINTER));

    /* Symbolic links. */
    try_open("open link followed", "to_hello", __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, 0);
    try_open("open link not followed", "to_hello", 0, 0);
    try_open("open through directory link", "to_sub/inner.txt", 0, 0);
    try_open("open through link to dot", "to_self/to_self/hello.txt", 0, 0);
    try_open("open through link up", "sub/up/hello.txt", 0, 0);
    try_open("open link escaping", "escape", __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, 0);
    try_open("open link escaping not followed", "escape", 0, 0);
    try_open("open through directory link escaping", "escape_dir/secret.txt", 0, 0);
    try_open("open through link up twice", "sub/up2/outside/secret.txt", 0, 0);
    try_open("open absolute link", "absolute", __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, 0);
    try_open("open dangling link", "dangling", __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, 0);
    try_open("open looping link", "loop_a", __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, 0);
    try_open("open through looping link", "loop_a/x", 0, 0);

    /* Trailing slashes and directories. */
    try_open("open file with trailing slash", "hello.txt/", 0, 0);
    try_open("open directory with trailing slash", "sub/", 0, 0);
    try_open("open link to directory with trailing slash", "to_sub/", 0, 0);
    try_open("open file as directory", "hello.txt", 0, __WASI_OFLAGS_DIRECTORY);
    try_open("open directory as directory", "sub", 0, __WASI_OFLAGS_DIRECTORY);
    try_open("open path through a file", "hello.txt/x", 0, 0);
    CHECK("open directory for writing", open_at(dir, "sub", 0, 0, R_WRITE, 0, &fd));
    CHECK("open directory truncating", open_at(dir, "sub", 0, __WASI_OFLAGS_TRUNC, R_READ, 0, &fd));
    CHECK("create over a directory", open_at(dir, "sub", 0, __WASI_OFLAGS_CREAT, R_READ, 0, &fd));
    CHECK("create with trailing slash", open_at(dir, "newfile/", 0, __WASI_OFLAGS_CREAT, R_WRITE, 0, &fd));
    CHECK("create in missing directory", open_at(dir, "missing/newfile", 0, __WASI_OFLAGS_CREAT, R_WRITE, 0, &fd));
    CHECK("create escaping", open_at(dir, "../newfile", 0, __WASI_OFLAGS_CREAT, R_WRITE, 0, &fd));
    CHECK("create over a link exclusively", open_at(dir, "to_hello", 0, __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL, R_WRITE, 0, &fd));
}

static void print_stat(const char *label, __wasi_lookupflags_t lookup, const char *path) {
    __wasi_filestat_t st;
    int e = __wasi_path_filestat_get(dir, lookup, path, &st);
    if (e != 0) {
        printf("%s: %s\n", label, errno_name(e));
    } else if (st.filetype == __WASI_FILETYPE_DIRECTORY) {
        printf("%s: type %u nlink positive %s\n", label, st.filetype, st.nlink > 0 ? "yes" : "no");
    } else {
        printf("%s: type %u size %llu nlink %llu\n", label, st.filetype, (unsigned long long) st.size, (unsigned long long) st.nlink);
    }
}

static void stats(void) {
    print_stat("stat file", 0, "hello.txt");
    __wasi_filestat_t st;
    (void) __wasi_path_filestat_get(dir, 0, "hello.txt", &st);
    printf("stat file mtim: %llu\n", (unsigned long long) st.mtim);
    print_stat("stat directory", 0, "sub");
    print_stat("stat link", 0, "to_hello");
    print_stat("stat link followed", __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "to_hello");
    print_stat("stat escaping link", 0, "escape");
    print_stat("stat escaping link followed", __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "escape");
    print_stat("stat dangling link", 0, "dangling");
    print_stat("stat dangling link followed", __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "dangling");
    print_stat("stat missing", 0, "missing");
    print_stat("stat escaping", 0, "../outside");
    print_stat("stat file with trailing slash", 0, "hello.txt/");
    const char *hello = "hello.txt";
    CHECK("stat bad pointer", raw_path_filestat_get(dir, 0, (int32_t) (uintptr_t) hello, 9, (int32_t) BAD_POINTER));

    CHECK("path_filestat_set_times", __wasi_path_filestat_set_times(dir, 0, "hello.txt", 1200000000000000000ull,
                                                                      1300000000000000000ull, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM));
    (void) __wasi_path_filestat_get(dir, 0, "hello.txt", &st);
    printf("times set by path: atim %llu mtim %llu\n", (unsigned long long) st.atim, (unsigned long long) st.mtim);
    CHECK("path_filestat_set_times through link", __wasi_path_filestat_set_times(dir, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "to_hello", 0,
                                                                                   1400000000000000000ull, __WASI_FSTFLAGS_MTIM));
    (void) __wasi_path_filestat_get(dir, 0, "hello.txt", &st);
    printf("mtim set through link: %llu\n", (unsigned long long) st.mtim);
    CHECK("path_filestat_set_times missing", __wasi_path_filestat_set_times(dir, 0, "missing", 0, 0, __WASI_FSTFLAGS_MTIM_NOW));
    CHECK("path_filestat_set_times escaping", __wasi_path_filestat_set_times(dir, 0, "../outside/secret.txt", 0, 0, __WASI_FSTFLAGS_MTIM_NOW));
}

static void directories(void) {
    CHECK("mkdir", __wasi_path_create_directory(dir, "newdir"));
    CHECK("mkdir existing", __wasi_path_create_directory(dir, "newdir"));
    CHECK("mkdir over file", __wasi_path_create_directory(dir, "hello.txt"));
    CHECK("mkdir over dangling link", __wasi_path_create_directory(dir, "dangling"));
    CHECK("mkdir with trailing slash", __wasi_path_create_directory(dir, "newdir2/"));
    CHECK("mkdir in missing", __wasi_path_create_directory(dir, "missing/x"));
    CHECK("mkdir escaping", __wasi_path_create_directory(dir, "../newdir"));
    CHECK("mkdir nested", __wasi_path_create_directory(dir, "newdir/inner"));
    CHECK("rmdir non-empty", __wasi_path_remove_directory(dir, "newdir"));
    CHECK("rmdir nested", __wasi_path_remove_directory(dir, "newdir/inner"));
    CHECK("rmdir", __wasi_path_remove_directory(dir, "newdir"));
    CHECK("rmdir again", __wasi_path_remove_directory(dir, "newdir"));
    CHECK("rmdir with trailing slash", __wasi_path_remove_directory(dir, "newdir2/"));
    CHECK("rmdir file", __wasi_path_remove_directory(dir, "hello.txt"));
    CHECK("rmdir link to directory", __wasi_path_remove_directory(dir, "to_sub"));
    CHECK("rmdir escaping", __wasi_path_remove_directory(dir, "../outside"));

    /* A directory descriptor with fewer rights. */
    __wasi_fd_t limited;
    __wasi_rights_t rights = (__WASI_RIGHTS_PATH_OPEN | __WASI_RIGHTS_FD_READDIR | __WASI_RIGHTS_PATH_FILESTAT_GET);
    CHECK("open limited directory", __wasi_path_open(dir, 0, "sub", __WASI_OFLAGS_DIRECTORY, rights, __WASI_RIGHTS_FD_READ, 0, &limited));
    __wasi_fd_t fd;
    CHECK("open below limited directory", __wasi_path_open(limited, 0, "inner.txt", 0, __WASI_RIGHTS_FD_READ, 0, 0, &fd));
    (void) __wasi_fd_close(fd);
    CHECK("open below limited directory with write right", __wasi_path_open(limited, 0, "inner.txt", 0, __WASI_RIGHTS_FD_WRITE, 0, 0, &fd));
    CHECK("create below limited directory", __wasi_path_open(limited, 0, "x.txt", __WASI_OFLAGS_CREAT, __WASI_RIGHTS_FD_READ, 0, 0, &fd));
    CHECK("truncate below limited directory", __wasi_path_open(limited, 0, "inner.txt", __WASI_OFLAGS_TRUNC, __WASI_RIGHTS_FD_READ, 0, 0, &fd));
    CHECK("mkdir below limited directory", __wasi_path_create_directory(limited, "x"));
    CHECK("unlink below limited directory", __wasi_path_unlink_file(limited, "inner.txt"));
    CHECK("open above limited directory", __wasi_path_open(limited, 0, "../hello.txt", 0, __WASI_RIGHTS_FD_READ, 0, 0, &fd));
    CHECK("open through link up from limited directory", __wasi_path_open(limited, 0, "up/hello.txt", 0, __WASI_RIGHTS_FD_READ, 0, 0, &fd));
    (void) __wasi_fd_close(limited);

    __wasi_fd_t file;
    (void) open_at(dir, "hello.txt", 0, 0, R_READ, 0, &file);
    CHECK("open below a file", __wasi_path_open(file, 0, "x", 0, 0, 0, 0, &fd));
    CHECK("mkdir below a file", __wasi_path_create_directory(file, "x"));
    (void) __wasi_fd_close(file);
    CHECK("open below a closed descriptor", __wasi_path_open(99, 0, "x", 0, 0, 0, 0, &fd));
}

static void links_and_renames(void) {
    __wasi_fd_t fd;
    (void) open_at(dir, "a.txt", 0, __WASI_OFLAGS_CREAT, R_WRITE, 0, &fd);
    __wasi_ciovec_t ciov = {(const uint8_t *) "A\n", 2};
    __wasi_size_t n;
    (void) __wasi_fd_write(fd, &ciov, 1, &n);
    (void) __wasi_fd_close(fd);

    CHECK("link", __wasi_path_link(dir, 0, "a.txt", dir, "hard.txt"));
    print_stat("stat hard link", 0, "hard.txt");
    CHECK("link over existing", __wasi_path_link(dir, 0, "a.txt", dir, "hello.txt"));
    CHECK("link missing", __wasi_path_link(dir, 0, "missing", dir, "x"));
    CHECK("link directory", __wasi_path_link(dir, 0, "sub", dir, "sub2"));
    CHECK("link escaping source", __wasi_path_link(dir, 0, "../outside/secret.txt", dir, "x"));
    CHECK("link escaping target", __wasi_path_link(dir, 0, "a.txt", dir, "../x"));
    CHECK("link through escaping link", __wasi_path_link(dir, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "escape", dir, "x"));
    CHECK("unlink hard link", __wasi_path_unlink_file(dir, "hard.txt"));
    print_stat("stat after unlink", 0, "a.txt");

    CHECK("symlink", __wasi_path_symlink("a.txt", dir, "to_a"));
    try_open("open new link followed", "to_a", __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, 0);
    CHECK("symlink over existing", __wasi_path_symlink("a.txt", dir, "hello.txt"));
    CHECK("symlink escaping text", __wasi_path_symlink("../outside/secret.txt", dir, "new_escape"));
    try_open("open new escaping link", "new_escape", __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, 0);
    CHECK("symlink escaping location", __wasi_path_symlink("a.txt", dir, "../x"));
    CHECK("symlink in missing directory", __wasi_path_symlink("a.txt", dir, "missing/x"));

    char buf[64];
    __wasi_size_t used = 0;
    CHECK("readlink", __wasi_path_readlink(dir, "to_hello", (uint8_t *) buf, sizeof buf, &used));
    printf("readlink: [%.*s] %u\n", (int) used, buf, (unsigned) used);
    CHECK("readlink short buffer", __wasi_path_readlink(dir, "to_hello", (uint8_t *) buf, 4, &used));
    printf("readlink short: [%.*s] %u\n", (int) used, buf, (unsigned) used);
    CHECK("readlink escaping link", __wasi_path_readlink(dir, "escape", (uint8_t *) buf, sizeof buf, &used));
    printf("readlink escaping: [%.*s]\n", (int) used, buf);
    CHECK("readlink file", __wasi_path_readlink(dir, "hello.txt", (uint8_t *) buf, sizeof buf, &used));
    CHECK("readlink missing", __wasi_path_readlink(dir, "missing", (uint8_t *) buf, sizeof buf, &used));
    CHECK("readlink through escaping link", __wasi_path_readlink(dir, "escape_dir/x", (uint8_t *) buf, sizeof buf, &used));

    CHECK("rename", __wasi_path_rename(dir, "a.txt", dir, "b.txt"));
    try_open("open renamed", "b.txt", 0, 0);
    try_open("open old name", "a.txt", 0, 0);
    CHECK("rename over file", __wasi_path_rename(dir, "b.txt", dir, "sub/inner.txt"));
    try_open("open replaced", "sub/inner.txt", 0, 0);
    CHECK("rename missing", __wasi_path_rename(dir, "b.txt", dir, "c.txt"));
    CHECK("rename file over directory", __wasi_path_rename(dir, "hello.txt", dir, "empty"));
    CHECK("rename directory over file", __wasi_path_rename(dir, "empty", dir, "hello.txt"));
    CHECK("rename directory over non-empty directory", __wasi_path_rename(dir, "empty", dir, "sub"));
    CHECK("rename directory into itself", __wasi_path_rename(dir, "sub", dir, "sub/deeper/sub"));
    CHECK("rename directory", __wasi_path_rename(dir, "empty", dir, "empty2"));
    CHECK("rename directory over empty directory", __wasi_path_rename(dir, "empty2", dir, "sub/deeper"));
    CHECK("rename file with trailing slash", __wasi_path_rename(dir, "hello.txt/", dir, "x"));
    CHECK("rename to trailing slash", __wasi_path_rename(dir, "hello.txt", dir, "x/"));
    CHECK("rename escaping", __wasi_path_rename(dir, "hello.txt", dir, "../stolen.txt"));
    CHECK("rename link", __wasi_path_rename(dir, "to_a", dir, "to_a2"));
    CHECK("unlink link", __wasi_path_unlink_file(dir, "to_a2"));
    CHECK("unlink dangling link", __wasi_path_unlink_file(dir, "dangling"));
    CHECK("unlink link to directory", __wasi_path_unlink_file(dir, "to_sub"));
    print_stat("stat directory after unlinking link to it", 0, "sub");
    CHECK("unlink directory", __wasi_path_unlink_file(dir, "sub"));
    CHECK("unlink missing", __wasi_path_unlink_file(dir, "missing"));
    CHECK("unlink with trailing slash", __wasi_path_unlink_file(dir, "hello.txt/"));
    CHECK("unlink escaping", __wasi_path_unlink_file(dir, "../outside/secret.txt"));
    CHECK("unlink through escaping link", __wasi_path_unlink_file(dir, "escape_dir/secret.txt"));
}

static int compare(const void *a, const void *b) {
    return strcmp(*(char *const *) a, *(char *const *) b);
}

/* Reads a directory one small buffer at a time, following the cookies; prints the sorted names and types. */
static void readdir_cookies(const char *label, __wasi_fd_t fd) {
    char *names[64];
    int count = 0, dots = 0;
    __wasi_dircookie_t cookie = 0;
    for (int rounds = 0; rounds < 100; rounds++) {
        uint8_t buf[sizeof(__wasi_dirent_t) + 40];
        __wasi_size_t used = 0;
        int e = __wasi_fd_readdir(fd, buf, sizeof buf, cookie, &used);
        if (e != 0) {
            printf("%s: %s\n", label, errno_name(e));
            return;
        }
        if (used < sizeof(__wasi_dirent_t)) {
            break;
        }
        __wasi_dirent_t entry;
        memcpy(&entry, buf, sizeof entry);
        char *name = calloc(1, entry.d_namlen + 16);
        memcpy(name, buf + sizeof entry, entry.d_namlen);
        if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
            dots++;
        } else {
            sprintf(name + strlen(name), " %u", entry.d_type);
            names[count++] = name;
        }
        cookie = entry.d_next;
    }
    qsort(names, count, sizeof(char *), compare);
    printf("%s:", label);
    for (int i = 0; i < count; i++) {
        printf(" [%s]", names[i]);
    }
    printf("\n%s dot entries: %d\n", label, dots);
}

static void listing(void) {
    __wasi_fd_t sub;
    CHECK("open sub for listing", open_at(dir, "sub", 0, __WASI_OFLAGS_DIRECTORY, R_READ | __WASI_RIGHTS_PATH_FILESTAT_GET, 0, &sub));
    readdir_cookies("readdir sub", sub);

    uint8_t buf[256];
    __wasi_size_t used;
    CHECK("readdir tiny buffer", __wasi_fd_readdir(sub, buf, 10, 0, &used));
    printf("readdir tiny buffer used: %u\n", (unsigned) used);
    CHECK("readdir past the end", __wasi_fd_readdir(sub, buf, sizeof buf, 1000, &used));
    printf("readdir past the end used: %u\n", (unsigned) used);
    CHECK("readdir bad buffer", raw_fd_readdir(sub, (int32_t) BAD_POINTER, 100, 0, (int32_t) (uintptr_t) &used));

    /* Inode numbers agree with path_filestat_get. */
    __wasi_filestat_t st;
    CHECK("stat below opened directory", __wasi_path_filestat_get(sub, 0, "inner.txt", &st));
    __wasi_dircookie_t cookie = 0;
    int found = 0;
    for (int rounds = 0; rounds < 20 && !found; rounds++) {
        if (__wasi_fd_readdir(sub, buf, sizeof(__wasi_dirent_t) + 20, cookie, &used) != 0 || used == 0) {
            break;
        }
        __wasi_dirent_t entry;
        memcpy(&entry, buf, sizeof entry);
        if (entry.d_namlen == 9 && memcmp(buf + sizeof entry, "inner.txt", 9) == 0) {
            found = 1;
            printf("readdir inode matches stat: %s\n", entry.d_ino == st.ino ? "yes" : "no");
        }
        cookie = entry.d_next;
    }
    (void) __wasi_fd_close(sub);

    /* The same through wasi-libc. */
    DIR *d = opendir("/sandbox/sub");
    char *names[64];
    int count = 0;
    struct dirent *e;
    while (d != NULL && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
            names[count++] = strdup(e->d_name);
        }
    }
    if (d != NULL) {
        closedir(d);
    }
    qsort(names, count, sizeof(char *), compare);
    printf("libc readdir:");
    for (int i = 0; i < count; i++) {
        printf(" %s", names[i]);
    }
    printf("\n");
}

int main(void) {
    dir = preopen_fd("/sandbox");
    printf("preopen found: %s\n", dir >= 3 ? "yes" : "no");
    sandbox();
    stats();
    listing();
    directories();
    links_and_renames();
    return 0;
}
