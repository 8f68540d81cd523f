/* record.h — the application record: everything known about one application, in one
 * struct. The check (check.h) fills it; the reports, the dossier and the batch only
 * read it. Its serialised form is XML (record_xml.h; README "The application record"),
 * so each stage runs alone with files in and out:
 *     qb-docx D.docx | qb-sections | qb-lint --model -   ==   qb-check --record FILE D.docx
 * and qb-render and qb-report read the file.
 *
 * What the record holds:
 *   input     the file or folder as given: path, display name, size, SHA-256, received date
 *   package   when the input was one: its members (original name bytes, decoded name,
 *             stored path, role, size, SHA-256, outcome)
 *   documents the write-up's model (sections, counts, findings), the application form's
 *             model, the DOCX proof material's models
 *   files     the other proof files and the originals the dossier attaches, by path
 *   findings  every finding (the package's, then the write-up's), and the verdict
 *   fields    the application form's fields (申报单位名称, 统一社会信用代码, 遴选范围 …)
 *   applicant the organisation, from the form or the package name
 * The files a record names (documents' sources, proof files, attachments) are the only
 * files a reader of the record opens. */
#ifndef QB_RECORD_H
#define QB_RECORD_H

#include <stdint.h>

#include "edition.h"
#include "form.h"
#include "model.h"
#include "package.h"

typedef struct {
    char *path;          /* as given on the command line (NULL: not known) */
    char *name;          /* its last component as a person reads it (a GBK name decoded) */
    int regular;         /* a regular file (hashed, attached); 0 for a folder */
    uint64_t size;       /* bytes (regular files) */
    char sha256[65];     /* of the file; "" for a folder or when not read */
    char received[11];   /* YYYY-MM-DD, the input's modification date (UTC); "" unknown */
} qb_record_input;

typedef struct {
    qb_record_input input;
    char *edition;         /* the edition the checks ran under; NULL before any rule ran */
    qb_doc doc;            /* the write-up (valid when have_doc) */
    int have_doc;
    qb_doc form;           /* the application form as a document (have_form) */
    int have_form;
    qb_form fields;        /* the form's fields (have_fields): read once, from the form */
    int have_fields;
    char *scope;           /* the 遴选范围 the form chose among the edition's; NULL: it does not tell */
    qb_doc *proofs;        /* DOCX proof material, read as documents (not checked) */
    size_t nproof;
    char **proof_files;    /* other proof files (images, PDFs …): paths */
    size_t nproof_files;
    char **attach;         /* the original documents the dossier attaches: paths */
    size_t nattach;
    qb_package pkg;        /* the package, when the input was one (have_pkg) */
    int have_pkg;
    char *pkg_reader;      /* owns pkg.reader when the record was read from a file */
    char *workdir;         /* folder the package was unpacked into */
    int keep_workdir;      /* 0: a private folder, removed on free */
    qb_findings findings;  /* package findings, then the write-up's */
    char *applicant;       /* organisation, from the form or the package name; NULL if unknown */
    int processed;         /* 0: the input could not be processed at all */
    char *reason;          /* one-line reason (Chinese) when not processed */
    char *reason_en;
} qb_record;

void qb_record_init(qb_record *r);
void qb_record_free(qb_record *r);

/* Fill r->input from the file or folder at path: name, size, received date, and the
 * SHA-256 when hash is nonzero. QB_ERR_IO when it does not exist. */
qb_status qb_record_set_input(qb_record *r, const char *path, int hash);
/* Remember the edition the rules ran under. */
qb_status qb_record_set_edition(qb_record *r, const qb_edition *ed);

/* The verdict: "pass", "fail" (an error-level finding) or "error" (not processed). */
const char *qb_record_verdict(const qb_record *r);
const char *qb_verdict_of(int processed, const qb_findings *fs);

/* The stages on the record's write-up: each adds its findings to the document and to
 * the record's list. Sections are found first when they have not been. */
qb_status qb_record_sections(qb_record *r, const qb_edition *ed);
qb_status qb_record_lint(qb_record *r, const qb_edition *ed);

/* The 遴选范围 a form chose among the edition's scopes: the one ticked, or the only one
 * the form mentions; NULL when the form does not tell (scope.c). */
const char *qb_form_scope(const qb_doc *form, const qb_edition *ed);
/* The scope a written 遴选范围 value names (its number, the notice's sentence, a shorter
 * wording through [form] scope_key, a ticked box), or NULL. */
const char *qb_form_scope_written(const char *value, const qb_edition *ed);
/* The form's scope: from its 遴选范围 field when it has one, else ticked in its text. */
const char *qb_form_scope_of(const qb_doc *form, const char *written, const qb_edition *ed);

/* Take a read write-up into the record (as its document, displayed as `display`). */
qb_status qb_record_take_doc(qb_record *r, qb_doc *doc, const char *display);

#endif
