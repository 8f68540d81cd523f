/* qb-render — the reviewer's dossier PDF for one write-up (.docx). A thin front-end:
 * arguments, the check chain (check.h), then render.h. qb-check --pdf and qb-batch
 * call the same library in process. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "check.h"
#include "cli.h"
#include "render.h"

static void usage(FILE *out)
{
    fputs("用法 usage: qb-render [--edition NAME] [--font-song FILE] [--font-hei FILE]\n"
          "                 [--applicant NAME] [--package-id ID] [--received YYYY-MM-DD]\n"
          "                 -o OUT.pdf INPUT.docx\n"
          "  --edition NAME    规则版本 rules edition (default " QB_EDITION_DEFAULT ")\n"
          "  --font-song FILE  宋体 TrueType file (default: AR PL UMing, fonts-arphic-uming)\n"
          "  --font-hei FILE   黑体 TrueType file (default: WenQuanYi Zen Hei, fonts-wqy-zenhei)\n"
          "  --applicant NAME  申报单位 for the cover and the running header\n"
          "  --package-id ID   材料编号 (default: the first 12 hex digits of the input's SHA-256)\n"
          "  --received DATE   收件日期 (default: the input's modification date, UTC)\n"
          "exit: 0 dossier written, 2 bad usage or the dossier could not be written\n",
          out);
}

int main(int argc, char **argv)
{
    qb_cli_init();
    const char *edition = QB_EDITION_DEFAULT, *out = NULL, *input = NULL;
    const char *song = NULL, *hei = NULL, *applicant = NULL, *package_id = NULL, *received = NULL;
    struct { const char *name; const char **dst; } opts[] = {
        {"--edition", &edition}, {"--font-song", &song}, {"--font-hei", &hei}, {"--applicant", &applicant},
        {"--package-id", &package_id}, {"--received", &received}, {"-o", &out}};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        size_t k = 0;
        while (k < sizeof opts / sizeof opts[0] && strcmp(a, opts[k].name) != 0)
            k++;
        if (k < sizeof opts / sizeof opts[0] && i + 1 < argc) {
            *opts[k].dst = argv[++i];
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return 0;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "qb-render: unknown option %s\n", a);
            usage(stderr);
            return 2;
        } else if (!input) {
            input = a;
        } else {
            usage(stderr);
            return 2;
        }
    }
    if (!input || !out) {
        usage(stderr);
        return 2;
    }
    struct stat sb;
    if (stat(input, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        fprintf(stderr, "qb-render: %s: 无法打开 cannot open\n", input);
        return 2;
    }
    qb_edition ed;
    if (qb_cli_edition("qb-render", edition, &ed) != 0)
        return 2;
    qb_check_result res;
    qb_status st = qb_check_docx(input, &ed, &res);
    if (st != QB_OK) {
        fprintf(stderr, "qb-render: %s: %s\n", input, qb_status_str(st));
        qb_edition_free(&ed);
        return 2;
    }
    if (!res.processed) /* the dossier still shows the cover, the verdict and the original */
        fprintf(stderr, "qb-render: %s\n", res.reason);
    qb_render_opts o = {.applicant = applicant, .package_id = package_id, .received = received,
                        .font_song = song, .font_hei = hei};
    qb_findings warnings = {0};
    st = qb_render_checked(input, &res, &ed, &o, out, &warnings);
    for (size_t i = 0; i < warnings.n; i++)
        fprintf(stderr, "qb-render: %s: %s\n", qb_severity_name_zh(warnings.v[i].severity), warnings.v[i].message);
    if (st != QB_OK)
        fprintf(stderr, "qb-render: %s: 卷宗未能生成 the dossier could not be written (%s)\n", out,
                qb_status_str(st));
    qb_findings_free(&warnings);
    qb_check_result_free(&res);
    qb_edition_free(&ed);
    return st == QB_OK ? 0 : 2;
}
