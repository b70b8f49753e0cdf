/*
 * The "limit": the least work that still finds every message's header block
 * and a few fields in it. mailaudit's header-only scan cannot beat this by
 * much, so its time is the yardstick for mailaudit's.
 *
 *   limit mbox FILE      read() into a page-aligned block, memmem for
 *                        "\n\nFrom " boundaries, slice each header block.
 *   limit maildir DIR    every file in DIR/cur and DIR/new, read only as far
 *                        as the header block's end.
 *
 * For each header block it finds From, To, Cc, Bcc, Subject and Message-ID
 * (with folded continuation lines) and prints the counts and a checksum of
 * the field bytes, so nothing can be optimised away and the message count
 * can be compared with the other programs'.
 *
 * Build: cc -O2 -o limit limit.c
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

enum { PAGE = 4096, BLOCK = 1 << 20, MAX_HEADER = 1 << 20 };

struct tally {
  uint64_t messages, header_bytes, fields, field_bytes;
};

static const char *const FIELDS[] = {"from:", "to:", "cc:", "bcc:", "subject:", "message-id:"};

/* Finds the wanted fields in one header block [h, h+n). */
static void slice_fields(const char *h, size_t n, struct tally *t) {
  const char *end = h + n, *line = h;
  t->messages++;
  t->header_bytes += n;
  while (line < end) {
    const char *nl = memchr(line, '\n', (size_t)(end - line));
    const char *next = nl ? nl + 1 : end;
    for (size_t i = 0; i < sizeof FIELDS / sizeof *FIELDS; i++) {
      size_t len = strlen(FIELDS[i]);
      if ((size_t)(end - line) > len && strncasecmp(line, FIELDS[i], len) == 0) {
        /* The field runs on over continuation lines (starting with SP/HT). */
        while (next < end && (*next == ' ' || *next == '\t')) {
          nl = memchr(next, '\n', (size_t)(end - next));
          next = nl ? nl + 1 : end;
        }
        t->fields++;
        t->field_bytes += (uint64_t)(next - line - (long)len);
        break;
      }
    }
    line = next;
  }
}

static void *aligned(size_t size) {
  void *p = NULL;
  if (posix_memalign(&p, PAGE, size) != 0) {
    perror("posix_memalign");
    exit(2);
  }
  return p;
}

/*
 * mbox: the buffer is [headroom | block]; reads land page-aligned in the
 * block and the unfinished tail (a header block in progress, or the last
 * bytes that may start a separator) is moved into the headroom just before
 * it, so every search runs over contiguous memory.
 */
static int scan_mbox(const char *path, struct tally *t) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    perror(path);
    return 1;
  }
  posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  const size_t headroom = MAX_HEADER + PAGE;
  char *mem = aligned(headroom + BLOCK);
  char *block = mem + headroom;
  size_t carried = 0;
  /* 1 while a header block is being looked at (its start is the region's
   * start); 0 while skipping a body. */
  int in_header = 0;
  int first = 1;
  for (;;) {
    ssize_t got = read(fd, block, BLOCK);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      perror("read");
      return 1;
    }
    char *region = block - carried;
    size_t size = carried + (size_t)got;
    char *p = region, *end = region + size;
    if (first) {
      first = 0;
      if (size >= 5 && memcmp(p, "From ", 5) == 0) in_header = 1;
    }
    for (;;) {
      if (in_header) {
        /* p is at a "From " line: the header block follows it. */
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *hend = nl ? memmem(nl + 1, (size_t)(end - nl - 1), "\n\n", 2) : NULL;
        if (!hend) {
          if (got == 0 && nl) { /* file ends inside the header */
            slice_fields(nl + 1, (size_t)(end - nl - 1), t);
            in_header = 0;
            p = end;
          }
          break;
        }
        slice_fields(nl + 1, (size_t)(hend + 1 - nl - 1), t);
        in_header = 0;
        p = hend + 1; /* the blank line's LF: "\n\nFrom " may start here */
      }
      char *sep = memmem(p, (size_t)(end - p), "\n\nFrom ", 7);
      if (!sep) {
        p = end - 6 > p ? end - 6 : p; /* a separator may straddle reads */
        break;
      }
      p = sep + 2;
      in_header = 1;
    }
    if (got == 0) break;
    carried = (size_t)(end - p);
    if (carried > headroom) { /* header over 1 MiB: skip it as body */
      carried = 6;
      in_header = 0;
    }
    memmove(block - carried, end - carried, carried);
  }
  free(mem);
  close(fd);
  return 0;
}

/* Maildir: read each file only up to its header block's end. */
static int scan_folder(const char *dir, struct tally *t, char *buf) {
  DIR *d = opendir(dir);
  if (!d) return errno == ENOENT ? 0 : (perror(dir), 1);
  int dfd = dirfd(d);
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.') continue;
    int fd = openat(dfd, e->d_name, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      perror(e->d_name);
      continue;
    }
    size_t have = 0, want = 16 << 10;
    const char *hend = NULL;
    for (;;) {
      ssize_t got = read(fd, buf + have, want);
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) break;
      size_t from = have > 1 ? have - 1 : 0;
      have += (size_t)got;
      hend = memmem(buf + from, have - from, "\n\n", 2);
      if (hend || have + want > MAX_HEADER) break;
      want = want < (256 << 10) ? want * 2 : want;
    }
    slice_fields(buf, hend ? (size_t)(hend + 1 - buf) : have, t);
    close(fd);
  }
  closedir(d);
  return 0;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s mbox FILE | maildir DIR\n", argv[0]);
    return 64;
  }
  struct tally t = {0};
  int rc;
  if (strcmp(argv[1], "mbox") == 0) {
    rc = scan_mbox(argv[2], &t);
  } else if (strcmp(argv[1], "maildir") == 0) {
    char *buf = aligned(MAX_HEADER + (256 << 10));
    char path[4096];
    snprintf(path, sizeof path, "%s/cur", argv[2]);
    rc = scan_folder(path, &t, buf);
    snprintf(path, sizeof path, "%s/new", argv[2]);
    rc |= scan_folder(path, &t, buf);
    free(buf);
  } else {
    fprintf(stderr, "unknown format %s\n", argv[1]);
    return 64;
  }
  printf("{\"messages\": %llu, \"header_bytes\": %llu, \"fields\": %llu, \"field_bytes\": %llu}\n",
         (unsigned long long)t.messages, (unsigned long long)t.header_bytes,
         (unsigned long long)t.fields, (unsigned long long)t.field_bytes);
  return rc;
}
