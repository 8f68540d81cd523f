/* docx.h — read a DOCX into the document model (qb-docx's library half).
 * Reading order: body paragraphs and tables (nested, cell by cell), text boxes after
 * the paragraph anchoring them, footnotes after the paragraph referencing them;
 * numbering labels as text; tracked changes read as the final text; field results,
 * not field codes. XML is parsed with xmlsafe.h's settings. */
#ifndef QB_DOCX_H
#define QB_DOCX_H

#include "model.h"

/* On failure (QB_ERR_FORMAT, QB_ERR_ENCRYPTED, QB_ERR_UNSAFE, QB_ERR_LIMIT, QB_ERR_IO)
 * *why receives an English one-line reason and *why_zh a Chinese one (caller frees). */
qb_status qb_docx_read(const char *path, qb_doc *doc, char **why, char **why_zh);

#endif
