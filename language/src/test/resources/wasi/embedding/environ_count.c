/* Prints the arguments and environment the program got. */
#include "../wasi_test.h"
#include <stdlib.h>

extern char **environ;

int main(int argc, char **argv) {
    for (int i = 0; i < argc; i++) {
        printf("argv[%d]: %s\n", i, argv[i]);
    }
    __wasi_size_t count, size;
    CHECK("environ_sizes_get", __wasi_environ_sizes_get(&count, &size));
    printf("environment variables: %u\n", (unsigned) count);
    return 0;
}
