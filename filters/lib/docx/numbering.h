/* numbering.h — automatic numbering labels (numbering.xml): "一、", "（二）", "1.1" …
 * The label is part of what the reader sees, so it is part of the paragraph's text. */
#ifndef QB_NUMBERING_H
#define QB_NUMBERING_H

#include "opc.h"

typedef struct qb_numbering qb_numbering;

/* The labels' definitions from numbering.xml's tree (qb_opc_related_dom; NULL: none). */
qb_status qb_numbering_load(xmlDocPtr doc, qb_numbering **out);
void qb_numbering_free(qb_numbering *n);

/* The label for the next paragraph numbered (num_id, lvl), advancing the counters
 * as Word does (deeper levels restart). Empty string for bullets' private-use
 * glyphs and for num_id 0. Returns bytes written into out (NUL-terminated). */
size_t qb_numbering_next(qb_numbering *n, int num_id, int lvl, char *out, size_t size);

#endif
