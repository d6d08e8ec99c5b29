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

int krav_release_free_memory(void) {
#if defined(__GLIBC__)
  fix_mmap_threshold();
  return malloc_trim(0);
#else
  return 0;
#endif
}
