/* check.h — the whole chain in one process (qb-check, qb-batch): read the input — a
 * write-up .docx, or a package (RAR, ZIP, 7z, folder) unpacked safely —, find sections
 * and counts, lint the format, collect every finding: the application record
 * (record.h) of that input. */
#ifndef QB_CHECK_H
#define QB_CHECK_H

#include "edition.h"
#include "record.h"

/* The record under the name the batch has always used. */
typedef qb_record qb_check_result;

/* Check any input: a .docx goes straight to the reader; anything else is unpacked
 * (package.h) into workdir — an existing empty folder the record names and keeps —
 * or, when workdir is NULL, into a private folder under $TMPDIR removed with the
 * record. QB_OK whenever a record was produced, even one that says "not processed";
 * other statuses mean the check itself broke (memory, no temporary folder). On every
 * return res must be released with qb_record_free. */
qb_status qb_check_input_in(const char *input, const char *workdir, const qb_edition *ed, qb_record *res);
qb_status qb_check_input(const char *input, const qb_edition *ed, qb_record *res);
/* Check one .docx write-up. */
qb_status qb_check_docx(const char *path, const qb_edition *ed, qb_record *res);
/* Read one .docx into a record (no rules run: what qb-docx writes). A document that
 * cannot be read gives QB_OK, processed 0 and the reason. */
qb_status qb_record_from_docx(const char *path, const qb_edition *ed, qb_record *res);
void qb_check_result_free(qb_record *res);

#endif
