/* qb-lint — the format rules (DESIGN §3 format.*) on one write-up.
 * INPUT is a .docx (read, sectioned and linted here) or an application record written
 * by qb-docx / qb-sections ("-" for stdin). Prints the findings as TSV (default), JSON
 * (the DESIGN §2 report) or, with --model, the record with its findings and verdict. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <getopt.h>

#include "annotate.h"
#include "check.h"
#include "cli.h"
#include "record_xml.h"
#include "report.h"
#include "sniff.h"

static void usage(FILE *out)
{
    fputs("用法 usage: qb-lint [--edition NAME] [--json | --model] [--annotate OUT.docx] INPUT\n"
          "  INPUT    典型经验材料 .docx, or an application record (RECORD.xml, - for stdin)\n"
          "  --edition NAME  规则版本 (default " QB_EDITION_DEFAULT ")\n"
          "  --json          the JSON report (DESIGN §2) instead of TSV\n"
          "  --model         the application record with the findings added (for qb-report, qb-render)\n"
          "  --annotate OUT.docx  also write a copy of the draft with each finding as a Word\n"
          "                  comment on its paragraph (INPUT must be the .docx; it is not modified)\n"
          "  -h, --help      this help\n"
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

static qb_status read_input(const char *in, qb_record *rec)
{
    qb_format fmt = QB_FMT_UNKNOWN;
    if (strcmp(in, "-") != 0 && qb_sniff_file(in, &fmt) != QB_OK) {
        fprintf(stderr, "qb-lint: %s: 无法打开 cannot open\n", in);
        return QB_ERR_IO;
    }
    if (strcmp(in, "-") == 0 || (fmt == QB_FMT_UNKNOWN && looks_like_xml(in))) {
        qb_status st = qb_record_read(in, rec);
        if (st != QB_OK)
            fprintf(stderr, "qb-lint: %s: 不是申报记录 not a qbintake record (%s)\n", in, qb_status_str(st));
        return st;
    }
    qb_status st = qb_record_from_docx(in, NULL, rec);
    if (st == QB_OK && !rec->processed) {
        fprintf(stderr, "qb-lint: %s (%s)\n", rec->reason, rec->reason_en);
        st = QB_ERR_FORMAT;
    } else if (st != QB_OK) {
        fprintf(stderr, "qb-lint: %s: 无法读取 cannot read (%s)\n", in, qb_status_str(st));
    }
    if (st != QB_OK)
        qb_record_free(rec);
    return st;
}

static int bad_usage(const char *why)
{
    return qb_cli_bad_usage("qb-lint", usage, why, NULL);
}

int main(int argc, char **argv)
{
    qb_cli_init();
    const char *edition = QB_EDITION_DEFAULT, *annotate = NULL;
    int json = 0, model = 0;
    static const struct option opts[] = {
        {"edition", required_argument, NULL, 'e'}, {"json", no_argument, NULL, 'j'},
        {"model", no_argument, NULL, 'm'},         {"annotate", required_argument, NULL, 'a'},
        {"help", no_argument, NULL, 'h'},          {NULL, 0, NULL, 0}};
    opterr = 0;
    for (int c; (c = getopt_long(argc, argv, ":h", opts, NULL)) != -1;) {
        switch (c) {
        case 'e': edition = optarg; break;
        case 'j': json = 1; break;
        case 'm': model = 1; break;
        case 'a': annotate = optarg; break;
        case 'h': usage(stdout); return 0;
        default: return qb_cli_bad_option("qb-lint", usage, argv, c);
        }
    }
    if (optind != argc - 1)
        return bad_usage(optind >= argc ? "no INPUT" : "one INPUT only");
    if (json && model)
        return bad_usage("--json or --model, not both");
    const char *in = argv[optind];
    qb_edition ed;
    if (qb_cli_edition("qb-lint", edition, &ed))
        return 2;
    qb_record rec;
    qb_status st = read_input(in, &rec);
    if (st != QB_OK) {
        qb_edition_free(&ed);
        return 2;
    }
    st = qb_record_lint(&rec, &ed);
    qb_doc *doc = &rec.doc;
    if (st == QB_OK && annotate) {
        size_t n = 0;
        st = qb_annotate_docx_count(in, annotate, doc, &n);
        if (st == QB_OK)
            fprintf(stderr, "qb-lint: %s: 已加 %zu 条批注 %zu comments added\n", annotate, n, n);
        else
            fprintf(stderr, "qb-lint: %s: 无法生成批注副本 cannot write the annotated copy (%s)\n", annotate,
                    st == QB_ERR_USAGE ? "it would overwrite the input" :
                    st == QB_ERR_FORMAT ? "INPUT must be the .docx the findings come from" : qb_status_str(st));
    }
    if (st == QB_OK) {
        if (model) {
            st = qb_record_write(&rec, stdout);
        } else if (json) {
            qb_report r = {.ed = &ed, .input = doc->file ? doc->file : qb_basename(in), .doc = doc,
                           .findings = &doc->findings, .processed = 1};
            st = qb_report_json(&r, stdout);
        } else {
            for (size_t i = 0; i < doc->findings.n; i++) {
                const qb_finding *f = &doc->findings.v[i];
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
    int errors = (int)qb_findings_count(&rec.findings, QB_SEV_ERROR);
    qb_record_free(&rec);
    qb_edition_free(&ed);
    if (st != QB_OK) {
        fprintf(stderr, "qb-lint: %s\n", qb_status_str(st));
        return 2;
    }
    if (fflush(stdout) != 0)
        return 2;
    return errors ? 1 : 0;
}
