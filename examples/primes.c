// Prints the primes up to N (default 100) with a sieve of Eratosthenes, then their count.
// Build: clang --target=wasm32-wasi -O2 primes.c -o primes.wasm
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 100;
    if (n < 2) {
        fprintf(stderr, "usage: %s N   (N >= 2)\n", argv[0]);
        return 2;
    }
    char *composite = calloc((size_t) n + 1, 1);
    if (composite == NULL) {
        fprintf(stderr, "out of memory\n");
        return 1;
    }
    int count = 0;
    for (int i = 2; i <= n; i++) {
        if (!composite[i]) {
            printf(count == 0 ? "%d" : " %d", i);
            count++;
            for (long j = (long) i * i; j <= n; j += i) {
                composite[j] = 1;
            }
        }
    }
    printf("\n%d primes up to %d\n", count, n);
    free(composite);
    return 0;
}
