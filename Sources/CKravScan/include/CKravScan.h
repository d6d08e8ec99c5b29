#ifndef CKRAVSCAN_H
#define CKRAVSCAN_H
#include <stddef.h>
#include <stdint.h>

/// CRC-32C (Castagnoli) of `len` bytes continuing from `crc` (start with 0).
/// Uses the SSE4.2 `crc32` instruction when the CPU has it, else a slicing-by-8 table.
uint32_t krav_crc32c(uint32_t crc, const void *data, size_t len);

/// The table-driven (slicing-by-8) path alone, so tests can check it on any CPU.
uint32_t krav_crc32c_portable(uint32_t crc, const void *data, size_t len);

/// The hardware path alone; returns the portable result when the CPU lacks SSE4.2.
uint32_t krav_crc32c_hardware(uint32_t crc, const void *data, size_t len);

/// 1 when this CPU provides the SSE4.2 `crc32` instruction, else 0.
int krav_crc32c_has_hardware(void);

/// What `krav_classify_line` found besides quotes: a backslash, a control byte (< 0x20) or a
/// byte of 0x80 or more somewhere in the bytes.
enum {
  KRAV_LINE_BACKSLASH = 1,
  KRAV_LINE_CONTROL = 2,
  KRAV_LINE_NON_ASCII = 4,
};

/// Sets bit k of `quotes[i]` exactly when `p[64 * i + k]` is a double quote, for the `n` bytes
/// at `p` (`quotes` needs (n + 63) / 64 words; bits past `n` are 0), and returns the
/// `KRAV_LINE_` flags of the bytes. 64 bytes at a time with AVX2 when the CPU has it: the
/// journal scanner then finds each string's end from these bits instead of byte by byte.
uint32_t krav_classify_line(const uint8_t *p, size_t n, uint64_t *quotes);

/// The byte-by-byte path alone, so tests can compare the two on any CPU.
uint32_t krav_classify_line_portable(const uint8_t *p, size_t n, uint64_t *quotes);

/// Fixes glibc's mmap threshold at its starting 128 KiB (no dynamic raising), so large
/// arrays stay mmapped: called once at process start by Krav's programs.
void krav_memory_setup(void);

/// Grows the calling thread's malloc heap by about `bytes` in a few steps and gives the pages
/// back, so that its later growth up to that size makes no system call (glibc; nothing
/// elsewhere). For a thread about to allocate that much in small pieces (see memory.c).
void krav_prepare_thread_heap(size_t bytes);

/// Asks the kernel for transparent huge pages (2 MiB) behind the 2 MiB-aligned part of
/// `[p, p + n)` (`madvise(MADV_HUGEPAGE)`; nothing elsewhere, or when the system has them off):
/// for a large array about to be written in full, one fault per 2 MiB instead of one per
/// 4 KiB page. Returns 1 if advice was given.
int krav_advise_huge_pages(void *p, size_t n);

/// Gives free heap memory of every malloc arena back to the system (glibc `malloc_trim`;
/// nothing elsewhere). Returns 1 if any was released.
int krav_release_free_memory(void);

/// Lowers the calling thread's scheduling priority to `nice` (Linux keeps nice per thread;
/// nothing elsewhere): for helper threads that should run only when a core is free.
void krav_lower_thread_priority(int nice);

/// Asks the CPU to bring the `bytes` bytes at `p` into its caches (a hint, no effect on
/// results): the replay's merge reads each event a decoder thread wrote on another core.
static inline void krav_prefetch(const void *p, size_t bytes) {
  const char *c = (const char *)p;
  for (size_t k = 0; k < bytes; k += 64) __builtin_prefetch(c + k, 0, 3);
}
#endif
