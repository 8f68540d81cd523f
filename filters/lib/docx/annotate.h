/* annotate.h — the applicant's draft back, with each finding as a Word comment.
 *
 * Every finding that names a paragraph (qb_finding.paragraph: the 1-based ordinal of
 * the w:p in the main part, as docx.c numbers them) becomes a comment spanning that
 * paragraph: word/comments.xml (created, or extended when the draft already has
 * comments), its relationship and content type, and commentRangeStart / End /
 * commentReference in the main part. Every other part is copied byte for byte
 * (compressed data unchanged). The input is never modified; the output is written
 * through outfile.h (a temporary file beside out_docx renamed into place; never
 * onto the input, whatever link leads there). Word and WPS show the
 * comments in their review pane, so the applicant fixes the draft where it is. */
#ifndef QB_ANNOTATE_H
#define QB_ANNOTATE_H

#include "err.h"
#include "model.h"

/* QB_ERR_USAGE when out_docx names the input, QB_ERR_FORMAT when doc was not read
 * from this file (its paragraphs do not match the main part's), else what reading or
 * writing the package returned. *commented (may be NULL) receives how many findings
 * became comments. */
qb_status qb_annotate_docx(const char *in_docx, const char *out_docx, const qb_doc *doc);
qb_status qb_annotate_docx_count(const char *in_docx, const char *out_docx, const qb_doc *doc,
                                 size_t *commented);
/* The same, with the reason of a refusal or a failed write in e (may be NULL). */
qb_status qb_annotate_docx_to(const char *in_docx, const char *out_docx, const qb_doc *doc, size_t *commented,
                              qb_err *e);

#endif
