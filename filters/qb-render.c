/* qb-render — the reviewer's dossier PDF of one application record. A filter: the
 * record in (a file, or - for stdin: what qb-check --record or qb-lint --model wrote),
 * the PDF out. It opens only the files the record names (render.h). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "outfile.h"
#include "record_xml.h"
#include "render.h"

static void usage(FILE *out)
{
    fputs("用法 usage: qb-render [--edition NAME] [--font-song FILE] [--font-hei FILE]\n"
          "                 [--applicant NAME] [--package-id ID] [--received YYYY-MM-DD]\n"
          "                 [--image-dpi N] -o OUT.pdf RECORD\n"
          "  RECORD            申报记录 the application record (qb-check --record FILE, or the\n"
          "                    chain qb-docx | qb-sections | qb-lint --model -); - for stdin\n"
          "  -o, --output OUT.pdf  the dossier to write\n"
          "  --edition NAME    规则版本 rules edition (default: the record's, else " QB_EDITION_DEFAULT ")\n"
          "  --font-song FILE  宋体 TrueType file (default: AR PL UMing, fonts-arphic-uming)\n"
          "  --font-hei FILE   黑体 TrueType file (default: WenQuanYi Zen Hei, fonts-wqy-zenhei)\n"
          "  --applicant NAME  申报单位 for the cover and the running header (default: the record's)\n"
          "  --package-id ID   材料编号 (default: the first 12 hex digits of the input's SHA-256)\n"
          "  --received DATE   收件日期 (default: the input's modification date, UTC, as recorded)\n"
          "  --image-dpi N     图片分辨率 pictures above N dots per inch at their placed size are\n"
          "                    downsampled (default 200; 50–1200)\n"
          "  -h, --help        this help\n"
          "exit: 0 dossier written, 2 bad usage or the dossier could not be written\n",
          out);
}

static int bad_usage(const char *why)
{
    return qb_cli_bad_usage("qb-render", usage, why, NULL);
}

int main(int argc, char **argv)
{
    qb_cli_init();
    const char *edition = NULL, *out = NULL;
    qb_render_opts o = {0};
    static const struct option opts[] = {
        {"edition", required_argument, NULL, 'e'},   {"font-song", required_argument, NULL, 's'},
        {"font-hei", required_argument, NULL, 'k'},  {"applicant", required_argument, NULL, 'a'},
        {"package-id", required_argument, NULL, 'i'}, {"received", required_argument, NULL, 'r'},
        {"output", required_argument, NULL, 'o'},    {"help", no_argument, NULL, 'h'},
        {"image-dpi", required_argument, NULL, 'd'},
        {NULL, 0, NULL, 0}};
    opterr = 0;
    for (int c; (c = getopt_long(argc, argv, ":ho:", opts, NULL)) != -1;) {
        switch (c) {
        case 'e': edition = optarg; break;
        case 's': o.font_song = optarg; break;
        case 'k': o.font_hei = optarg; break;
        case 'a': o.applicant = optarg; break;
        case 'i': o.package_id = optarg; break;
        case 'r': o.received = optarg; break;
        case 'o': out = optarg; break;
        case 'd': {
            char *end = NULL;
            long v = strtol(optarg, &end, 10);
            if (!*optarg || *end || v < 50 || v > 1200)
                return bad_usage("--image-dpi: a number from 50 to 1200");
            o.image_dpi = (unsigned)v;
            break;
        }
        case 'h': usage(stdout); return 0;
        default: return qb_cli_bad_option("qb-render", usage, argv, c);
        }
    }
    if (optind != argc - 1)
        return bad_usage(optind >= argc ? "no RECORD" : "one RECORD only");
    if (!out)
        return bad_usage("-o OUT.pdf is required");
    const char *in = argv[optind];
    qb_err oe = {0}; /* the record is an input too (its documents are checked when saving) */
    if (qb_outfile_refuse_input(out, &in, 1, &oe) != QB_OK) {
        fprintf(stderr, "qb-render: %s\n", oe.zh);
        return 2;
    }
    qb_record rec;
    qb_status st = qb_record_read(in, &rec);
    if (st != QB_OK) {
        fprintf(stderr, "qb-render: %s: 不是申报记录 not an application record (%s)\n", in, qb_status_str(st));
        return 2;
    }
    qb_edition ed;
    if (qb_cli_edition("qb-render", edition ? edition : rec.edition ? rec.edition : QB_EDITION_DEFAULT, &ed)) {
        qb_record_free(&rec);
        return 2;
    }
    if (!rec.processed) /* the dossier still shows the cover, the verdict and the original */
        fprintf(stderr, "qb-render: %s\n", rec.reason ? rec.reason : "无法处理 not processed");
    qb_findings warnings = {0};
    st = qb_render_record(&rec, &ed, &o, out, &warnings);
    for (size_t i = 0; i < warnings.n; i++)
        fprintf(stderr, "qb-render: %s: %s\n", qb_severity_name_zh(warnings.v[i].severity), warnings.v[i].message);
    if (st != QB_OK)
        fprintf(stderr, "qb-render: %s: 卷宗未能生成 the dossier could not be written (%s)\n", out,
                qb_status_str(st));
    qb_findings_free(&warnings);
    qb_record_free(&rec);
    qb_edition_free(&ed);
    return st == QB_OK ? 0 : 2;
}
