/* wasm-flags: -mbulk-memory
   Bulk memory: memcpy, memmove and memset of short to medium lengths at shifting offsets, built with -mbulk-memory so
   that they become memory.copy and memory.fill instructions (the shared corpus has none), plus a light checksum. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#define SIZE (1 << 22)
static uint8_t a[SIZE], b[SIZE];
int main(void) {
  for (uint32_t i = 0; i < SIZE; i++) a[i] = (uint8_t)(i * 2654435761u >> 24);
  uint32_t x = 12345, sum = 0;
  for (int round = 0; round < 3000000; round++) {
    x = x * 1103515245u + 12345u;
    uint32_t len = 1 + (x >> 8) % 4096;
    uint32_t from = (x >> 3) % (SIZE - len), to = (x * 7 >> 5) % (SIZE - len);
    switch (round & 3) {
      case 0: memcpy(b + to, a + from, len); break;
      case 1: memmove(a + to, a + from, len); break;
      case 2: memset(b + to, (int)(x >> 24), len); break;
      default: memcpy(a + to, b + from, len); break;
    }
    sum = sum * 31 + b[to] + a[(to + len / 2) % SIZE];
  }
  printf("bulk %08x\n", sum);
  return 0;
}
