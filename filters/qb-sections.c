/* qb-sections — model in, model out with the sections, their counts and findings. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "model_xml.h"
#include "sections.h"

int main(int argc, char **argv)
{
    qb_cli_init();
    const char *edition = QB_EDITION_DEFAULT, *in = "-";
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--edition") == 0 && i + 1 < argc)
            edition = argv[++i];
        else if (argv[i][0] == '-' && argv[i][1]) {
            fputs("usage: qb-sections [--edition NAME] [MODEL.xml|-] > model.xml\n", stderr);
            return 2;
        } else
            in = argv[i];
    }
    qb_edition ed;
    if (qb_cli_edition("qb-sections", edition, &ed))
        return 2;
    qb_doc doc;
    qb_status st = qb_model_read(in, &doc);
    if (st != QB_OK) {
        fprintf(stderr, "qb-sections: %s: not a qbintake model (%s)\n", in, qb_status_str(st));
        qb_edition_free(&ed);
        return 2;
    }
    st = qb_sections_run(&doc, &ed);
    if (st == QB_OK)
        st = qb_model_write(&doc, stdout);
    qb_doc_free(&doc);
    qb_edition_free(&ed);
    if (st != QB_OK) {
        fprintf(stderr, "qb-sections: %s\n", qb_status_str(st));
        return 2;
    }
    return 0;
}
