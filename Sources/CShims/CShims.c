#define _GNU_SOURCE
#include <string.h>
#include "CShims.h"

const void *cshims_memmem(const void *haystack, size_t haystacklen,
                          const void *needle, size_t needlelen) {
  return memmem(haystack, haystacklen, needle, needlelen);
}
