#define _GNU_SOURCE
#include <string.h>
#include "CShims.h"

const void *cshims_memmem(const void *haystack, size_t haystacklen,
                          const void *needle, size_t needlelen) {
  return memmem(haystack, haystacklen, needle, needlelen);
}

#if defined(__GLIBC__)
#include <malloc.h>
#endif

void cshims_return_free_memory(void) {
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
}
