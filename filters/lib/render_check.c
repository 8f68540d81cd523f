/* render_check.c — the dossier of one checked input: what qb-render and qb-check --pdf
 * share. The date received and the package id come from the input file itself, so
 * the same input gives the same PDF. */
#include "package.h"
#include "render.h"
#include "report.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

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
    if (!package_id && S_ISREG(sb.st_mode) && qb_sha256_file(input, hex) == QB_OK) {
        hex[12] = '\0'; /* 材料编号: the first 12 hex digits of the input's SHA-256 */
        package_id = hex;
    }
    qb_report rep = {.ed = ed, .findings = &res->findings, .processed = res->processed};
    const char *attach[] = {input};
    qb_render_input in = {
        .experience = res->have_doc ? &res->doc : NULL, .attach = attach, .nattach = S_ISREG(sb.st_mode),
        .ed = ed, .findings = &res->findings,
        .applicant = o && o->applicant ? o->applicant : res->applicant, .package_id = package_id,
        .received = received, .status = qb_report_status(&rep),
        .font_song = o ? o->font_song : NULL, .font_hei = o ? o->font_hei : NULL};
    return qb_render_dossier(&in, out_pdf, warnings, NULL);
}
