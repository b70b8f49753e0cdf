#define _GNU_SOURCE
#include <string.h>
#include "CShims.h"

const void *cshims_memmem(const void *haystack, size_t haystacklen,
                          const void *needle, size_t needlelen) {
  return memmem(haystack, haystacklen, needle, needlelen);
}

/* An mbox body is most of the bytes a scan reads and it is searched for
 * "\nFrom " and for NUL bytes. memmem and memchr each took a pass over it,
 * memmem at a few GB/s (it is a general substring search); vector compares
 * of each byte and the byte after it find both in one pass at memory speed.
 * A candidate LF + 'F' is checked for the rest of "From " in scalar code:
 * in mail text that is rare outside separators and "From" lines. */

static const char from_space[5] = {'F', 'r', 'o', 'm', ' '};

/* Whether the LF at `lf` starts "\nFrom " ending within [.., end). */
static inline int lf_from_space(const unsigned char *lf, const unsigned char *end) {
  return end - lf >= 6 && memcmp(lf + 1, from_space, 5) == 0;
}

/* Elsewhere (and to test the vector versions against): memchr for the LF
 * is vectorised by the C library on every target. */
static size_t body_stop_portable(const unsigned char *p, size_t count) {
  size_t i = 0;
  while (i < count) {
    const unsigned char *lf = memchr(p + i, '\n', count - i);
    size_t end = lf ? (size_t)(lf - p) : count;
    const unsigned char *nul = memchr(p + i, 0, end - i);
    if (nul) return (size_t)(nul - p);
    if (!lf) return count;
    if (lf_from_space(lf, p + count)) return end;
    i = end + 1;
  }
  return count;
}

#if defined(__x86_64__)
#include <immintrin.h>

static size_t body_stop_scalar(const unsigned char *p, size_t i, size_t n) {
  for (; i < n; i++) {
    if (p[i] == 0) return i;
    if (p[i] == '\n' && lf_from_space(p + i, p + n)) return i;
  }
  return n;
}

/* Returns the stop among the set bits of `mask` (bit k: byte i+k is NUL,
 * or LF followed by 'F'), or -1 when none is a stop. */
static inline long stop_in_mask(const unsigned char *p, size_t i, size_t n, unsigned long long mask) {
  while (mask) {
    size_t j = i + (size_t)__builtin_ctzll(mask);
    if (p[j] == 0 || lf_from_space(p + j, p + n)) return (long)j;
    mask &= mask - 1;
  }
  return -1;
}

__attribute__((target("avx2")))
static size_t body_stop_avx2(const unsigned char *p, size_t n) {
  const __m256i lf = _mm256_set1_epi8('\n'), f = _mm256_set1_epi8('F'), zero = _mm256_setzero_si256();
  size_t i = 0;
  /* Each step reads [i, i + 33): the 32 bytes and the one after. */
  while (i + 33 <= n) {
    __m256i here = _mm256_loadu_si256((const __m256i *)(p + i));
    __m256i next = _mm256_loadu_si256((const __m256i *)(p + i + 1));
    __m256i hit = _mm256_or_si256(
        _mm256_and_si256(_mm256_cmpeq_epi8(here, lf), _mm256_cmpeq_epi8(next, f)),
        _mm256_cmpeq_epi8(here, zero));
    unsigned mask = (unsigned)_mm256_movemask_epi8(hit);
    if (mask) {
      long stop = stop_in_mask(p, i, n, mask);
      if (stop >= 0) return (size_t)stop;
    }
    i += 32;
  }
  return body_stop_scalar(p, i, n);
}

static size_t body_stop_sse2(const unsigned char *p, size_t n) {
  const __m128i lf = _mm_set1_epi8('\n'), f = _mm_set1_epi8('F'), zero = _mm_setzero_si128();
  size_t i = 0;
  while (i + 17 <= n) {
    __m128i here = _mm_loadu_si128((const __m128i *)(p + i));
    __m128i next = _mm_loadu_si128((const __m128i *)(p + i + 1));
    __m128i hit = _mm_or_si128(
        _mm_and_si128(_mm_cmpeq_epi8(here, lf), _mm_cmpeq_epi8(next, f)), _mm_cmpeq_epi8(here, zero));
    unsigned mask = (unsigned)_mm_movemask_epi8(hit);
    if (mask) {
      long stop = stop_in_mask(p, i, n, mask);
      if (stop >= 0) return (size_t)stop;
    }
    i += 16;
  }
  return body_stop_scalar(p, i, n);
}

#endif

size_t cshims_mbox_body_stop_using(const void *bytes, size_t count, int method) {
#if defined(__x86_64__)
  /* The CPU's features are read once, by the runtime's constructor. */
  if (method >= 2 && __builtin_cpu_supports("avx2")) return body_stop_avx2(bytes, count);
  if (method >= 1) return body_stop_sse2(bytes, count);
#else
  (void)method;
#endif
  return body_stop_portable(bytes, count);
}

size_t cshims_mbox_body_stop(const void *bytes, size_t count) {
  return cshims_mbox_body_stop_using(bytes, count, 2);
}

#include <stdlib.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

void cshims_return_free_memory(void) {
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
}

void cshims_limit_malloc_arenas(int arenas) {
#if defined(__GLIBC__)
  if (getenv("MALLOC_ARENA_MAX") == NULL) mallopt(M_ARENA_MAX, arenas);
#endif
}
