#include "CKravScan.h"

#include <string.h>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

/* Classifies a journal line for the scanner's fast path (see krav_classify_line in the
   header). 64 bytes make one word of `quotes`; the last, partial block is copied into a block
   of spaces, which are neither quotes nor flagged. */

uint32_t krav_classify_line_portable(const uint8_t *p, size_t n, uint64_t *quotes) {
  uint32_t flags = 0;
  for (size_t w = 0; w * 64 < n; w++) {
    uint64_t q = 0;
    size_t end = n - w * 64 < 64 ? n - w * 64 : 64;
    for (size_t k = 0; k < end; k++) {
      uint8_t c = p[w * 64 + k];
      if (c == '"') q |= (uint64_t)1 << k;
      if (c == '\\') flags |= KRAV_LINE_BACKSLASH;
      if (c < 0x20) flags |= KRAV_LINE_CONTROL;
      if (c >= 0x80) flags |= KRAV_LINE_NON_ASCII;
    }
    quotes[w] = q;
  }
  return flags;
}

#if defined(__x86_64__)

/* One 64-byte block with AVX2: the quote bits, and the bytes that are backslashes or
   controls (or-ed into `bad`) and every byte (or-ed into `all`, whose high bits say
   non-ASCII). */
__attribute__((target("avx2"))) static inline uint64_t block_avx2(
    const uint8_t *b, __m256i *bad, __m256i *all) {
  const __m256i quote = _mm256_set1_epi8('"');
  const __m256i backslash = _mm256_set1_epi8('\\');
  const __m256i control = _mm256_set1_epi8(0x1f);
  __m256i lo = _mm256_loadu_si256((const __m256i *)b);
  __m256i hi = _mm256_loadu_si256((const __m256i *)(b + 32));
  uint64_t q = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(lo, quote)) |
               ((uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(hi, quote)) << 32);
  /* x <= 0x1f (unsigned) exactly when max(x, 0x1f) == 0x1f. */
  __m256i ctl = _mm256_or_si256(
      _mm256_cmpeq_epi8(_mm256_max_epu8(lo, control), control),
      _mm256_cmpeq_epi8(_mm256_max_epu8(hi, control), control));
  __m256i bs = _mm256_or_si256(_mm256_cmpeq_epi8(lo, backslash), _mm256_cmpeq_epi8(hi, backslash));
  *bad = _mm256_or_si256(*bad, _mm256_or_si256(ctl, bs));
  *all = _mm256_or_si256(*all, _mm256_or_si256(lo, hi));
  return q;
}

__attribute__((target("avx2"))) static uint32_t classify_avx2(
    const uint8_t *p, size_t n, uint64_t *quotes) {
  __m256i bad = _mm256_setzero_si256(), all = _mm256_setzero_si256();
  size_t w = 0;
  for (; (w + 1) * 64 <= n; w++) quotes[w] = block_avx2(p + w * 64, &bad, &all);
  if (w * 64 < n) {
    uint8_t last[64];
    memset(last, ' ', sizeof last);
    memcpy(last, p + w * 64, n - w * 64);
    quotes[w] = block_avx2(last, &bad, &all);
  }
  uint32_t flags = 0;
  if (_mm256_movemask_epi8(all) != 0) flags |= KRAV_LINE_NON_ASCII;
  if (_mm256_movemask_epi8(bad) != 0) {
    /* Which of the two: rare (never in a line Krav wrote), so found again byte by byte. */
    for (size_t k = 0; k < n; k++) {
      if (p[k] == '\\') flags |= KRAV_LINE_BACKSLASH;
      if (p[k] < 0x20) flags |= KRAV_LINE_CONTROL;
    }
  }
  return flags;
}

#endif

uint32_t krav_classify_line(const uint8_t *p, size_t n, uint64_t *quotes) {
#if defined(__x86_64__)
  if (__builtin_cpu_supports("avx2")) return classify_avx2(p, n, quotes);
#endif
  return krav_classify_line_portable(p, n, quotes);
}
