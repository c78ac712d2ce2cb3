/* Standard input through stdio and raw fd_read, and writing to stdout and stderr. */
#include "wasi_test.h"
#include <ctype.h>

int main(void) {
    /* Line-buffered, as on a terminal, so raw fd_writes to stdout land in order whatever stdout is. */
    setvbuf(stdout, NULL, _IOLBF, BUFSIZ);
    char line[64];
    if (fgets(line, sizeof line, stdin) != NULL) {
        for (char *p = line; *p; p++) {
            *p = (char) toupper((unsigned char) *p);
        }
        printf("first: %s", line);
    }
    /* stdio read ahead; whatever it buffered is printed from its buffer, the rest is read raw. */
    if (fgets(line, sizeof line, stdin) != NULL) {
        printf("second: %s", line);
    }
    char buf[16];
    __wasi_iovec_t iov = {(uint8_t *) buf, sizeof buf};
    __wasi_size_t n = 99;
    CHECK("fd_read at end of input", __wasi_fd_read(0, &iov, 1, &n));
    printf("read at end of input: %u\n", (unsigned) n);
    printf("fgets at end: %s\n", fgets(line, sizeof line, stdin) == NULL ? "NULL" : "data");
    fprintf(stderr, "to stderr\n");
    fflush(stdout);
    __wasi_ciovec_t parts[3] = {{(const uint8_t *) "one ", 4}, {(const uint8_t *) "", 0}, {(const uint8_t *) "two\n", 4}};
    CHECK("fd_write three iovecs", __wasi_fd_write(1, parts, 3, &n));
    printf("written: %u\n", (unsigned) n);
    return 0;
}
