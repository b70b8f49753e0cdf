#ifndef MAILAUDIT_CSHIMS_H
#define MAILAUDIT_CSHIMS_H
#include <stddef.h>

/// memmem(3): Glibc's declaration is behind _GNU_SOURCE, which Swift's Glibc
/// module does not see, so it is wrapped here.
const void *cshims_memmem(const void *haystack, size_t haystacklen,
                          const void *needle, size_t needlelen);

/// The offset in [bytes, bytes + count) of the first NUL byte, or of the
/// LF of the first "\nFrom " lying wholly in the range, whichever comes
/// first; `count` when there is neither. One pass over an mbox body finds
/// both what may end the message and what damage left in it.
size_t cshims_mbox_body_stop(const void *bytes, size_t count);

/// ``cshims_mbox_body_stop`` by one method, so tests reach each: 2 the
/// widest vectors the CPU has (AVX2 on x86-64), 1 SSE2 (x86-64; elsewhere
/// as 0), 0 memchr per line.
size_t cshims_mbox_body_stop_using(const void *bytes, size_t count, int method);

/// Hands memory the allocator holds free back to the system (glibc's
/// malloc_trim; nothing elsewhere).
void cshims_return_free_memory(void);

/// Limits glibc's malloc to `arenas` arenas, unless MALLOC_ARENA_MAX is set
/// in the environment (nothing elsewhere). Call before any thread starts.
void cshims_limit_malloc_arenas(int arenas);

#endif
