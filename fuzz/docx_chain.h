/* docx_chain.h — what qb-check does with a DOCX once it is on disk, for the DOCX
 * targets: read it, find the sections and count them, lint the format, write the model
 * and read that back. With tiny nonzero, under limits small inputs reach (40
 * paragraphs, 30 cells, 400 characters), so the paths past a limit are fuzzed too. */
#ifndef QB_FUZZ_DOCX_CHAIN_H
#define QB_FUZZ_DOCX_CHAIN_H

void fz_docx_chain(const char *path, int tiny);

#endif
