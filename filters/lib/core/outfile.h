/* outfile.h — how every output file is written: never onto an input, never half.
 *
 *     qb_outfile of;
 *     if (qb_outfile_open(&of, out, inputs, ninputs, &e) != QB_OK) return e.st;
 *     … write to of.f …
 *     return qb_outfile_commit(&of, &e);      (or qb_outfile_abort(&of))
 *
 * An output that resolves to an input (the same file through a path, a symbolic or a
 * hard link: same device and inode) is refused before anything is written. The
 * bytes go to a temporary file in the destination's folder, which is flushed, synced
 * and renamed into place only when every write succeeded: a full disk or a file-size
 * limit leaves the destination as it was and no partial file. A symbolic link at the
 * destination is replaced by the file, never written through. The temporary file is
 * removed on every way out (tmpdir.h's registry). */
#ifndef QB_OUTFILE_H
#define QB_OUTFILE_H

#include <stdio.h>

#include "err.h"

typedef struct {
    char *path; /* the destination */
    char *tmp;  /* the temporary file beside it */
    FILE *f;    /* open on tmp; a writer that wants a path may fclose it and set NULL */
} qb_outfile;

/* Ignore SIGXFSZ from now on: a write past the file-size limit (ulimit -f) fails with
 * EFBIG, reported like a full disk, instead of killing the process half-way. Done by
 * qb_outfile_open; call it earlier when scratch files are written before. */
void qb_outfile_init(void);
/* QB_ERR_USAGE when out is one of inputs[0..n) (NULL entries skipped). */
qb_status qb_outfile_refuse_input(const char *out, const char *const *inputs, size_t n, qb_err *e);
/* The check above, then the temporary file; QB_ERR_IO (with errno's reason) when it
 * cannot be created. Calls qb_outfile_init. */
qb_status qb_outfile_open(qb_outfile *of, const char *out, const char *const *inputs, size_t n, qb_err *e);
/* Write n bytes to of->f; QB_ERR_IO with the reason on failure. */
qb_status qb_outfile_write(qb_outfile *of, const void *p, size_t n, qb_err *e);
/* Close, sync and rename into place; on failure the temporary file is removed and
 * the destination untouched. Frees of's fields either way. */
qb_status qb_outfile_commit(qb_outfile *of, qb_err *e);
/* Give up: remove the temporary file, free of's fields. */
void qb_outfile_abort(qb_outfile *of);

/* The reason of a failed write, errno in both languages (ENOSPC → 磁盘空间不足 …). */
qb_status qb_outfile_errno(qb_err *e, const char *path, int err);

#endif
