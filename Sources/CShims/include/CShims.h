#ifndef MAILAUDIT_CSHIMS_H
#define MAILAUDIT_CSHIMS_H
#include <stddef.h>

/// memmem(3): Glibc's declaration is behind _GNU_SOURCE, which Swift's Glibc
/// module does not see, so it is wrapped here.
const void *cshims_memmem(const void *haystack, size_t haystacklen,
                          const void *needle, size_t needlelen);

/// Hands memory the allocator holds free back to the system (glibc's
/// malloc_trim; nothing elsewhere).
void cshims_return_free_memory(void);

#endif
