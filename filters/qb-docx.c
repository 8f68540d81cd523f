/* qb-docx — DOCX → document model (XML on stdout). The first filter of the chain. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "docx.h"
#include "model_xml.h"

int main(int argc, char **argv)
{
    qb_cli_init();
    if (argc != 2 || argv[1][0] == '-') {
        fputs("usage: qb-docx INPUT.docx > model.xml\n", stderr);
        return 2;
    }
    qb_doc doc;
    qb_err e = {0};
    qb_status st = qb_docx_read(argv[1], &doc, &e);
    if (st != QB_OK) {
        fprintf(stderr, "qb-docx: %s: %s (%s)\n", argv[1], qb_err_text(&e, 0), qb_err_text(&e, 1));
        qb_doc_free(&doc);
        return 2;
    }
    st = qb_model_write(&doc, stdout);
    qb_doc_free(&doc);
    if (st != QB_OK) {
        fprintf(stderr, "qb-docx: cannot write the model: %s\n", qb_status_str(st));
        return 2;
    }
    return 0;
}
