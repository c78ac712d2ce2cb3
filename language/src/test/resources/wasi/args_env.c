/* args_*, environ_*: contents, sizes, and EFAULT for pointers outside memory. The exit status comes from main. */
#include "wasi_test.h"
#include <stdlib.h>

static int compare(const void *a, const void *b) {
    return strcmp(*(char *const *) a, *(char *const *) b);
}

int main(int argc, char **argv) {
    printf("argc: %d\n", argc);
    for (int i = 0; i < argc; i++) {
        printf("argv[%d]: [%s]\n", i, argv[i]);
    }
    __wasi_size_t count, size;
    CHECK("args_sizes_get", __wasi_args_sizes_get(&count, &size));
    printf("args sizes: %u %u\n", (unsigned) count, (unsigned) size);
    CHECK("environ_sizes_get", __wasi_environ_sizes_get(&count, &size));
    printf("environ sizes: %u %u\n", (unsigned) count, (unsigned) size);

    char **env = malloc(sizeof(char *) * (count + 1));
    char *buf = malloc(size);
    CHECK("environ_get", __wasi_environ_get((uint8_t **) env, (uint8_t *) buf));
    /* Implementations may order the environment differently; the program sorts it. */
    qsort(env, count, sizeof(char *), compare);
    for (unsigned i = 0; i < count; i++) {
        printf("env: [%s]\n", env[i]);
    }
    const char *empty = getenv("EMPTY");
    printf("getenv WASI_TEST: %s\n", getenv("WASI_TEST"));
    printf("getenv EMPTY: %s\n", empty == NULL ? "(null)" : *empty == 0 ? "(empty)" : empty);
    printf("getenv MISSING: %s\n", getenv("MISSING") == NULL ? "(null)" : "set");

    int32_t ok = (int32_t) (uintptr_t) &count;
    CHECK("args_sizes_get bad argc pointer", raw_args_sizes_get((int32_t) BAD_POINTER, ok));
    CHECK("args_sizes_get bad size pointer", raw_args_sizes_get(ok, (int32_t) BAD_POINTER));
    CHECK("args_get bad argv pointer", raw_args_get((int32_t) BAD_POINTER, (int32_t) (uintptr_t) buf));
    CHECK("args_get bad buffer pointer", raw_args_get((int32_t) (uintptr_t) env, (int32_t) BAD_POINTER));
    CHECK("environ_get bad buffer pointer", raw_environ_get((int32_t) (uintptr_t) env, (int32_t) BAD_POINTER));
    return 7;
}
