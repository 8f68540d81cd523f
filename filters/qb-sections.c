/* qb-sections — record in, record out with the write-up's sections, their counts and
 * findings. */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"
#include "record_xml.h"

static void usage(FILE *out)
{
    fputs("用法 usage: qb-sections [--edition NAME] [RECORD.xml|-] > record.xml\n"
          "  RECORD.xml      the application record (qb-docx); default - (stdin)\n"
          "  --edition NAME  规则版本 (default " QB_EDITION_DEFAULT ")\n"
          "  -h, --help      this help\n"
          "exit: 0 record written, 2 not a record / bad usage\n",
          out);
}

static int bad_usage(const char *why)
{
    return qb_cli_bad_usage("qb-sections", usage, why, NULL);
}

int main(int argc, char **argv)
{
    qb_cli_init();
    const char *edition = QB_EDITION_DEFAULT, *in = "-";
    static const struct option opts[] = {
        {"edition", required_argument, NULL, 'e'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
    opterr = 0;
    for (int c; (c = getopt_long(argc, argv, ":h", opts, NULL)) != -1;) {
        if (c == 'e')
            edition = optarg;
        else if (c == 'h')
            return usage(stdout), 0;
        else
            return qb_cli_bad_option("qb-sections", usage, argv, c);
    }
    if (optind < argc - 1)
        return bad_usage("one RECORD only");
    if (optind == argc - 1)
        in = argv[optind];
    qb_edition ed;
    if (qb_cli_edition("qb-sections", edition, &ed))
        return 2;
    qb_record rec;
    qb_status st = qb_record_read(in, &rec);
    if (st != QB_OK) {
        fprintf(stderr, "qb-sections: %s: 不是申报记录 not a qbintake record (%s)\n", in, qb_status_str(st));
        qb_edition_free(&ed);
        return 2;
    }
    st = qb_record_sections(&rec, &ed);
    if (st == QB_OK)
        st = qb_record_write(&rec, stdout);
    qb_record_free(&rec);
    qb_edition_free(&ed);
    if (st != QB_OK) {
        fprintf(stderr, "qb-sections: %s\n", qb_status_str(st));
        return 2;
    }
    return 0;
}
