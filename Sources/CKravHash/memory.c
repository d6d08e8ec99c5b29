#include "CKravHash.h"
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
// allocation needs (a page, mostly): restoring a large snapshot on two threads made ~3 800 of
// those calls. With a pad as large as a thread heap can be (64 MiB), a thread's new heap is
// made writable whole when created and the main heap grows by brk in 64 MiB steps. It is
// address space, not memory: pages cost memory when written. The pad also keeps up to that
// much freed memory at the top of a heap instead of giving it back, so it is only set for
// the restore and put back to glibc's default (128 KiB) afterwards.
void krav_memory_pad_heaps(int large) {
#if defined(__GLIBC__)
  mallopt(M_TOP_PAD, large ? 64 * 1024 * 1024 : 128 * 1024);
#else
  (void)large;
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
