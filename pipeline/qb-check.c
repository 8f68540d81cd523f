/* qb-check — check one application (a .docx write-up or a package) and report.
 * A thin front-end: arguments, then check.c builds the application record, then the
 * report writers, the annotated copy, the dossier and the record file read it. */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "annotate.h"
#include "check.h"
#include "cli.h"
#include "outfile.h"
#include "record_xml.h"
#include "render.h"
#include "report.h"

static void usage(FILE *out)
{
    fputs("用法 usage: qb-check [--edition NAME] [--lang zh|en] [--json] [--html FILE] [--pdf FILE]\n"
          "                [--annotate OUT.docx] [--record FILE [--workdir DIR]] INPUT\n"
          "  INPUT    典型经验材料 .docx（write-up）, or a package: .rar (RAR4, RAR5, the first\n"
          "           volume of a set), .zip, .7z, or a folder\n"
          "  --edition NAME  规则版本 (national-2020, national-2022, caq-2023, heilongjiang-2022,\n"
          "                  shandong-2022, or a path to a rules file); default " QB_EDITION_DEFAULT "\n"
          "  --json          JSON report on stdout (DESIGN §2)\n"
          "  --html FILE     also write an HTML report\n"
          "  --annotate OUT.docx  a copy of the draft with each finding as a Word comment\n"
          "  --pdf FILE      also write the reviewer's dossier (PDF)\n"
          "  --record FILE   also write the application record (XML; qb-report and qb-render read it)\n"
          "  --workdir DIR   unpack a package into DIR (created; should be empty) and keep it, so the\n"
          "                  files the record names stay (default: a private folder, removed)\n"
          "  --lang en       English messages\n"
          "  -h, --help      this help\n"
          "exit: 0 no error-level finding, 1 error-level findings, 2 input not processed / bad usage\n",
          out);
}

static int bad_usage(const char *why)
{
    return qb_cli_bad_usage("qb-check", usage, why, NULL);
}

/* --workdir: absent (it is created) or an empty folder, so that what the record names
 * is what this run unpacked. */
static int workdir_usable(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return errno == ENOENT;
    struct dirent *e;
    int empty = 1;
    while (empty && (e = readdir(d)))
        empty = strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0;
    closedir(d);
    return empty;
}

/* The record through outfile.h: never onto the input, never half-written. */
static qb_status write_record(const char *path, const char *input, const qb_record *rec, qb_err *e)
{
    qb_outfile of;
    const char *inputs[1] = {input};
    qb_status st = qb_outfile_open(&of, path, inputs, 1, e);
    if (st != QB_OK)
        return st;
    if ((st = qb_record_write(rec, of.f)) != QB_OK) {
        qb_outfile_abort(&of);
        return qb_err_status(e, st);
    }
    return qb_outfile_commit(&of, e);
}

int main(int argc, char **argv)
{
    qb_cli_init();
    const char *edition = QB_EDITION_DEFAULT, *html = NULL, *annotate = NULL, *pdf = NULL, *record = NULL,
               *workdir = NULL;
    int json = 0, en = 0;
    static const struct option opts[] = {
        {"edition", required_argument, NULL, 'e'}, {"json", no_argument, NULL, 'j'},
        {"html", required_argument, NULL, 'H'},    {"annotate", required_argument, NULL, 'a'},
        {"pdf", required_argument, NULL, 'p'},     {"record", required_argument, NULL, 'r'},
        {"workdir", required_argument, NULL, 'w'}, {"lang", required_argument, NULL, 'l'},
        {"help", no_argument, NULL, 'h'},          {NULL, 0, NULL, 0}};
    opterr = 0;
    for (int c; (c = getopt_long(argc, argv, ":h", opts, NULL)) != -1;) {
        switch (c) {
        case 'e': edition = optarg; break;
        case 'j': json = 1; break;
        case 'H': html = optarg; break;
        case 'a': annotate = optarg; break;
        case 'p': pdf = optarg; break;
        case 'r': record = optarg; break;
        case 'w': workdir = optarg; break;
        case 'l':
            if (strcmp(optarg, "en") != 0 && strcmp(optarg, "zh") != 0)
                return bad_usage("--lang: zh or en");
            en = strcmp(optarg, "en") == 0;
            break;
        case 'h': usage(stdout); return 0;
        default: return qb_cli_bad_option("qb-check", usage, argv, c);
        }
    }
    if (optind != argc - 1)
        return bad_usage(optind >= argc ? "no INPUT" : "one INPUT only");
    const char *input = argv[optind];
    if (workdir && !record)
        return bad_usage("--workdir goes with --record");
    if (workdir && !workdir_usable(workdir))
        return bad_usage("--workdir: 须为不存在或空的文件夹 must be a new or empty folder");
    qb_edition ed;
    if (qb_cli_edition("qb-check", edition, &ed))
        return 2;
    struct stat sb;
    if (stat(input, &sb) != 0) {
        fprintf(stderr, "qb-check: %s: 无法打开 cannot open (%s)\n", input, strerror(errno));
        qb_edition_free(&ed);
        return 2;
    }
    qb_record res;
    qb_status st = qb_check_input_in(input, workdir, &ed, &res);
    if (st != QB_OK) {
        fprintf(stderr, "qb-check: %s: %s\n", input, qb_status_str(st));
        qb_record_free(&res);
        qb_edition_free(&ed);
        return 2;
    }
    qb_report rep;
    qb_report_of_record(&rep, &res, &ed, en);
    st = json ? qb_report_json(&rep, stdout) : qb_report_text(&rep, stdout);
    qb_err oe = {0};
    if (st == QB_OK && html && (st = qb_report_to_file(&rep, qb_report_html, html, input, &oe)) != QB_OK)
        fprintf(stderr, "qb-check: %s\n", qb_err_text(&oe, en));
    if (st == QB_OK && annotate && res.have_doc &&
        (st = qb_annotate_docx_to(input, annotate, &res.doc, NULL, &oe)) != QB_OK)
        fprintf(stderr, "qb-check: 批注副本 annotated copy: %s\n", qb_err_text(&oe, en));
    if (st == QB_OK && record) {
        if (res.have_pkg && !workdir && (res.have_doc || res.nattach))
            fprintf(stderr, "qb-check: %s: 未保留解包文件（见 --workdir） the unpacked files are not kept "
                            "(see --workdir)\n", record);
        if ((st = write_record(record, input, &res, &oe)) != QB_OK)
            fprintf(stderr, "qb-check: 申报记录 record: %s\n", qb_err_text(&oe, en));
    }
    if (st == QB_OK && pdf) {
        qb_findings warnings = {0};
        st = qb_render_record_module(&res, &ed, NULL, pdf, &warnings);
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
    qb_record_free(&res);
    qb_edition_free(&ed);
    return rc;
}
