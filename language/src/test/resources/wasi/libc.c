/* An ordinary C program: files, directories and time through wasi-libc, as most WASI programs use them. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int main(void) {
    FILE *f = fopen("/sandbox/notes.txt", "w");
    printf("fopen w: %s\n", f ? "ok" : strerror(errno));
    for (int i = 1; i <= 3; i++) {
        fprintf(f, "line %d: %.3f\n", i, i / 7.0);
    }
    fclose(f);
    f = fopen("/sandbox/notes.txt", "a");
    fputs("appended\n", f);
    fclose(f);
    f = fopen("/sandbox/notes.txt", "r");
    char line[64];
    while (fgets(line, sizeof line, f)) {
        printf("read: %s", line);
    }
    printf("ftell at end: %ld\n", ftell(f));
    fseek(f, 5, SEEK_SET);
    printf("fgetc at 5: %c\n", fgetc(f));
    fclose(f);

    struct stat st;
    printf("stat: %d size %lld regular %d\n", stat("/sandbox/notes.txt", &st), (long long) st.st_size, S_ISREG(st.st_mode));
    printf("stat dir: %d directory %d\n", stat("/sandbox/sub", &st), S_ISDIR(st.st_mode));
    printf("lstat link: %d link %d\n", lstat("/sandbox/to_hello", &st), S_ISLNK(st.st_mode));
    errno = 0;
    printf("stat missing: %d %s\n", stat("/sandbox/missing", &st), strerror(errno));
    errno = 0;
    printf("open outside preopen: %d %s\n", open("/etc/passwd", O_RDONLY), errno == ENOTCAPABLE ? "ENOTCAPABLE" : strerror(errno));
    errno = 0;
    printf("open escape: %d %s\n", open("/sandbox/../outside/secret.txt", O_RDONLY), errno == ENOTCAPABLE ? "ENOTCAPABLE" : strerror(errno));
    printf("access: %d\n", access("/sandbox/hello.txt", R_OK));

    printf("mkdir: %d\n", mkdir("/sandbox/made", 0755));
    printf("rename: %d\n", rename("/sandbox/notes.txt", "/sandbox/made/notes.txt"));
    printf("remove file: %d\n", remove("/sandbox/made/notes.txt"));
    printf("remove dir: %d\n", remove("/sandbox/made"));
    errno = 0;
    printf("rmdir non-empty: %d %s\n", rmdir("/sandbox/sub"), strerror(errno));

    char cwd[128];
    printf("getcwd: %s\n", getcwd(cwd, sizeof cwd) ? cwd : "(none)");
    printf("chdir: %d\n", chdir("/sandbox/sub"));
    f = fopen("inner.txt", "r");
    printf("relative open after chdir: %s\n", f && fgets(line, sizeof line, f) ? line : "failed\n");
    if (f) {
        fclose(f);
    }

    time_t now = time(NULL);
    printf("time plausible: %s\n", now > 1577836800 ? "yes" : "no");
    struct timespec ts;
    printf("clock_gettime monotonic: %d\n", clock_gettime(CLOCK_MONOTONIC, &ts));
    printf("getenv: %s\n", getenv("WASI_TEST"));
    char *end;
    printf("strtod: %.2f\n", strtod("2.50xyz", &end));
    printf("rand in range: %s\n", rand() >= 0 ? "yes" : "no");
    return 3;
}
