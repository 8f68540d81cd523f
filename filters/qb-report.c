/* qb-report — application record in, report out: text (Chinese or English), JSON or HTML. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "record_xml.h"
#include "report.h"

static void usage(FILE *out)
{
    fputs("用法 usage: qb-report [--edition NAME] [--format text|json|html] [--lang zh|en] [RECORD.xml|-]\n"
          "  RECORD.xml      the application record (qb-check --record, qb-lint --model); default - (stdin)\n"
          "  --edition NAME  规则版本 (default: the record's, else " QB_EDITION_DEFAULT ")\n"
          "  --format F      text (default), json (DESIGN §2) or html\n"
          "  --lang en       English messages\n"
          "  -h, --help      this help\n"
          "exit: 0 no error-level finding, 1 error-level findings, 2 not a record / bad usage\n",
          out);
}

static int bad_usage(const char *why)
{
    return qb_cli_bad_usage("qb-report", usage, why, NULL);
}

int main(int argc, char **argv)
{
    qb_cli_init();
    const char *edition = NULL, *in = "-", *format = "text";
    int en = 0;
    static const struct option opts[] = {
        {"edition", required_argument, NULL, 'e'}, {"format", required_argument, NULL, 'f'},
        {"lang", required_argument, NULL, 'l'},    {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    opterr = 0;
    for (int c; (c = getopt_long(argc, argv, ":h", opts, NULL)) != -1;) {
        switch (c) {
        case 'e': edition = optarg; break;
        case 'f': format = optarg; break;
        case 'l':
            if (strcmp(optarg, "en") != 0 && strcmp(optarg, "zh") != 0)
                return bad_usage("--lang: zh or en");
            en = strcmp(optarg, "en") == 0;
            break;
        case 'h': usage(stdout); return 0;
        default: return qb_cli_bad_option("qb-report", usage, argv, c);
        }
    }
    if (optind < argc - 1)
        return bad_usage("one RECORD only");
    if (optind == argc - 1)
        in = argv[optind];
    if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0 && strcmp(format, "html") != 0)
        return bad_usage("--format: text, json or html");
    qb_record rec;
    qb_status st = qb_record_read(in, &rec);
    if (st != QB_OK) {
        fprintf(stderr, "qb-report: %s: 不是申报记录 not a qbintake record (%s)\n", in, qb_status_str(st));
        return 2;
    }
    qb_edition ed;
    if (qb_cli_edition("qb-report", edition ? edition : rec.edition ? rec.edition : QB_EDITION_DEFAULT, &ed)) {
        qb_record_free(&rec);
        return 2;
    }
    qb_report r;
    qb_report_of_record(&r, &rec, &ed, en);
    if (!r.input)
        r.input = in;
    st = format[0] == 'j' ? qb_report_json(&r, stdout)
         : format[0] == 'h' ? qb_report_html(&r, stdout) : qb_report_text(&r, stdout);
    int rc = st != QB_OK ? 2 : !rec.processed ? 2 : qb_findings_count(&rec.findings, QB_SEV_ERROR) ? 1 : 0;
    qb_record_free(&rec);
    qb_edition_free(&ed);
    return rc;
}
