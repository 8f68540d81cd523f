/* render_check.c — the dossier of one checked input: what qb-render and qb-check --pdf
 * share. The date received and the package id come from the input file itself, so
 * the same input gives the same PDF. For a package, the form, the proof material and
 * the three documents themselves go in too. */
#include "docx.h"
#include "render.h"
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

typedef struct {
    const char **attach, **proof_files;
    const qb_doc **proof_docs;
    qb_doc *docs;
    size_t nattach, nproof_files, nproof_docs;
} parts;

static void parts_free(parts *p)
{
    for (size_t i = 0; i < p->nproof_docs; i++)
        qb_doc_free(&p->docs[i]);
    free(p->docs);
    free(p->attach);
    free(p->proof_files);
    free(p->proof_docs);
}

/* The package's members for the dossier: Word proofs read as documents, other proofs
 * as files, and every written document attached. */
static qb_status collect(const char *input, const struct stat *sb, const qb_check_result *res, parts *p)
{
    size_t n = res->have_pkg ? res->pkg.n : 0;
    p->attach = calloc(n + 1, sizeof *p->attach);
    p->proof_files = calloc(n + 1, sizeof *p->proof_files);
    p->proof_docs = calloc(n + 1, sizeof *p->proof_docs);
    p->docs = calloc(n + 1, sizeof *p->docs);
    if (!p->attach || !p->proof_files || !p->proof_docs || !p->docs)
        return QB_ERR_NOMEM;
    if (!res->have_pkg) {
        if (S_ISREG(sb->st_mode))
            p->attach[p->nattach++] = input;
        return QB_OK;
    }
    for (size_t i = 0; i < n; i++) {
        const qb_member *m = &res->pkg.m[i];
        if (m->outcome != QB_OUT_OK || !m->path || m->role == QB_ROLE_JUNK)
            continue;
        if (m->role == QB_ROLE_EXPERIENCE || m->role == QB_ROLE_FORM || m->role == QB_ROLE_PROOF)
            p->attach[p->nattach++] = m->path;
        if (m->role != QB_ROLE_PROOF)
            continue;
        const char *docx = qb_member_docx(m);
        if (m->fmt == QB_FMT_ZIP && docx && qb_docx_read(docx, &p->docs[p->nproof_docs], NULL) == QB_OK) {
            qb_doc *d = &p->docs[p->nproof_docs];
            free(d->file);
            d->file = qb_strdup(m->name ? qb_basename(m->name) : m->stored);
            p->proof_docs[p->nproof_docs] = d;
            p->nproof_docs++;
        } else {
            if (m->fmt == QB_FMT_ZIP)
                qb_doc_free(&p->docs[p->nproof_docs]);
            p->proof_files[p->nproof_files++] = m->path;
        }
    }
    return QB_OK;
}

qb_status qb_render_checked(const char *input, const qb_check_result *res, const qb_edition *ed,
                            const qb_render_opts *o, const char *out_pdf, qb_findings *warnings)
{
    struct stat sb;
    if (stat(input, &sb) != 0)
        return QB_ERR_IO;
    char day[16], hex[65];
    const char *received = o && o->received ? o->received : NULL;
    if (!received) {
        struct tm tm;
        time_t t = sb.st_mtime;
        gmtime_r(&t, &tm);
        strftime(day, sizeof day, "%Y-%m-%d", &tm);
        received = day;
    }
    const char *package_id = o && o->package_id ? o->package_id : NULL;
    if (!package_id && res->have_pkg && res->pkg.sha256[0]) {
        memcpy(hex, res->pkg.sha256, 12);
        hex[12] = '\0';
        package_id = hex;
    } else if (!package_id && S_ISREG(sb.st_mode) && qb_sha256_file(input, hex) == QB_OK) {
        hex[12] = '\0'; /* 材料编号: the first 12 hex digits of the input's SHA-256 */
        package_id = hex;
    }
    parts p = {0};
    qb_status st = collect(input, &sb, res, &p);
    if (st == QB_OK) {
        qb_report rep = {.ed = ed, .findings = &res->findings, .processed = res->processed};
        qb_render_input in = {
            .experience = res->have_doc ? &res->doc : NULL, .form = res->have_form ? &res->form : NULL,
            .proof_docs = p.proof_docs, .nproof_docs = p.nproof_docs, .proof_files = p.proof_files,
            .nproof_files = p.nproof_files, .attach = p.attach, .nattach = p.nattach, .ed = ed,
            .findings = &res->findings, .applicant = o && o->applicant ? o->applicant : res->applicant,
            .package_id = package_id, .received = received, .status = qb_report_status(&rep),
            .font_song = o ? o->font_song : NULL, .font_hei = o ? o->font_hei : NULL};
        st = qb_render_dossier(&in, out_pdf, warnings, NULL);
    }
    parts_free(&p);
    return st;
}
