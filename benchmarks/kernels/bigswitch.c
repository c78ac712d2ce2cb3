/* One very large function: a dispatch loop over 512 switch cases of straight-line arithmetic, the shape of a bytecode
   interpreter or a generated state machine (tens of kilobytes of code in one Wasm function). Each case mixes the state
   in one of four shapes chosen by its number, so the compiler keeps one block of code per case. */
#include <stdio.h>
#include <stdint.h>

static inline uint32_t rotl(uint32_t x, unsigned r) { return (x << (r & 31)) | (x >> (-r & 31)); }

#define STEP(k, s)                                                                 \
  switch (((k) + (s)) & 3) {                                                       \
    case 0: a = (a ^ ((k) * 2654435761u + s)) + rotl(b, (k) + s); break;              \
    case 1: b = b * ((k) | 1) - (a >> (((k) + s) & 15)); break;                        \
    case 2: a += b ^ ((k) * 40503u + s); b = rotl(b, (k * 7 + s) & 31); break;       \
    default: b ^= a + ((k) << (s & 7)); a = a * 0x9e3779b1u + s; break;             \
  }
#define CASE(k) case k: STEP(k, 1) STEP(k, 2) STEP(k, 3) STEP(k, 4) STEP(k, 5) STEP(k, 6) mem[(k) & 63] += a; break;
#define C8(k) CASE(k) CASE(k + 1) CASE(k + 2) CASE(k + 3) CASE(k + 4) CASE(k + 5) CASE(k + 6) CASE(k + 7)
#define C64(k) C8(k) C8(k + 8) C8(k + 16) C8(k + 24) C8(k + 32) C8(k + 40) C8(k + 48) C8(k + 56)

static uint32_t mem[64];

__attribute__((noinline)) static uint32_t run(uint32_t n) {
  uint32_t a = 1, b = 2, pc = 0;
  for (uint32_t i = 0; i < n; i++) {
    pc = (pc * 1103515245u + 12345u) >> 7;
    switch (pc & 511) {
      C64(0) C64(64) C64(128) C64(192) C64(256) C64(320) C64(384) C64(448)
    }
  }
  return a ^ b;
}

int main(void) {
  uint32_t r = run(30000000);
  uint32_t m = 0;
  for (int k = 0; k < 64; k++) m = m * 31 + mem[k];
  printf("bigswitch %u %u\n", r, m);
  return 0;
}
