/* tmpblob.h — bytes libharu must read from a file (it loads fonts only from a path, and
 * reads a file-backed stream only when it saves): written to a private temporary file
 * under $TMPDIR, which the caller unlinks once libharu has it open. */
#ifndef QB_TMPBLOB_H
#define QB_TMPBLOB_H

#include <stddef.h>

#include "err.h"

/* Write len bytes to a new file (mode 0600) named in *path (malloc'd). QB_ERR_IO when it
 * cannot be made or written in full (nothing is left then), QB_ERR_NOMEM. */
qb_status qb_tmpblob(const void *data, size_t len, const char *tag, char **path);

#endif
