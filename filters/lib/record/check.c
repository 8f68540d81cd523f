/* check.c — one input through the stages, in process, into its record. */
#include "check.h"
#include "sections.h"
#include "docx.h"
#include "form.h"
#include "opc.h"
#include "sniff.h"
#include "tmpdir.h"
#include "unpack.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *rule_for(qb_status st)
{
    return st == QB_ERR_ENCRYPTED ? "package.encrypted" : st == QB_ERR_LIMIT ? "package.too-large" : "package.format";
}

/* Read one write-up into res->doc, named `display` in findings. A document that cannot
 * be read adds a finding and leaves have_doc 0 — unless `known` (the unpacker's findings)
 * already has an error about that file: it said what is wrong more precisely (a .doc, a
 * PDF where Word was needed …), and that is the reason given. No rule runs here. */
static qb_status read_writeup(const char *path, qb_opc *o, const char *display, const qb_edition *ed,
                              const qb_findings *known, qb_record *res)
{
    qb_err e = {0};
    qb_doc doc;
    qb_docx_limits lim = {0};
    if (ed) /* the edition's document limits; without one, the reader's own */
        lim = (qb_docx_limits){qb_edition_int(ed, "document", "max_paragraphs", QB_DOCX_MAX_PARAGRAPHS),
                               qb_edition_int(ed, "document", "max_cells", QB_DOCX_MAX_CELLS),
                               qb_edition_int(ed, "document", "max_chars", QB_DOCX_MAX_CHARS),
                               qb_edition_int(ed, "document", "max_model_mb", QB_DOCX_MAX_MODEL_MB)};
    qb_status st = o ? qb_docx_read_opened(path, o, &doc, ed ? &lim : NULL, &e)
                     : qb_docx_read_limited(path, &doc, ed ? &lim : NULL, &e);
    if (st == QB_OK) {
        st = qb_record_take_doc(res, &doc, display);
    } else if (st != QB_ERR_NOMEM) {
        const qb_finding *said = NULL;
        for (size_t i = 0; known && i < known->n && !said; i++)
            if (known->v[i].severity == QB_SEV_ERROR && known->v[i].file && strcmp(known->v[i].file, display) == 0)
                said = &known->v[i];
        free(res->reason);
        free(res->reason_en);
        if (said) { /* its message names the file already */
            res->reason = qb_strdup(said->message);
            res->reason_en = qb_strdup(said->message_en);
        } else {
            res->reason = qb_asprintf("%s：%s", display, qb_err_text(&e, 0));
            res->reason_en = qb_asprintf("%s: %s", display, qb_err_text(&e, 1));
        }
        st = !res->reason || !res->reason_en ? QB_ERR_NOMEM
             : said ? QB_OK
                    : qb_findings_add(&res->findings, rule_for(st), QB_SEV_ERROR, display, NULL, 0, NULL,
                                      res->reason, res->reason_en);
    }
    if (st != QB_OK || !res->have_doc)
        qb_doc_free(&doc);
    return st;
}

static qb_status add_path(char ***v, size_t *n, const char *path)
{
    char **nv = realloc(*v, (*n + 1) * sizeof **v);
    if (!nv)
        return QB_ERR_NOMEM;
    *v = nv;
    return (nv[*n] = qb_strdup(path)) ? (++*n, QB_OK) : QB_ERR_NOMEM;
}

/* o: the package at path already opened, or NULL */
static qb_status record_from_docx(const char *path, qb_opc *o, const qb_edition *ed, qb_record *res)
{
    qb_record_init(res);
    qb_status st = qb_record_set_input(res, path, 1);
    if (st == QB_OK && res->input.regular) /* the dossier attaches the original */
        st = add_path(&res->attach, &res->nattach, path);
    if (st == QB_OK)
        st = read_writeup(path, o, qb_basename(path), ed, NULL, res);
    res->processed = res->have_doc;
    return st;
}

qb_status qb_record_from_docx(const char *path, const qb_edition *ed, qb_record *res)
{
    return record_from_docx(path, NULL, ed, res);
}

static qb_status check_docx(const char *path, qb_opc *o, const qb_edition *ed, qb_record *res)
{
    qb_status st = record_from_docx(path, o, ed, res);
    if (st == QB_OK)
        st = qb_record_set_edition(res, ed);
    if (st == QB_OK)
        st = qb_record_lint(res, ed);
    return st;
}

qb_status qb_check_docx(const char *path, const qb_edition *ed, qb_record *res)
{
    return check_docx(path, NULL, ed, res);
}

static const char *member_display(const qb_member *m)
{
    return m->name ? qb_basename(m->name) : m->stored ? m->stored : "?";
}

/* A Word document of the package read as a model (not checked, but each paragraph's
 * role decided, so the dossier sets its captions as the write-up's): the form, a proof.
 * 1 in *read when it could be; what is wrong with it the unpacker has said already. */
static qb_status read_member(const qb_member *m, const qb_edition *ed, qb_doc *d, int *read)
{
    *read = 0;
    qb_status st = qb_docx_read(qb_member_docx(m), d, NULL);
    if (st != QB_OK) {
        qb_doc_free(d);
        return st == QB_ERR_NOMEM ? st : QB_OK;
    }
    free(d->file);
    d->file = qb_strdup(member_display(m));
    *read = 1;
    return !d->file ? QB_ERR_NOMEM : qb_roles_content(d, ed);
}

/* The package's members for the dossier: Word proofs read as documents, other proofs
 * as files, and every written document attached. */
static qb_status collect_members(qb_record *res, const qb_edition *ed)
{
    qb_status st = QB_OK;
    for (size_t i = 0; i < res->pkg.n && st == QB_OK; i++) {
        const qb_member *m = &res->pkg.m[i];
        if (m->outcome != QB_OUT_OK || !m->path || m->role == QB_ROLE_JUNK)
            continue;
        if (m->role == QB_ROLE_EXPERIENCE || m->role == QB_ROLE_FORM || m->role == QB_ROLE_PROOF)
            st = add_path(&res->attach, &res->nattach, m->path);
        if (st != QB_OK || m->role != QB_ROLE_PROOF)
            continue;
        int read = 0;
        if (m->fmt == QB_FMT_ZIP && qb_member_docx(m)) {
            qb_doc *nv = realloc(res->proofs, (res->nproof + 1) * sizeof *nv);
            if (!nv)
                return QB_ERR_NOMEM;
            res->proofs = nv;
            if ((st = read_member(m, ed, &nv[res->nproof], &read)) != QB_OK)
                return st;
            res->nproof += (size_t)read;
        }
        if (!read)
            st = add_path(&res->proof_files, &res->nproof_files, m->path);
    }
    return st;
}

/* The form: read as a document (the dossier shows it), then its fields. */
static qb_status read_form(const qb_member *f, const qb_edition *ed, qb_record *res)
{
    if (!qb_member_docx(f) || f->outcome != QB_OUT_OK)
        return QB_OK;
    qb_status st = read_member(f, ed, &res->form, &res->have_form);
    if (st == QB_OK && res->have_form && (st = qb_form_read(&res->form, ed, &res->fields)) == QB_OK)
        res->have_fields = 1;
    return st;
}

/* The form's findings, once the write-up's title is known (the form's 质量标杆名称 is
 * compared with it): after the package's, before the write-up's. */
static qb_status check_form(qb_record *res, const qb_edition *ed, size_t at)
{
    if (!res->have_fields)
        return QB_OK;
    const char *title = NULL;
    if (res->have_doc && res->doc.sec[QB_SEC_TITLE].found && res->doc.sec[QB_SEC_TITLE].head < res->doc.npara)
        title = qb_para_body(&res->doc.paras[res->doc.sec[QB_SEC_TITLE].head]);
    qb_findings fs = {0};
    qb_status st = qb_form_check(&res->fields, ed, res->scope, res->form.file, title, &fs);
    /* in the record's list after the package's findings (the record's XML writes the
     * write-up's own inside its model) */
    qb_findings all = {0};
    for (size_t i = 0; i < res->findings.n + fs.n && st == QB_OK; i++) {
        const qb_finding *f = i < at ? &res->findings.v[i] : i < at + fs.n ? &fs.v[i - at] : &res->findings.v[i - fs.n];
        st = qb_findings_add(&all, f->rule, f->severity, f->file, f->section, f->paragraph, f->excerpt, f->message,
                             f->message_en);
    }
    if (st == QB_OK) {
        qb_findings_free(&res->findings);
        res->findings = all;
    } else {
        qb_findings_free(&all);
    }
    qb_findings_free(&fs);
    return st;
}

static qb_status check_package(const char *input, const char *workdir, const qb_edition *ed, qb_record *res)
{
    qb_status st = QB_OK;
    if (workdir) {
        res->keep_workdir = 1;
        if (mkdir(workdir, 0777) != 0 && errno != EEXIST)
            return QB_ERR_IO;
        res->workdir = qb_strdup(workdir);
        st = res->workdir ? QB_OK : QB_ERR_NOMEM;
    } else {
        st = qb_tmpdir_make("check", &res->workdir);
    }
    if (st != QB_OK)
        return st;
    if ((st = qb_package_unpack(input, res->workdir, ed, &res->pkg)) != QB_OK)
        return st;
    res->have_pkg = 1;
    qb_package *pkg = &res->pkg;
    /* the package's hash is the input's: hashed once, and never for a file the limits
     * refused unread (a 30 GB file is too large at once, not after reading it all) */
    qb_unpack_limits lim;
    qb_unpack_limits_from_edition(ed, &lim);
    if (pkg->sha256[0])
        memcpy(res->input.sha256, pkg->sha256, sizeof pkg->sha256);
    else if (res->input.regular && res->input.size <= lim.max_size &&
             qb_sha256_file(input, res->input.sha256) != QB_OK)
        res->input.sha256[0] = '\0';
    const qb_member *form = qb_package_member(pkg, QB_ROLE_FORM);
    if (form && (st = read_form(form, ed, res)) != QB_OK)
        return st;
    const char *scope =
        res->have_form ? qb_form_scope_of(&res->form, res->fields.value[QB_FF_SCOPE], ed) : NULL;
    if (scope && !(res->scope = qb_strdup(scope)))
        return QB_ERR_NOMEM;
    /* a scope ticked in a list below an empty 遴选范围 label is the field's value */
    const char *written = res->fields.value[QB_FF_SCOPE];
    if (scope && res->have_fields && (!written || !*written) &&
        (st = qb_form_set(&res->fields, QB_FF_SCOPE, scope)) != QB_OK)
        return st;
    const char *named = res->have_fields ? res->fields.value[QB_FF_APPLICANT] : NULL;
    if (named && *named && (st = qb_package_check_applicant(pkg, named)) != QB_OK)
        return st;
    res->applicant = named && *named ? qb_strdup(named) : pkg->applicant ? qb_strdup(pkg->applicant) : NULL;
    if ((st = qb_findings_extend(&res->findings, &pkg->findings)) != QB_OK)
        return st;
    size_t form_at = res->findings.n;
    const qb_member *w = qb_package_member(pkg, QB_ROLE_EXPERIENCE);
    if (w && w->outcome == QB_OUT_OK && qb_member_docx(w)) {
        st = read_writeup(qb_member_docx(w), NULL, member_display(w), ed, &pkg->findings, res);
        if (st == QB_OK)
            st = qb_record_lint(res, ed);
    }
    if (st == QB_OK)
        st = check_form(res, ed, form_at);
    if (st == QB_OK)
        st = collect_members(res, ed);
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
/* 1 when input is a Word document, opened in *o (the caller closes it). */
static int open_docx(const char *input, qb_opc *o)
{
    struct stat sb;
    qb_format fmt;
    if (stat(input, &sb) != 0 || !S_ISREG(sb.st_mode) || qb_sniff_file(input, &fmt) != QB_OK ||
        fmt != QB_FMT_ZIP)
        return 0;
    if (qb_opc_open(input, o) == QB_OK)
        return 1;
    qb_opc_close(o);
    return 0;
}

qb_status qb_check_input_in(const char *input, const char *workdir, const qb_edition *ed, qb_record *res)
{
    qb_opc o;
    if (open_docx(input, &o)) {
        qb_status st = check_docx(input, &o, ed, res);
        qb_opc_close(&o);
        return st;
    }
    qb_record_init(res);
    qb_status st = qb_record_set_input(res, input, 0);
    if (st == QB_OK)
        st = qb_record_set_edition(res, ed);
    return st == QB_OK ? check_package(input, workdir, ed, res) : st;
}

qb_status qb_check_input(const char *input, const qb_edition *ed, qb_record *res)
{
    return qb_check_input_in(input, NULL, ed, res);
}

void qb_check_result_free(qb_record *res)
{
    qb_record_free(res);
}
