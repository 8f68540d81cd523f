/* qb-lint — the format rules (DESIGN §3 format.*) on one write-up.
 * INPUT is a .docx (read, sectioned and linted here) or a model written by qb-docx /
 * qb-sections ("-" for stdin). Prints the findings as TSV (default), JSON (the
 * DESIGN §2 report) or, with --model, the model with its findings for the next stage. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "annotate.h"
#include "cli.h"
#include "docx.h"
#include "lint.h"
#include "model_xml.h"
#include "report.h"
#include "sections.h"
#include "sniff.h"

static void usage(FILE *out)
{
    fputs("用法 usage: qb-lint [--edition NAME] [--json | --model] [--annotate OUT.docx] INPUT\n"
          "  INPUT    典型经验材料 .docx, or a qbintake model (MODEL.xml, - for stdin)\n"
          "  --edition NAME  规则版本 (default " QB_EDITION_DEFAULT ")\n"
          "  --json          the JSON report (DESIGN §2) instead of TSV\n"
          "  --model         the model with the findings added (for qb-report)\n"
          "  --annotate OUT.docx  also write a copy of the draft with each finding as a Word\n"
          "                  comment on its paragraph (INPUT must be the .docx; it is not modified)\n"
          "TSV columns: rule, severity, section, paragraph, excerpt, message\n"
          "exit: 0 no error-level finding, 1 error-level findings, 2 input not processed / bad usage\n",
          out);
}

/* One TSV field: tabs and line breaks would break the row. */
static void field(const char *s, int last)
{
    for (; s && *s; s++)
        fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, stdout);
    fputc(last ? '\n' : '\t', stdout);
}

/* A model is XML; anything else goes to the DOCX reader, which names what it is not
 * (a ZIP of something else, an encrypted document, a legacy .doc …). */
static int looks_like_xml(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    unsigned char head[64];
    size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    size_t i = n >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (i < n && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n'))
        i++;
    return i < n && head[i] == '<';
}

static qb_status read_input(const char *in, qb_doc *doc)
{
    qb_format fmt = QB_FMT_UNKNOWN;
    if (strcmp(in, "-") != 0 && qb_sniff_file(in, &fmt) != QB_OK) {
        fprintf(stderr, "qb-lint: %s: 无法打开 cannot open\n", in);
        return QB_ERR_IO;
    }
    if (strcmp(in, "-") == 0 || (fmt == QB_FMT_UNKNOWN && looks_like_xml(in))) {
        qb_status st = qb_model_read(in, doc);
        if (st != QB_OK)
            fprintf(stderr, "qb-lint: %s: 不是 qbintake 模型 not a qbintake model (%s)\n", in, qb_status_str(st));
        return st;
    }
    qb_err e = {0};
    qb_status st = qb_docx_read(in, doc, &e);
    if (st != QB_OK) {
        fprintf(stderr, "qb-lint: %s: %s (%s)\n", in, qb_err_text(&e, 0), qb_err_text(&e, 1));
        qb_doc_free(doc);
    }
    return st;
}

int main(int argc, char **argv)
{
    qb_cli_init();
    const char *edition = QB_EDITION_DEFAULT, *in = NULL, *annotate = NULL;
    int json = 0, model = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--edition") == 0 && i + 1 < argc)
            edition = argv[++i];
        else if (strcmp(a, "--json") == 0)
            json = 1;
        else if (strcmp(a, "--model") == 0)
            model = 1;
        else if (strcmp(a, "--annotate") == 0 && i + 1 < argc)
            annotate = argv[++i];
        else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return 0;
        } else if ((a[0] == '-' && a[1]) || in) {
            usage(stderr);
            return 2;
        } else
            in = a;
    }
    if (!in || (json && model)) {
        usage(stderr);
        return 2;
    }
    qb_edition ed;
    if (qb_cli_edition("qb-lint", edition, &ed))
        return 2;
    qb_doc doc;
    qb_doc_init(&doc);
    qb_status st = read_input(in, &doc);
    if (st != QB_OK) {
        qb_edition_free(&ed);
        return 2;
    }
    if (!doc.sectioned)
        st = qb_sections_run(&doc, &ed);
    /* a model that has been through qb-lint already keeps its findings as they are */
    int linted = 0;
    for (size_t i = 0; i < doc.findings.n; i++)
        linted |= strncmp(doc.findings.v[i].rule, "format.", 7) == 0;
    if (st == QB_OK && !linted)
        st = qb_lint_run(&doc, &ed);
    if (st == QB_OK && annotate) {
        size_t n = 0;
        st = qb_annotate_docx_count(in, annotate, &doc, &n);
        if (st == QB_OK)
            fprintf(stderr, "qb-lint: %s: 已加 %zu 条批注 %zu comments added\n", annotate, n, n);
        else
            fprintf(stderr, "qb-lint: %s: 无法生成批注副本 cannot write the annotated copy (%s)\n", annotate,
                    st == QB_ERR_USAGE ? "it would overwrite the input" :
                    st == QB_ERR_FORMAT ? "INPUT must be the .docx the findings come from" : qb_status_str(st));
    }
    if (st == QB_OK) {
        if (model) {
            st = qb_model_write(&doc, stdout);
        } else if (json) {
            qb_report r = {.ed = &ed, .input = doc.file ? doc.file : qb_basename(in), .doc = &doc,
                           .findings = &doc.findings, .processed = 1};
            st = qb_report_json(&r, stdout);
        } else {
            for (size_t i = 0; i < doc.findings.n; i++) {
                const qb_finding *f = &doc.findings.v[i];
                char num[24];
                snprintf(num, sizeof num, "%d", f->paragraph);
                field(f->rule, 0);
                field(qb_severity_name(f->severity), 0);
                field(f->section ? f->section : "", 0);
                field(f->paragraph > 0 ? num : "", 0);
                field(f->excerpt ? f->excerpt : "", 0);
                field(f->message, 1);
            }
        }
    }
    int errors = (int)qb_findings_count(&doc.findings, QB_SEV_ERROR);
    qb_doc_free(&doc);
    qb_edition_free(&ed);
    if (st != QB_OK) {
        fprintf(stderr, "qb-lint: %s\n", qb_status_str(st));
        return 2;
    }
    if (fflush(stdout) != 0)
        return 2;
    return errors ? 1 : 0;
}
