/* qb-report — model in, report out: text (Chinese or English), JSON or HTML. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "model_xml.h"
#include "report.h"

int main(int argc, char **argv)
{
    qb_cli_init();
    const char *edition = QB_EDITION_DEFAULT, *in = "-", *format = "text";
    int en = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--edition") == 0 && i + 1 < argc)
            edition = argv[++i];
        else if (strcmp(argv[i], "--format") == 0 && i + 1 < argc)
            format = argv[++i];
        else if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
            en = strcmp(argv[++i], "en") == 0;
        else if (argv[i][0] == '-' && argv[i][1]) {
            fputs("usage: qb-report [--edition NAME] [--format text|json|html] [--lang zh|en] [MODEL.xml|-]\n", stderr);
            return 2;
        } else
            in = argv[i];
    }
    if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0 && strcmp(format, "html") != 0) {
        fprintf(stderr, "qb-report: unknown format %s\n", format);
        return 2;
    }
    qb_edition ed;
    if (qb_cli_edition("qb-report", edition, &ed))
        return 2;
    qb_doc doc;
    qb_status st = qb_model_read(in, &doc);
    if (st != QB_OK) {
        fprintf(stderr, "qb-report: %s: not a qbintake model (%s)\n", in, qb_status_str(st));
        qb_edition_free(&ed);
        return 2;
    }
    qb_report r = {.ed = &ed, .input = doc.file ? doc.file : in, .doc = &doc, .findings = &doc.findings,
                   .processed = 1, .lang_en = en};
    st = format[0] == 'j' ? qb_report_json(&r, stdout)
         : format[0] == 'h' ? qb_report_html(&r, stdout) : qb_report_text(&r, stdout);
    int rc = st != QB_OK ? 2 : qb_findings_count(&doc.findings, QB_SEV_ERROR) ? 1 : 0;
    qb_doc_free(&doc);
    qb_edition_free(&ed);
    return rc;
}
