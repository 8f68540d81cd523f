/* opc.h — an Office Open XML package (a DOCX) opened safely: our ZIP layout check
 * first (one end record, no overlaps or duplicates, zipcheck.h), then libzip, which
 * must read the same entries as our walk; parts read with a size cap (libzip does not
 * enforce declared sizes); the main part found through _rels/.rels. */
#ifndef QB_OPC_H
#define QB_OPC_H

#include <libxml/xmlreader.h>
#include <zip.h>

#include "err.h"
#include "qb.h"

#define QB_OPC_MAX_PART (64u << 20)   /* one XML part: 64 MiB */
#define QB_OPC_MAX_TOTAL (512u << 20) /* all parts together */

typedef struct {
    zip_t *z;
    char *main_part;   /* e.g. "word/document.xml" */
    qb_err err;        /* why open failed: the reason for the applicant in both languages */
    int ambiguous;     /* it failed because tools would read the file differently */
} qb_opc;

typedef struct {
    char *id, *type, *target; /* target resolved against the source part's folder */
    int external;
} qb_rel;

typedef struct {
    qb_rel *v;
    size_t n, cap;
} qb_rels;

/* QB_ERR_FORMAT / QB_ERR_UNSAFE / QB_ERR_LIMIT / QB_ERR_ENCRYPTED with o->err set. */
qb_status qb_opc_open(const char *path, qb_opc *o);
void qb_opc_close(qb_opc *o);

/* Nonzero if the part exists (names compare case-insensitively, as OPC says). */
int qb_opc_has(qb_opc *o, const char *part);
/* Read a whole part, NUL-terminated. QB_ERR_FORMAT if absent, QB_ERR_LIMIT if too big. */
qb_status qb_opc_read(qb_opc *o, const char *part, char **buf, size_t *len);
/* An XML reader streaming a part straight out of the ZIP (flat memory): reads are
 * capped at the part's declared size, and one byte more is an error (libzip does not
 * enforce the size). */
typedef struct qb_part_reader qb_part_reader;
/* QB_ERR_FORMAT when the part is absent or unreadable, QB_ERR_LIMIT when too large. */
qb_status qb_opc_reader_open(qb_opc *o, const char *part, qb_part_reader **out);
xmlTextReaderPtr qb_part_reader_xml(qb_part_reader *pr);
/* Frees it; QB_ERR_LIMIT when the part held more than it declared. */
qb_status qb_opc_reader_close(qb_part_reader *pr);
/* Relationships of a part (from its _rels/NAME.rels); empty when it has none. */
qb_status qb_opc_rels(qb_opc *o, const char *part, qb_rels *out);
/* The part related to the main part by a relationship whose type ends in suffix
 * ("/styles", "/numbering" …), streamed: fn is given each element child of its root,
 * expanded, one at a time (valid during the call only), so that the part is never a
 * whole tree. *whole is 1 when the part was there and read to its end as well-formed
 * XML; 0 when there is none, it is external or dangling, or it is not well-formed — the
 * caller then drops what fn was given and falls back to defaults, as for no part (Word
 * would not open it). QB_ERR_LIMIT when it declares more than max bytes, or holds more
 * than it declares; QB_ERR_UNSAFE when it declares a DOCTYPE; fn's status otherwise. */
typedef qb_status (*qb_opc_child_fn)(void *ctx, xmlNodePtr child);
qb_status qb_opc_related_each(qb_opc *o, const qb_rels *rels, const char *suffix, size_t max,
                               qb_opc_child_fn fn, void *ctx, int *whole);
const qb_rel *qb_rels_find(const qb_rels *r, const char *id);
/* First relationship whose type ends with the given suffix ("/styles"). */
const qb_rel *qb_rels_by_type(const qb_rels *r, const char *suffix);
void qb_rels_free(qb_rels *r);

#endif
