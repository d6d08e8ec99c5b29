#include "CKravScan.h"
#if defined(__GLIBC__)
#include <malloc.h>
#endif

// glibc raises its mmap threshold to the size of any large mmapped block that is freed (up
// to 32 MiB), after which large arrays come from the heap, where growing one holds the old
// and the new copy at once and freed ones stay resident. A fixed threshold at glibc's
// starting value keeps large arrays mmapped (grown by mremap, given back when freed).
static void fix_mmap_threshold(void) {
#if defined(__GLIBC__)
  mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
}

void krav_memory_setup(void) { fix_mmap_threshold(); }

// A thread's malloc arena grows its heap one mprotect call at a time, by just what each
// allocation needs (a page, mostly): decoding the claims of a large snapshot on a second
// thread made ~3 800 of those calls. Growing the heap first in steps of 120 KiB (chunks just
// under the mmap threshold, then all freed in address order, so they merge into one top chunk
// that is trimmed once; ~360 calls on the 1 M store) leaves the heap's writable size where it
// got to: later growth within it makes no system call. The pages themselves are given back by the trim (only each chunk's
// header page was written), so this costs address space, not memory. (Raising M_TOP_PAD for
// the restore did the same, but also kept freed memory at the top of a heap, and a snapshot
// found damaged after decoding then left 20 MiB resident beside the full replay.)
void krav_prepare_thread_heap(size_t bytes) {
#if defined(__GLIBC__)
  enum { chunk = 120 * 1024, most = 512 };
  void *chunks[most];
  size_t n = bytes / chunk;
  if (n > most) n = most;
  size_t got = 0;
  while (got < n && (chunks[got] = malloc(chunk)) != NULL) got++;
  for (size_t i = 0; i < got; i++) free(chunks[i]);
#else
  (void)bytes;
#endif
}

// A snapshot restore writes 5-30 MiB arrays in full (the claims' and customers' records, the
// timeline, the index slots, the report log): about 15 000 page faults of 4 KiB at 1 M events,
// a tenth of the restore's CPU time. Where transparent huge pages are "madvise" (Debian's
// default), advising them first makes those one fault per 2 MiB. Only the aligned interior is
// advised, so no page outside the array changes.
#if defined(__linux__)
#include <stdint.h>
#include <sys/mman.h>
#endif
int krav_advise_huge_pages(void *p, size_t n) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  const uintptr_t huge = (uintptr_t)2 << 20;
  uintptr_t from = ((uintptr_t)p + huge - 1) & ~(huge - 1);
  uintptr_t to = ((uintptr_t)p + n) & ~(huge - 1);
  if (to <= from) return 0;
  return madvise((void *)from, to - from, MADV_HUGEPAGE) == 0;
#else
  (void)p;
  (void)n;
  return 0;
#endif
}

int krav_release_free_memory(void) {
#if defined(__GLIBC__)
  fix_mmap_threshold();
  return malloc_trim(0);
#else
  return 0;
#endif
}

// The replay's decoder threads and its merge share the machine's cores. With four decoders
// and the merge runnable on two cores, the scheduler gave the merge (the replay's critical
// path: every event passes through it) a fifth of the time each, so it often waited for a
// core while decoders filled batches it could not yet use, and a quarter of the cores' time
// went idle when it then caught up. A decoder at nice 10 runs when a core is free, which is
// whenever the merge waits for it. Linux keeps nice per thread.
#if defined(__linux__)
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif
void krav_lower_thread_priority(int nice) {
#if defined(__linux__)
  (void)setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), nice);
#else
  (void)nice;
#endif
}
