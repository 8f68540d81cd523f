/* tmpdir.h — private working folders: made under $TMPDIR (never next to an input)
 * and removed with everything in them, without ever following a link out — also
 * when the process ends early: on exit() without cleanup, on SIGINT, SIGTERM and
 * SIGHUP, and on a crash (SIGABRT; SIGSEGV, SIGBUS, SIGFPE, SIGILL outside the
 * sanitizer build), an applicant's unpacked files never stay behind. */
#ifndef QB_TMPDIR_H
#define QB_TMPDIR_H

#include "qb.h"

/* A new empty folder "$TMPDIR/qb-TAG-XXXXXX" (mode 0700), registered for removal
 * (below) until qb_tree_remove; caller frees *out. */
qb_status qb_tmpdir_make(const char *tag, char **out);
/* Remove a folder tree (links are removed, never followed), or a file, and forget
 * it in the registry. */
void qb_tree_remove(const char *dir);

/* The registry of paths (folder trees or files) this process removes if it ends
 * before forgetting them. Only the registering process removes a path: a forked
 * child that exits or is killed leaves its parent's paths alone. Installs the
 * signal handlers where the disposition is the default one (a signal the caller
 * ignores or handles itself is left as it is). QB_ERR_LIMIT when full (32 paths),
 * QB_ERR_USAGE for a path longer than PATH_MAX. */
qb_status qb_cleanup_register(const char *path);
void qb_cleanup_forget(const char *path);
/* In a module (module.h), which holds its own copy of this file: hand every path to
 * the program's registry instead, so that one set of handlers removes them all. */
void qb_cleanup_delegate(qb_status (*reg)(const char *), void (*forget)(const char *));

#endif
