/* A register-machine interpreter: a dense switch on opcodes (br_table) and calls through a table of function
   pointers (call_indirect), the two kinds of dispatch the shared corpus does not exercise. */
#include <stdio.h>
#include <stdint.h>

typedef uint32_t (*binop)(uint32_t, uint32_t);
__attribute__((noinline)) static uint32_t f_add(uint32_t a, uint32_t b) { return a + b; }
__attribute__((noinline)) static uint32_t f_sub(uint32_t a, uint32_t b) { return a - b; }
__attribute__((noinline)) static uint32_t f_mul(uint32_t a, uint32_t b) { return a * b + 1; }
__attribute__((noinline)) static uint32_t f_xor(uint32_t a, uint32_t b) { return a ^ (b << 3); }
__attribute__((noinline)) static uint32_t f_rot(uint32_t a, uint32_t b) { return (a << (b & 31)) | (a >> (-b & 31)); }
__attribute__((noinline)) static uint32_t f_min(uint32_t a, uint32_t b) { return a < b ? a : b ^ 0x5bd1e995u; }
__attribute__((noinline)) static uint32_t f_avg(uint32_t a, uint32_t b) { return (a >> 1) + (b >> 1) + (a & b & 1); }
__attribute__((noinline)) static uint32_t f_mix(uint32_t a, uint32_t b) { return (a ^ (a >> 15)) * 0x2c1b3c6du + b; }
static binop fns[8] = {f_add, f_sub, f_mul, f_xor, f_rot, f_min, f_avg, f_mix};

enum { ADDI, ADD, MUL, XOR, SHR, AND, CALL, CALLR, DECJNZ, HALT };
typedef struct { uint8_t op, a, b, c; } insn;

/* r1 counts down; every iteration mixes r0 and r2 through direct ops and indirect calls picked by r0's bits. */
static const insn program[] = {
  {ADDI, 2, 2, 7},     /* 0: r2 += 7 */
  {XOR, 0, 0, 2},      /* 1: r0 ^= r2 */
  {CALL, 0, 2, 3},     /* 2: r0 = fns[3](r0, r2) */
  {SHR, 3, 0, 13},     /* 3: r3 = r0 >> 13 */
  {AND, 3, 3, 7},      /* 4: r3 &= 7 */
  {CALLR, 0, 2, 3},    /* 5: r0 = fns[r3](r0, r2) */
  {MUL, 2, 2, 0},      /* 6: r2 = r2 * r0 */
  {ADD, 4, 4, 0},      /* 7: r4 += r0 */
  {CALL, 2, 4, 7},     /* 8: r2 = fns[7](r2, r4) */
  {DECJNZ, 1, 0, 0},   /* 9: if (--r1) goto 0 */
  {HALT, 0, 0, 0},
};

__attribute__((noinline)) static uint32_t run(const insn *code, uint32_t n, uint32_t seed) {
  uint32_t r[8] = {seed, n, 1, 0, 0, 0, 0, 0};
  uint32_t pc = 0;
  for (;;) {
    insn i = code[pc++];
    switch (i.op) {
      case ADDI: r[i.a] = r[i.b] + i.c; break;
      case ADD: r[i.a] = r[i.b] + r[i.c]; break;
      case MUL: r[i.a] = r[i.b] * r[i.c]; break;
      case XOR: r[i.a] = r[i.b] ^ r[i.c]; break;
      case SHR: r[i.a] = r[i.b] >> i.c; break;
      case AND: r[i.a] = r[i.b] & i.c; break;
      case CALL: r[i.a] = fns[i.c](r[i.a], r[i.b]); break;
      case CALLR: r[i.a] = fns[r[i.c] & 7](r[i.a], r[i.b]); break;
      case DECJNZ: if (--r[i.a]) pc = i.c; break;
      case HALT: return r[0] ^ r[2] ^ r[4];
      default: return 0;
    }
  }
}

int main(void) {
  uint32_t h = 0;
  for (uint32_t s = 1; s <= 8; s++) h = h * 31 + run(program, 3000000, s * 0x9e3779b9u);
  printf("dispatch %08x\n", h);
  return 0;
}
