/* render_record.c — the dossier of an application record: what qb-render, qb-check
 * --pdf and qb-batch share. Everything comes from the record — the documents' models,
 * the proof files and originals by path, the verdict, the date received and the hash
 * of the input —, so the same record gives the same PDF. */
#include "outfile.h"
#include "render.h"

#include <stdlib.h>
#include <string.h>

qb_status qb_render_record(const qb_record *rec, const qb_edition *ed, const qb_render_opts *o,
                           const char *out_pdf, qb_findings *warnings)
{
    /* a package is not among the attachments (its members are): refuse it here */
    qb_err oe = {0};
    const char *input = rec->input.path;
    if (qb_outfile_refuse_input(out_pdf, &input, 1, &oe) != QB_OK) {
        if (warnings)
            qb_findings_add(warnings, "render.output", QB_SEV_ERROR, NULL, NULL, 0, NULL, oe.zh, oe.en);
        return oe.st;
    }
    /* 材料编号: the first 12 hex digits of the input's SHA-256 */
    char id[13] = "";
    const char *sha = rec->have_pkg && rec->pkg.sha256[0] ? rec->pkg.sha256 : rec->input.sha256;
    if (sha[0]) {
        memcpy(id, sha, 12);
        id[12] = '\0';
    }
    const qb_doc **proofs = calloc(rec->nproof + 1, sizeof *proofs);
    if (!proofs)
        return QB_ERR_NOMEM;
    for (size_t i = 0; i < rec->nproof; i++)
        proofs[i] = &rec->proofs[i];
    /* each file under the name the applicant gave it: a member's decoded name, the
     * input's own name */
    size_t nm = rec->have_pkg ? rec->pkg.n : 0, k = 0;
    const char **paths = calloc(nm + 2, sizeof *paths), **names = calloc(nm + 2, sizeof *names);
    if (!paths || !names) {
        free(proofs);
        free(paths);
        free(names);
        return QB_ERR_NOMEM;
    }
    for (size_t i = 0; i < nm; i++)
        if (rec->pkg.m[i].path && rec->pkg.m[i].name) {
            paths[k] = rec->pkg.m[i].path;
            names[k++] = rec->pkg.m[i].name;
        }
    if (rec->input.path && rec->input.name) {
        paths[k] = rec->input.path;
        names[k++] = rec->input.name;
    }
    qb_render_input in = {
        .experience = rec->have_doc ? &rec->doc : NULL, .form = rec->have_form ? &rec->form : NULL,
        .fields = rec->have_fields ? &rec->fields : NULL,
        .proof_docs = proofs, .nproof_docs = rec->nproof,
        .proof_files = (const char *const *)rec->proof_files, .nproof_files = rec->nproof_files,
        .attach = (const char *const *)rec->attach, .nattach = rec->nattach,
        .name_paths = paths, .names = names, .nnames = k, .image_dpi = o ? o->image_dpi : 0, .ed = ed,
        .findings = &rec->findings, .applicant = o && o->applicant ? o->applicant : rec->applicant,
        .package_id = o && o->package_id ? o->package_id : id[0] ? id : NULL,
        .received = o && o->received ? o->received : rec->input.received[0] ? rec->input.received : NULL,
        .scope = rec->scope, .status = qb_record_verdict(rec),
        .font_song = o ? o->font_song : NULL, .font_hei = o ? o->font_hei : NULL};
    qb_status st = qb_render_dossier(&in, out_pdf, warnings, NULL);
    free(proofs);
    free(paths);
    free(names);
    return st;
}
