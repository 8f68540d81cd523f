/* docx_chain.c — see docx_chain.h. */
#include "docx_chain.h"
#include "docx.h"
#include "fuzz.h"
#include "lint.h"
#include "model_xml.h"
#include "sections.h"

#include <stdio.h>

void fz_docx_chain(const char *path, int tiny)
{
    static const qb_docx_limits small = {40, 30, 400, 1};
    qb_doc doc;
    if (qb_docx_read_limited(path, &doc, tiny ? &small : NULL, NULL) == QB_OK && qb_sections_run(&doc, fz_edition()) == QB_OK &&
        qb_lint_run(&doc, fz_edition()) == QB_OK) {
        char model[4200];
        snprintf(model, sizeof model, "%s/model.xml", fz_dir());
        FILE *f = fopen(model, "w");
        if (f) {
            qb_status st = qb_model_write(&doc, f);
            if (fclose(f) == 0 && st == QB_OK) {
                qb_doc back;
                qb_doc_init(&back);
                (void)qb_model_read(model, &back);
                qb_doc_free(&back);
            }
        }
    }
    qb_doc_free(&doc);
}
