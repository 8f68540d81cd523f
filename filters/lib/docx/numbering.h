/* numbering.h — automatic numbering labels (numbering.xml): "一、", "（二）", "1.1" …
 * The label is part of what the reader sees, so it is part of the paragraph's text. */
#ifndef QB_NUMBERING_H
#define QB_NUMBERING_H

#include "opc.h"

typedef struct qb_numbering qb_numbering;

/* The labels' definitions, empty at first; qb_numbering_child takes each element child
 * of numbering.xml's root (qb_opc_related_each), qb_numbering_drop forgets what it took
 * (a part not well-formed counts as none). */
qb_status qb_numbering_new(qb_numbering **out);
qb_status qb_numbering_child(qb_numbering *nb, xmlNodePtr n);
void qb_numbering_drop(qb_numbering *nb);
void qb_numbering_free(qb_numbering *n);

/* The label for the next paragraph numbered (num_id, lvl), advancing the counters
 * as Word does (deeper levels restart). Empty string for bullets' private-use
 * glyphs and for num_id 0. Returns bytes written into out (NUL-terminated). */
size_t qb_numbering_next(qb_numbering *n, int num_id, int lvl, char *out, size_t size);

#endif
