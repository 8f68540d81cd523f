/* check.h — the whole chain in one process (qb-check, qb-render, qb-batch): read the
 * input — a write-up .docx, or a package (RAR, ZIP, 7z, folder) unpacked safely —, find
 * sections and counts, lint the format, collect every finding. */
#ifndef QB_CHECK_H
#define QB_CHECK_H

#include "edition.h"
#include "model.h"
#include "package.h"

typedef struct {
    qb_doc doc;            /* the write-up (valid when have_doc) */
    int have_doc;
    qb_doc form;           /* the application form, read but not checked (have_form) */
    int have_form;
    qb_package pkg;        /* the package, when the input was one (have_pkg) */
    int have_pkg;
    char *workdir;         /* private folder the package was unpacked into; removed on free */
    qb_findings findings;  /* package findings, then the write-up's */
    char *applicant;       /* organisation, from the form or the package name; NULL if unknown */
    int processed;         /* 0: the input could not be processed at all */
    char *reason;          /* one-line reason (Chinese) when not processed */
    char *reason_en;
} qb_check_result;

/* Check any input: a .docx goes straight to the reader; anything else is unpacked
 * (package.h) into a private folder under $TMPDIR and its write-up checked. QB_OK
 * whenever a result was produced, even one that says "not processed"; other statuses
 * mean the check itself broke (memory, no temporary folder). */
qb_status qb_check_input(const char *input, const qb_edition *ed, qb_check_result *res);
/* Check one .docx write-up. */
qb_status qb_check_docx(const char *path, const qb_edition *ed, qb_check_result *res);
void qb_check_result_free(qb_check_result *res);

#endif
