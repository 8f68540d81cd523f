/* report.h — one application record (record.h), written as text, JSON (DESIGN §2) or HTML.
 * Like libarchive's writers: one struct in, one function per format. */
#ifndef QB_REPORT_H
#define QB_REPORT_H

#include <stdio.h>

#include "edition.h"
#include "err.h"
#include "findings.h"
#include "model.h"
#include "package.h"
#include "record.h"

typedef struct {
    const qb_edition *ed;
    const char *input;        /* the input's display name (basename) */
    const char *applicant;    /* organisation name, or NULL */
    const qb_doc *doc;        /* the write-up, sections counted; NULL when none was read */
    const qb_findings *findings; /* every finding: package and documents */
    const qb_package *pkg;    /* the package's members, when the input was a package; else NULL */
    const qb_form *fields;    /* the application form's fields, when a form was read; else NULL */
    const char *scope;        /* the edition's 遴选范围 the form chose, or NULL */
    int processed;            /* 0: the input could not be processed at all */
    int lang_en;              /* messages in English */
} qb_report;

/* The report of an application record: its input's name, applicant, write-up,
 * findings and package (a single document given alone is not listed as one). */
void qb_report_of_record(qb_report *rep, const qb_record *rec, const qb_edition *ed, int lang_en);
/* The form's key facts with the eligibility verdict (form.h), for text and HTML. */
qb_status qb_report_facts(const qb_report *r, qb_form_facts *out);
/* "pass", "fail" (an error-level finding) or "error" (not processed). */
const char *qb_report_status(const qb_report *r);
/* Write s into HTML text or a quoted attribute, escaped. */
void qb_html_escape(FILE *out, const char *s);
/* The members a report lists: written, and not OS debris. */
int qb_report_lists_member(const qb_member *m);
qb_status qb_report_text(const qb_report *r, FILE *out);
qb_status qb_report_json(const qb_report *r, FILE *out);
qb_status qb_report_html(const qb_report *r, FILE *out);

/* One of the writers above into the file path, through outfile.h: refused
 * (QB_ERR_USAGE) when path is the input file (input may be NULL), QB_ERR_IO with the
 * reason when it cannot be written, and then nothing is left at path. */
typedef qb_status (*qb_report_writer)(const qb_report *r, FILE *out);
qb_status qb_report_to_file(const qb_report *r, qb_report_writer write, const char *path, const char *input,
                            qb_err *e);

#endif
