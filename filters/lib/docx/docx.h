/* docx.h — read a DOCX into the document model (qb-docx's library half).
 * Reading order: body paragraphs and tables (nested, cell by cell), text boxes after
 * the paragraph anchoring them, footnotes after the paragraph referencing them (the
 * reference a numbered mark, an empty run); equations as linear text, marked math;
 * legacy drop-down and check-box form fields as the value they show;
 * numbering labels as text; tracked changes read as the final text; field results,
 * not field codes. XML is parsed with xmlsafe.h's settings. */
#ifndef QB_DOCX_H
#define QB_DOCX_H

#include "err.h"
#include "model.h"
#include "opc.h"

/* How much document the reader builds a model of: a real write-up has a few hundred
 * paragraphs, a few thousand cells and some tens of thousands of characters, so these
 * are far above it and far below what a small hostile file can ask for (1.5 million
 * empty paragraphs fit in 163 KB). Reading stops at the first limit reached; the rest
 * of the part is only counted, for the figure in the document.too-large finding.
 * The editions may change them ([document] in templates/rules). */
typedef struct {
    long paragraphs; /* paragraphs in the model, footnotes copied in included */
    long cells;      /* table cells (w:tc), nested tables included */
    long chars;      /* characters of text */
    long model_mb;   /* the model's own memory (paragraphs, runs, text), in MB */
} qb_docx_limits;

#define QB_DOCX_MAX_PARAGRAPHS 20000
#define QB_DOCX_MAX_CELLS 50000
#define QB_DOCX_MAX_CHARS 2000000
#define QB_DOCX_MAX_MODEL_MB 64

/* The parts read whole into a DOM (styles, numbering, theme, settings) cost about ten
 * times their size in memory, and every paragraph looks its style and list up: real
 * ones are well under 1 MB with hundreds of definitions (Word allows 4079 styles).
 * A bigger part, or more definitions, refuses the document (QB_ERR_LIMIT): a 2 MB DOCX
 * with 900 000 lists took over 300 s and 1.1 GB. */
#define QB_DOCX_MAX_DOM_PART (8u << 20)
#define QB_DOCX_MAX_DEFS 20000

/* Read the DOCX at path (a regular file) into doc under the default limits.
 * On failure (QB_ERR_FORMAT, QB_ERR_ENCRYPTED, QB_ERR_UNSAFE, QB_ERR_LIMIT, QB_ERR_IO,
 * QB_ERR_NOMEM) e says why. A document over a limit is read up to it, returns QB_OK and
 * carries a document.too-large finding (error) naming the actual and the allowed figure.
 * doc is the caller's to free (qb_doc_free) in every case. */
qb_status qb_docx_read(const char *path, qb_doc *doc, qb_err *e);
/* The same with the given limits (an edition's); NULL means the defaults. */
qb_status qb_docx_read_limited(const char *path, qb_doc *doc, const qb_docx_limits *lim, qb_err *e);
/* The same from the package at path already opened (qb_opc_open), which stays the
 * caller's to close: who opened it to learn that it is a Word document does not open
 * it twice. */
qb_status qb_docx_read_opened(const char *path, qb_opc *o, qb_doc *doc, const qb_docx_limits *lim, qb_err *e);

#endif
