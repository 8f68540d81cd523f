/* fuzz_docx — bytes as a DOCX file: the ZIP layout check, OPC parts and relationships,
 * styles, numbering, theme, the streaming reader of the main part and the notes, then
 * sections, counts, the format lint and the model's XML both ways. */
#include "docx_chain.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_docx_chain(fz_write("input.docx", data, size), size % 4 == 0); /* a quarter under tiny limits */
    return 0;
}
