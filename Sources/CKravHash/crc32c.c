#include "CKravHash.h"
#include <string.h>

/* CRC-32C, reflected polynomial 0x82F63B78 (iSCSI / Castagnoli).
 * Journal lines are checked on every load, so this sits on the hot path of start-up:
 * the hardware instruction does ~8 bytes per cycle, the slicing table ~1.5. */

#define POLY 0x82F63B78u

/* Eight 256-entry tables for slicing-by-8; built once at load time by a constructor,
 * so no lazy initialisation races. */
static uint32_t table[8][256];

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

__attribute__((target("sse4.2"))) static uint32_t crc_sse42(uint32_t crc, const void *data,
                                                             size_t len) {
  const unsigned char *p = data;
  uint64_t c = ~crc;
  while (len && ((uintptr_t)p & 7)) {
    c = _mm_crc32_u8((uint32_t)c, *p++);
    len--;
  }
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
