/* docx_chain.h — what qb-check does with a DOCX once it is on disk, for the DOCX
 * targets: read it, find the sections and count them, lint the format, write the model
 * and read that back. */
#ifndef QB_FUZZ_DOCX_CHAIN_H
#define QB_FUZZ_DOCX_CHAIN_H

void fz_docx_chain(const char *path);

#endif
