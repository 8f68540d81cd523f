/* fuzz_edition — bytes as a rules file (--edition path/to/copy.ini): the INI reader,
 * the schema and its validation of every value, heading/naming patterns compiled with
 * pcre2, `base =` chains, font aliases. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fz_write("edition.ini", data, size);
    fz_setup();
    qb_edition ed;
    qb_err e = {0};
    if (qb_edition_load(path, &ed, &e) == QB_OK) {
        /* what the checkers ask of a loaded edition */
        (void)qb_edition_font_canonical(&ed, "SimSun");
        (void)qb_edition_int(&ed, "document", "max_paragraphs", 1);
        qb_edition_free(&ed);
    }
    return 0;
}
