/* qb-check — check one application (a .docx write-up or a package) and report.
 * A thin front-end: argument parsing, then check.c, then a report writer. */
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "annotate.h"
#include "check.h"
#include "names.h"
#include "render.h"
#include "edition.h"
#include "report.h"

static void usage(FILE *out)
{
    fputs("用法 usage: qb-check [--edition NAME] [--lang zh|en] [--json | --html FILE] INPUT\n"
          "  INPUT    典型经验材料 .docx（write-up）\n"
          "  --edition NAME  规则版本 (national-2020, national-2022, caq-2023, heilongjiang-2022,\n"
          "                  shandong-2022, or a path to a rules file); default " QB_EDITION_DEFAULT "\n"
          "  --json          JSON report on stdout (DESIGN §2)\n"
          "  --html FILE     also write an HTML report\n"
          "  --annotate OUT.docx  a copy of the draft with each finding as a Word comment\n"
          "  --pdf FILE      also write the reviewer's dossier (PDF)\n"
          "  --lang en       English messages\n"
          "exit: 0 no error-level finding, 1 error-level findings, 2 input not processed / bad usage\n",
          out);
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "C.UTF-8");
    const char *edition = QB_EDITION_DEFAULT, *html = NULL, *input = NULL, *annotate = NULL, *pdf = NULL;
    int json = 0, en = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--edition") == 0 && i + 1 < argc)
            edition = argv[++i];
        else if (strcmp(a, "--json") == 0)
            json = 1;
        else if (strcmp(a, "--html") == 0 && i + 1 < argc)
            html = argv[++i];
        else if (strcmp(a, "--annotate") == 0 && i + 1 < argc)
            annotate = argv[++i];
        else if (strcmp(a, "--pdf") == 0 && i + 1 < argc)
            pdf = argv[++i];
        else if (strcmp(a, "--lang") == 0 && i + 1 < argc) {
            const char *l = argv[++i];
            if (strcmp(l, "en") != 0 && strcmp(l, "zh") != 0) {
                usage(stderr);
                return 2;
            }
            en = strcmp(l, "en") == 0;
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return 0;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "qb-check: unknown option %s\n", a);
            usage(stderr);
            return 2;
        } else if (!input)
            input = a;
        else {
            usage(stderr);
            return 2;
        }
    }
    if (!input) {
        usage(stderr);
        return 2;
    }
    qb_edition ed;
    char *err = NULL;
    qb_status st = qb_edition_load(edition, &ed, &err);
    if (st != QB_OK) {
        fprintf(stderr, "qb-check: 规则文件有误 rules: %s\n", err ? err : qb_status_str(st));
        free(err);
        return 2;
    }
    struct stat sb;
    if (stat(input, &sb) != 0) {
        fprintf(stderr, "qb-check: %s: 无法打开 cannot open (%s)\n", input, strerror(errno));
        qb_edition_free(&ed);
        return 2;
    }
    qb_check_result res;
    st = qb_check_input(input, &ed, &res);
    if (st != QB_OK) {
        fprintf(stderr, "qb-check: %s: %s\n", input, qb_status_str(st));
        qb_check_result_free(&res);
        qb_edition_free(&ed);
        return 2;
    }
    /* the report names the input as a person reads it: a GBK file name is decoded */
    const char *base = qb_basename(input);
    char *shown = NULL;
    if (qb_name_decode(base, strlen(base), 0, &shown) != QB_OK)
        shown = NULL;
    qb_report rep = {.ed = &ed, .input = shown ? shown : base,
                     .applicant = res.applicant, .doc = res.have_doc ? &res.doc : NULL,
                     .findings = &res.findings, .pkg = res.have_pkg && !res.pkg.is_document ? &res.pkg : NULL,
                     .processed = res.processed, .lang_en = en};
    st = json ? qb_report_json(&rep, stdout) : qb_report_text(&rep, stdout);
    qb_err oe = {0};
    if (st == QB_OK && html && (st = qb_report_to_file(&rep, qb_report_html, html, input, &oe)) != QB_OK)
        fprintf(stderr, "qb-check: %s\n", qb_err_text(&oe, en));
    if (st == QB_OK && annotate && res.have_doc &&
        (st = qb_annotate_docx_to(input, annotate, &res.doc, NULL, &oe)) != QB_OK)
        fprintf(stderr, "qb-check: 批注副本 annotated copy: %s\n", qb_err_text(&oe, en));
    if (st == QB_OK && pdf) {
        qb_findings warnings = {0};
        st = qb_render_checked(input, &res, &ed, NULL, pdf, &warnings);
        for (size_t i = 0; i < warnings.n; i++)
            fprintf(stderr, "qb-check: %s\n", en ? warnings.v[i].message_en : warnings.v[i].message);
        if (st != QB_OK)
            fprintf(stderr, "qb-check: %s: 卷宗未能生成 the dossier could not be written (%s)\n", pdf,
                    qb_status_str(st));
        qb_findings_free(&warnings);
    }
    int rc = !res.processed ? 2 : qb_findings_count(&res.findings, QB_SEV_ERROR) ? 1 : 0;
    if (!res.processed)
        fprintf(stderr, "qb-check: %s\n", en ? res.reason_en : res.reason);
    if (st != QB_OK)
        rc = 2;
    free(shown);
    qb_check_result_free(&res);
    qb_edition_free(&ed);
    return rc;
}
