/* qb-docx — DOCX → application record (XML on stdout): the input and the write-up's
 * document model. The first filter of the chain (qb-docx | qb-sections | qb-lint --model -). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "cli.h"
#include "record_xml.h"

static void usage(FILE *out)
{
    fputs("用法 usage: qb-docx INPUT.docx > record.xml\n"
          "  INPUT.docx   典型经验材料 the write-up; the record holds the input (name, size, SHA-256,\n"
          "               date received) and the document model\n"
          "  -h, --help   this help\n"
          "exit: 0 record written, 2 the document could not be read / bad usage\n",
          out);
}

int main(int argc, char **argv)
{
    qb_cli_init();
    int done = qb_cli_help_only("qb-docx", usage, argc, argv);
    if (done >= 0)
        return done;
    if (optind != argc - 1)
        return qb_cli_bad_usage("qb-docx", usage, optind >= argc ? "no INPUT" : "one INPUT only", NULL);
    const char *in = argv[optind];
    qb_record rec;
    qb_status st = qb_record_from_docx(in, NULL, &rec);
    if (st == QB_OK && !rec.processed) {
        fprintf(stderr, "qb-docx: %s (%s)\n", rec.reason, rec.reason_en);
        st = QB_ERR_FORMAT;
    } else if (st != QB_OK) {
        fprintf(stderr, "qb-docx: %s: 无法读取 cannot read (%s)\n", in, qb_status_str(st));
    } else if ((st = qb_record_write(&rec, stdout)) != QB_OK) {
        fprintf(stderr, "qb-docx: cannot write the record: %s\n", qb_status_str(st));
    }
    qb_record_free(&rec);
    return st == QB_OK ? 0 : 2;
}
