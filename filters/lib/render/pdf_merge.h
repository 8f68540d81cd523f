/* pdf_merge.h — proof PDFs as pages of the dossier, through qpdf (libqpdf's C API).
 *
 * libharu only writes PDFs. The dossier is therefore typeset with one reserved page
 * for each page of a proof PDF (running header, the proof's title and bookmark, page
 * number, and a free area below the title); qpdf then turns each proof page into a
 * form XObject (its content and resources, copied with everything they refer to:
 * text and vector graphics stay as they are, nothing is rasterised), draws it scaled
 * into the free area of its reserved page, and writes the result with a
 * deterministic /ID, the existing streams copied as they are.
 *
 * Why not QPDFJob's --overlay: it takes one overlay file per run, and it wraps the
 * destination page in a form clipped to the page's TrimBox, so the running header
 * above the free area would be clipped away. */
#ifndef QB_PDF_MERGE_H
#define QB_PDF_MERGE_H

#include <stddef.h>

#include "err.h"

/* How a proof PDF opened. */
typedef enum { QB_PDFP_OK = 0, QB_PDFP_ENCRYPTED, QB_PDFP_BROKEN } qb_pdfp_state;

/* Open path with qpdf (empty password): its page count, or why it cannot be shown
 * (QB_PDFP_ENCRYPTED: a password is needed; QB_PDFP_BROKEN: unreadable, no pages;
 * reason in e). QB_ERR_NOMEM only when memory ran out. */
qb_status qb_pdf_probe(const char *path, qb_pdfp_state *state, unsigned *npages, qb_err *e);

/* One proof placed: pages from..from+n-1 (1-based) of path, each scaled to fit
 * (never enlarged) and centred in the box x, y, w, h (points) of dossier pages
 * to..to+n-1. */
typedef struct {
    const char *path;
    unsigned from, to, n;
    float x, y, w, h;
} qb_pdf_place;

typedef qb_status (*qb_pdf_put)(void *ctx, const void *p, size_t n, qb_err *e);

/* The PDF pdf[0..len) with every placement done, written through put. QB_ERR_FORMAT
 * with qpdf's reason when it fails. */
qb_status qb_pdf_merge(const unsigned char *pdf, size_t len, const qb_pdf_place *pl, size_t n, qb_pdf_put put,
                       void *ctx, qb_err *e);

#endif
