/* fuzz_count — bytes as text: the 字数 counter over the whole input (any bytes), then
 * a model made of its lines (one paragraph per line; a line starting with a tab is a
 * table cell) through the section finder (heading patterns, enumerators, inline
 * 摘要：text) and the section counts, with the default edition. The model gets only
 * what the DOCX reader can give it: lines of valid UTF-8 without NUL (others are left
 * out), and one page section. */
#include "count.h"
#include "fuzz.h"
#include "model.h"
#include "sections.h"
#include "utf8.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    qb_count c = {0, 0};
    qb_count_text(&c, s, size);
    qb_doc doc;
    qb_doc_init(&doc);
    qb_status st = QB_OK;
    for (size_t i = 0; i < size && st == QB_OK;) {
        const char *nl = memchr(s + i, '\n', size - i);
        size_t end = nl ? (size_t)(nl - s) : size;
        int cell = s[i] == '\t';
        if (memchr(s + i, '\0', end - i) || !qb_utf8_valid(s + i, end - i, NULL)) {
            i = end + 1;
            continue;
        }
        size_t idx;
        st = qb_doc_add_para(&doc, cell ? QB_IN_TABLE : QB_IN_BODY, -1, &idx);
        if (st == QB_OK && end > i + (size_t)cell)
            st = qb_para_add_run(&doc.paras[idx], s + i + cell, end - i - (size_t)cell, NULL);
        i = end + 1;
    }
    if (st == QB_OK)
        st = qb_grow((void **)&doc.sects, &doc.capsect, 1, sizeof *doc.sects);
    if (st == QB_OK) {
        memset(&doc.sects[0], 0, sizeof doc.sects[0]);
        doc.sects[0].end_para = doc.npara;
        doc.nsect = 1;
    }
    if (st == QB_OK)
        (void)qb_sections_run(&doc, fz_edition());
    qb_doc_free(&doc);
    return 0;
}
