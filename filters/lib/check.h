/* check.h — the whole chain in one process (qb-check, qb-batch): read the input,
 * find sections and counts, lint the format, collect every finding. */
#ifndef QB_CHECK_H
#define QB_CHECK_H

#include "edition.h"
#include "model.h"

typedef struct {
    qb_doc doc;            /* the write-up (valid when have_doc) */
    int have_doc;
    qb_findings findings;  /* package findings, then the write-up's */
    char *applicant;       /* organisation, from the package name or the form; NULL if unknown */
    int processed;         /* 0: the input could not be processed at all */
    char *reason;          /* one-line reason (Chinese) when not processed */
    char *reason_en;
} qb_check_result;

/* Check a .docx (packages: see unpack.h). QB_OK whenever a result was produced, even
 * one that says "not processed"; other statuses mean the check itself broke (memory). */
qb_status qb_check_docx(const char *path, const qb_edition *ed, qb_check_result *res);
void qb_check_result_free(qb_check_result *res);

#endif
