#ifndef MAILAUDIT_CZLIB_H
#define MAILAUDIT_CZLIB_H
// The system zlib, for reading gzip-compressed mailboxes as a stream
// (gzopen/gzread handle multi-member files). Debian: zlib1g-dev.
#include <zlib.h>
#endif
