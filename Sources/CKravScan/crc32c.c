#include "CKravScan.h"
#include <string.h>

/* CRC-32C, reflected polynomial 0x82F63B78 (iSCSI / Castagnoli).
 * Journal lines and snapshot frames are checked on every load, so this sits on the hot path
 * of start-up. The hardware instruction takes 8 bytes but has a latency of 3 cycles, so one
 * running crc does under 3 bytes a cycle; three independent crcs over three adjacent blocks,
 * joined afterwards, keep the unit busy every cycle (about 3x on long buffers). The slicing
 * table does ~1.5 bytes a cycle. */

#define POLY 0x82F63B78u

/* Eight 256-entry tables for slicing-by-8; built once at load time by a constructor,
 * so no lazy initialisation races. */
static uint32_t table[8][256];

/* Joining crcs of adjacent blocks. Without the pre- and post-inversion a crc register is
 * linear: feeding bytes B to a register c gives zeros(|B|, c) ^ (the register B gives from 0),
 * where zeros(n, c) is what n zero bytes do to c. zeros(n, .) is a 32x32 matrix over GF(2);
 * each shift table below holds it applied to every byte value in each byte position, so
 * applying it is four lookups. One table per block length the hardware path interleaves. */
enum { LONG_BLOCK = 8192, SHORT_BLOCK = 256, TINY_BLOCK = 64 };
static uint32_t shift_long[4][256], shift_short[4][256], shift_tiny[4][256];

/* Applies the matrix whose columns (images of bits 0..31) are `m` to `c`. */
static uint32_t apply_matrix(const uint32_t m[32], uint32_t c) {
  uint32_t r = 0;
  for (int i = 0; c; i++, c >>= 1)
    if (c & 1) r ^= m[i];
  return r;
}

/* t[k][b] = m applied to b << 8k, each entry from a smaller one and one column. */
static void fill_shift(uint32_t t[4][256], const uint32_t m[32]) {
  for (int k = 0; k < 4; k++) {
    t[k][0] = 0;
    for (uint32_t b = 1; b < 256; b++) t[k][b] = t[k][b & (b - 1)] ^ m[8 * k + __builtin_ctz(b)];
  }
}

/* Builds zeros(n, .) for n = 1, 2, 4, ... bytes by squaring, filling the shift tables on the
 * way. Needs table[0]. */
static void krav_crc32c_init_shifts(void) {
  uint32_t m[32], sq[32];
  for (int i = 0; i < 32; i++) { /* one zero byte */
    uint32_t c = 1u << i;
    m[i] = table[0][c & 0xff] ^ (c >> 8);
  }
  for (unsigned n = 1; n < LONG_BLOCK; n *= 2) {
    for (int i = 0; i < 32; i++) sq[i] = apply_matrix(m, m[i]);
    memcpy(m, sq, sizeof m);
    if (n * 2 == TINY_BLOCK) fill_shift(shift_tiny, m);
    if (n * 2 == SHORT_BLOCK) fill_shift(shift_short, m);
    if (n * 2 == LONG_BLOCK) fill_shift(shift_long, m);
  }
}

static inline uint32_t shift(const uint32_t t[4][256], uint32_t c) {
  return t[0][c & 0xff] ^ t[1][(c >> 8) & 0xff] ^ t[2][(c >> 16) & 0xff] ^ t[3][c >> 24];
}

__attribute__((constructor)) static void krav_crc32c_init(void) {
  for (uint32_t n = 0; n < 256; n++) {
    uint32_t c = n;
    for (int k = 0; k < 8; k++) c = (c >> 1) ^ (POLY & (0u - (c & 1u)));
    table[0][n] = c;
  }
  for (uint32_t n = 0; n < 256; n++) {
    uint32_t c = table[0][n];
    for (int t = 1; t < 8; t++) {
      c = table[0][c & 0xff] ^ (c >> 8);
      table[t][n] = c;
    }
  }
  krav_crc32c_init_shifts();
}

uint32_t krav_crc32c_portable(uint32_t crc, const void *data, size_t len) {
  const unsigned char *p = data;
  crc = ~crc;
  while (len && ((uintptr_t)p & 7)) {
    crc = table[0][(crc ^ *p++) & 0xff] ^ (crc >> 8);
    len--;
  }
  while (len >= 8) {
    uint64_t w;
    memcpy(&w, p, 8); /* little-endian x86-64 / arm64 */
    uint32_t lo = (uint32_t)w ^ crc, hi = (uint32_t)(w >> 32);
    crc = table[7][lo & 0xff] ^ table[6][(lo >> 8) & 0xff] ^ table[5][(lo >> 16) & 0xff] ^
          table[4][lo >> 24] ^ table[3][hi & 0xff] ^ table[2][(hi >> 8) & 0xff] ^
          table[1][(hi >> 16) & 0xff] ^ table[0][hi >> 24];
    p += 8;
    len -= 8;
  }
  while (len--) crc = table[0][(crc ^ *p++) & 0xff] ^ (crc >> 8);
  return ~crc;
}

#if defined(__x86_64__)
#include <nmmintrin.h>

/* Runs of three blocks of `block` bytes, one crc each, joined with `t` (zeros(block, .)). */
__attribute__((target("sse4.2"))) static inline uint64_t crc_sse42_blocks(
    uint64_t c, const unsigned char **pp, size_t *len, size_t block, const uint32_t t[4][256]) {
  const unsigned char *p = *pp;
  while (*len >= 3 * block) {
    uint64_t c1 = 0, c2 = 0;
    const unsigned char *end = p + block;
    do {
      uint64_t w0, w1, w2;
      memcpy(&w0, p, 8);
      memcpy(&w1, p + block, 8);
      memcpy(&w2, p + 2 * block, 8);
      c = _mm_crc32_u64(c, w0);
      c1 = _mm_crc32_u64(c1, w1);
      c2 = _mm_crc32_u64(c2, w2);
      p += 8;
    } while (p < end);
    c = shift(t, shift(t, (uint32_t)c) ^ (uint32_t)c1) ^ (uint32_t)c2;
    p += 2 * block;
    *len -= 3 * block;
  }
  *pp = p;
  return c;
}

__attribute__((target("sse4.2"))) static uint32_t crc_sse42(uint32_t crc, const void *data,
                                                             size_t len) {
  const unsigned char *p = data;
  uint64_t c = ~crc;
  while (len && ((uintptr_t)p & 7)) {
    c = _mm_crc32_u8((uint32_t)c, *p++);
    len--;
  }
  c = crc_sse42_blocks(c, &p, &len, LONG_BLOCK, shift_long);
  c = crc_sse42_blocks(c, &p, &len, SHORT_BLOCK, shift_short);
  c = crc_sse42_blocks(c, &p, &len, TINY_BLOCK, shift_tiny);
  while (len >= 8) {
    uint64_t w;
    memcpy(&w, p, 8);
    c = _mm_crc32_u64(c, w);
    p += 8;
    len -= 8;
  }
  while (len--) c = _mm_crc32_u8((uint32_t)c, *p++);
  return ~(uint32_t)c;
}

int krav_crc32c_has_hardware(void) { return __builtin_cpu_supports("sse4.2") ? 1 : 0; }

uint32_t krav_crc32c_hardware(uint32_t crc, const void *data, size_t len) {
  if (!krav_crc32c_has_hardware()) return krav_crc32c_portable(crc, data, len);
  return crc_sse42(crc, data, len);
}

uint32_t krav_crc32c(uint32_t crc, const void *data, size_t len) {
  /* __builtin_cpu_supports reads a table filled by the runtime's constructor: cheap. */
  if (__builtin_cpu_supports("sse4.2")) return crc_sse42(crc, data, len);
  return krav_crc32c_portable(crc, data, len);
}
#else
int krav_crc32c_has_hardware(void) { return 0; }
uint32_t krav_crc32c_hardware(uint32_t crc, const void *data, size_t len) {
  return krav_crc32c_portable(crc, data, len);
}
uint32_t krav_crc32c(uint32_t crc, const void *data, size_t len) {
  return krav_crc32c_portable(crc, data, len);
}
#endif
