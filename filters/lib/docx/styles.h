/* styles.h — Word's formatting cascade (ECMA-376 §17.7): docDefaults → table style →
 * numbering level → paragraph style chain (basedOn) → character style chain → direct
 * formatting; toggle properties (§17.7.3); theme fonts (theme1.xml, w:lang fallback).
 * qb-docx hands each w:pPr / w:rPr node to these calls and stores the result in
 * the model. */
#ifndef QB_STYLES_H
#define QB_STYLES_H

#include <libxml/tree.h>

#include "model.h"
#include "opc.h"

typedef struct qb_styles qb_styles;

/* Load styles.xml, theme1.xml and settings.xml through the main part's relationships,
 * each streamed (qb_opc_related_each). A package without styles, or with styles that are
 * not well-formed, gets Word's built-in defaults. */
qb_status qb_styles_load(qb_opc *o, const qb_rels *main_rels, qb_styles **out);
/* The paragraph properties of numbering.xml's levels: each element child of its root, as
 * the caller streams it once for this and for the labels (qb_numbering_child);
 * qb_styles_numbering_drop forgets them (a part not well-formed counts as none). */
qb_status qb_styles_numbering_child(qb_styles *st, xmlNodePtr n);
void qb_styles_numbering_drop(qb_styles *st);
void qb_styles_free(qb_styles *st);

/* Effective paragraph formatting and paragraph-mark run formatting for a paragraph
 * whose w:pPr is pPr (NULL when absent), inside a table whose style id is tbl_style
 * (NULL outside tables). */
void qb_styles_para(const qb_styles *st, xmlNodePtr pPr, const char *tbl_style,
                    qb_pfmt *pf, qb_rfmt *mark);

/* Effective run formatting of a run with w:rPr rPr (NULL when absent) in a
 * paragraph already resolved to pf. */
void qb_styles_run(const qb_styles *st, const qb_pfmt *pf, const char *tbl_style,
                   xmlNodePtr rPr, qb_rfmt *rf);

/* The display name (w:name) of a paragraph style id, or NULL. */
const char *qb_styles_name(const qb_styles *st, const char *style_id);

/* (styles.c) tbl_style "" means "in a table without w:tblStyle": the default table
 * style applies; NULL means outside any table. Every qb_rfmt / qb_pfmt field comes
 * back resolved (never -1 / UNSET): Word's application defaults fill what no level
 * sets — see the top of styles.c. */

/* An OOXML measure attribute value into twips: a plain number is taken as twips; a
 * number with a unit (pt, in, cm, mm, pc, pi — ISO 29500 strict writes pgSz as
 * "595.30pt") is converted. *unit (may be NULL) says whether one was written.
 * Returns 0 when v is not a measure. */
int qb_styles_twips(const char *v, long *twips, int *unit);

/* basedOn links refused because they closed a cycle (0 for a sound styles part). */
int qb_styles_cycles(const qb_styles *st);

#endif
