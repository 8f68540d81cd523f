/* record.c — the application record in memory: its input, its stages, its verdict. */
#include "record.h"
#include "lint.h"
#include "names.h"
#include "sections.h"
#include "tmpdir.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

void qb_record_init(qb_record *r)
{
    memset(r, 0, sizeof *r);
}

static void free_list(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

void qb_record_free(qb_record *r)
{
    free(r->input.path);
    free(r->input.name);
    free(r->edition);
    free(r->scope);
    if (r->have_doc)
        qb_doc_free(&r->doc);
    if (r->have_form)
        qb_doc_free(&r->form);
    qb_form_free(&r->fields);
    for (size_t i = 0; i < r->nproof; i++)
        qb_doc_free(&r->proofs[i]);
    free(r->proofs);
    free_list(r->proof_files, r->nproof_files);
    free_list(r->attach, r->nattach);
    if (r->have_pkg)
        qb_package_free(&r->pkg);
    free(r->pkg_reader);
    if (r->workdir) {
        if (!r->keep_workdir)
            qb_tree_remove(r->workdir);
        free(r->workdir);
    }
    qb_findings_free(&r->findings);
    free(r->applicant);
    free(r->reason);
    free(r->reason_en);
    memset(r, 0, sizeof *r);
}

qb_status qb_record_set_input(qb_record *r, const char *path, int hash)
{
    struct stat sb;
    if (stat(path, &sb) != 0)
        return QB_ERR_IO;
    free(r->input.path);
    free(r->input.name);
    r->input.path = qb_strdup(path);
    /* the input as a person reads it: a GBK file name is decoded */
    const char *base = qb_basename(path);
    if (qb_name_decode(base, strlen(base), 0, &r->input.name) != QB_OK)
        r->input.name = qb_strdup(base);
    if (!r->input.path || !r->input.name)
        return QB_ERR_NOMEM;
    r->input.regular = S_ISREG(sb.st_mode);
    r->input.size = r->input.regular ? (uint64_t)sb.st_size : 0;
    /* the date received is the file's, never the clock: the same input, the same record */
    struct tm tm;
    time_t t = sb.st_mtime;
    gmtime_r(&t, &tm);
    strftime(r->input.received, sizeof r->input.received, "%Y-%m-%d", &tm);
    r->input.sha256[0] = '\0';
    if (hash && r->input.regular && qb_sha256_file(path, r->input.sha256) != QB_OK)
        r->input.sha256[0] = '\0';
    return QB_OK;
}

qb_status qb_record_set_edition(qb_record *r, const qb_edition *ed)
{
    free(r->edition);
    r->edition = qb_strdup(ed->name);
    return r->edition ? QB_OK : QB_ERR_NOMEM;
}

const char *qb_verdict_of(int processed, const qb_findings *fs)
{
    if (!processed)
        return "error";
    return qb_findings_count(fs, QB_SEV_ERROR) ? "fail" : "pass";
}

const char *qb_record_verdict(const qb_record *r)
{
    return qb_verdict_of(r->processed, &r->findings);
}

/* The write-up's findings from `from` on join the record's list. */
static qb_status add_doc_findings(qb_record *r, size_t from)
{
    qb_status st = QB_OK;
    for (size_t i = from; i < r->doc.findings.n && st == QB_OK; i++) {
        const qb_finding *f = &r->doc.findings.v[i];
        st = qb_findings_add(&r->findings, f->rule, f->severity, f->file, f->section, f->paragraph, f->excerpt,
                             f->message, f->message_en);
    }
    return st;
}

qb_status qb_record_sections(qb_record *r, const qb_edition *ed)
{
    qb_status st = qb_record_set_edition(r, ed);
    if (st != QB_OK || !r->have_doc)
        return st;
    size_t from = r->doc.findings.n;
    if ((st = qb_sections_run(&r->doc, ed)) != QB_OK)
        return st;
    return add_doc_findings(r, from);
}

qb_status qb_record_lint(qb_record *r, const qb_edition *ed)
{
    qb_status st = QB_OK;
    if (r->have_doc && !r->doc.sectioned)
        st = qb_record_sections(r, ed);
    if (st == QB_OK)
        st = qb_record_set_edition(r, ed);
    if (st != QB_OK || !r->have_doc)
        return st;
    /* a write-up that has been linted already keeps its findings as they are */
    for (size_t i = 0; i < r->doc.findings.n; i++)
        if (strncmp(r->doc.findings.v[i].rule, "format.", 7) == 0)
            return QB_OK;
    size_t from = r->doc.findings.n;
    if ((st = qb_lint_run(&r->doc, ed)) != QB_OK)
        return st;
    return add_doc_findings(r, from);
}

qb_status qb_record_take_doc(qb_record *r, qb_doc *doc, const char *display)
{
    r->doc = *doc;
    qb_doc_init(doc);
    r->have_doc = 1;
    r->processed = 1;
    char *file = qb_strdup(display); /* findings name the document as the applicant named it */
    if (!file)
        return QB_ERR_NOMEM;
    free(r->doc.file); /* (display may be this very name) */
    r->doc.file = file;
    return add_doc_findings(r, 0);
}
