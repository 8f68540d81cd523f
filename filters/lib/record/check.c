/* check.c — one input through the stages, in process. */
#include "check.h"
#include "docx.h"
#include "form.h"
#include "lint.h"
#include "opc.h"
#include "sections.h"
#include "sniff.h"
#include "tmpdir.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *rule_for(qb_status st)
{
    return st == QB_ERR_ENCRYPTED ? "package.encrypted" : st == QB_ERR_LIMIT ? "package.too-large" : "package.format";
}

/* Read one write-up into res->doc, named `display` in findings, and check it.
 * A document that cannot be read adds a finding (unless `known` already has the same
 * rule for the same file) and leaves have_doc 0. */
static qb_status read_writeup(const char *path, const char *display, const qb_edition *ed,
                              const qb_findings *known, qb_check_result *res)
{
    qb_err e = {0};
    qb_docx_limits lim = {qb_edition_int(ed, "document", "max_paragraphs", QB_DOCX_MAX_PARAGRAPHS),
                          qb_edition_int(ed, "document", "max_cells", QB_DOCX_MAX_CELLS),
                          qb_edition_int(ed, "document", "max_chars", QB_DOCX_MAX_CHARS),
                          qb_edition_int(ed, "document", "max_model_mb", QB_DOCX_MAX_MODEL_MB)};
    qb_status st = qb_docx_read_limited(path, &res->doc, &lim, &e);
    if (st == QB_ERR_NOMEM) {
        qb_doc_free(&res->doc);
        return st;
    }
    if (st != QB_OK) {
        const char *rule = rule_for(st);
        int dup = 0;
        for (size_t i = 0; known && i < known->n && !dup; i++)
            dup = strcmp(known->v[i].rule, rule) == 0 && known->v[i].file && strcmp(known->v[i].file, display) == 0;
        free(res->reason);
        free(res->reason_en);
        res->reason = qb_asprintf("%s：%s", display, qb_err_text(&e, 0));
        res->reason_en = qb_asprintf("%s: %s", display, qb_err_text(&e, 1));
        st = !res->reason || !res->reason_en ? QB_ERR_NOMEM
             : dup ? QB_OK
                   : qb_findings_add(&res->findings, rule, QB_SEV_ERROR, display, NULL, 0, NULL, res->reason,
                                     res->reason_en);
        qb_doc_free(&res->doc);
        return st;
    }
    free(res->doc.file); /* findings name the document as the applicant named it */
    res->doc.file = qb_strdup(display);
    if (!res->doc.file)
        return QB_ERR_NOMEM;
    res->have_doc = 1;
    if ((st = qb_sections_run(&res->doc, ed)) != QB_OK || (st = qb_lint_run(&res->doc, ed)) != QB_OK)
        return st;
    return qb_findings_extend(&res->findings, &res->doc.findings);
}

qb_status qb_check_docx(const char *path, const qb_edition *ed, qb_check_result *res)
{
    memset(res, 0, sizeof *res);
    qb_status st = read_writeup(path, qb_basename(path), ed, NULL, res);
    res->processed = res->have_doc;
    return st;
}

static const char *member_display(const qb_member *m)
{
    return m->name ? qb_basename(m->name) : m->stored ? m->stored : "?";
}

/* The form: read (not checked) for the applicant's name and the dossier. */
static qb_status read_form(const qb_member *f, qb_check_result *res)
{
    const char *path = qb_member_docx(f);
    if (!path || f->outcome != QB_OUT_OK)
        return QB_OK;
    qb_status st = qb_docx_read(path, &res->form, NULL);
    if (st != QB_OK) { /* the unpacker has already said what is wrong with it */
        qb_doc_free(&res->form);
        return st == QB_ERR_NOMEM ? st : QB_OK;
    }
    free(res->form.file);
    res->form.file = qb_strdup(member_display(f));
    res->have_form = 1;
    return res->form.file ? QB_OK : QB_ERR_NOMEM;
}

static qb_status check_package(const char *input, const qb_edition *ed, qb_check_result *res)
{
    qb_status st = qb_tmpdir_make("check", &res->workdir);
    if (st != QB_OK)
        return st;
    if ((st = qb_package_unpack(input, res->workdir, ed, &res->pkg)) != QB_OK)
        return st;
    res->have_pkg = 1;
    qb_package *pkg = &res->pkg;
    const qb_member *form = qb_package_member(pkg, QB_ROLE_FORM);
    if (form && (st = read_form(form, res)) != QB_OK)
        return st;
    char *named = res->have_form ? qb_form_applicant(&res->form) : NULL;
    if (named && (st = qb_package_check_applicant(pkg, named)) != QB_OK) {
        free(named);
        return st;
    }
    res->applicant = named ? named : pkg->applicant ? qb_strdup(pkg->applicant) : NULL;
    if ((st = qb_findings_extend(&res->findings, &pkg->findings)) != QB_OK)
        return st;
    const qb_member *w = qb_package_member(pkg, QB_ROLE_EXPERIENCE);
    if (w && w->outcome == QB_OUT_OK && qb_member_docx(w))
        st = read_writeup(qb_member_docx(w), member_display(w), ed, &pkg->findings, res);
    /* An archive that yields nothing (corrupt, encrypted, not an archive) was not processed. */
    res->processed = pkg->n > 0 || qb_findings_count(&pkg->findings, QB_SEV_ERROR) == 0;
    /* A single document given alone is processed only if it could be read. */
    if (pkg->is_document && !res->have_doc)
        res->processed = 0;
    if (!res->processed && !res->reason) {
        for (size_t i = 0; i < res->findings.n && !res->reason; i++)
            if (res->findings.v[i].severity == QB_SEV_ERROR) {
                res->reason = qb_asprintf("%s：%s", pkg->display_name, res->findings.v[i].message);
                res->reason_en = qb_asprintf("%s: %s", pkg->display_name, res->findings.v[i].message_en);
            }
    }
    return st;
}

/* A .docx (a ZIP with an Office main part) goes straight to the reader. */
static int is_docx(const char *input)
{
    struct stat sb;
    qb_format fmt;
    if (stat(input, &sb) != 0 || !S_ISREG(sb.st_mode) || qb_sniff_file(input, &fmt) != QB_OK ||
        fmt != QB_FMT_ZIP)
        return 0;
    qb_opc o;
    if (qb_opc_open(input, &o) != QB_OK)
        return 0;
    qb_opc_close(&o);
    return 1;
}

qb_status qb_check_input(const char *input, const qb_edition *ed, qb_check_result *res)
{
    if (is_docx(input))
        return qb_check_docx(input, ed, res);
    memset(res, 0, sizeof *res);
    return check_package(input, ed, res);
}

void qb_check_result_free(qb_check_result *res)
{
    if (res->have_doc)
        qb_doc_free(&res->doc);
    if (res->have_form)
        qb_doc_free(&res->form);
    if (res->have_pkg)
        qb_package_free(&res->pkg);
    if (res->workdir) {
        qb_tree_remove(res->workdir);
        free(res->workdir);
    }
    qb_findings_free(&res->findings);
    free(res->applicant);
    free(res->reason);
    free(res->reason_en);
    memset(res, 0, sizeof *res);
}
