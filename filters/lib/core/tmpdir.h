/* tmpdir.h — private working folders: made under $TMPDIR (never next to an input)
 * and removed with everything in them, without ever following a link out. */
#ifndef QB_TMPDIR_H
#define QB_TMPDIR_H

#include "qb.h"

/* A new empty folder "$TMPDIR/qb-TAG-XXXXXX" (mode 0700); caller frees *out. */
qb_status qb_tmpdir_make(const char *tag, char **out);
/* Remove a folder tree (links are removed, never followed). */
void qb_tree_remove(const char *dir);

#endif
