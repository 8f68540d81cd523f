/* fuzz.h — what the libFuzzer targets in this folder share (fuzz/README.md).
 *
 * Every target turns the fuzzer's bytes into what a real run meets — a file on disk,
 * read through the same entry points qb-check uses — inside one private folder made
 * under $TMPDIR when the target starts. The editions come from templates/rules of the
 * source tree the target was built in (or $QB_RULES_DIR). */
#ifndef QB_FUZZ_H
#define QB_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "edition.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Once per process: rules folder, private folder, quiet libxml2. Aborts on failure
 * (a target that cannot set up must not report "no crash"). */
void fz_setup(void);
/* The private folder (exists until the process ends). */
const char *fz_dir(void);
/* Write data to NAME in the private folder; returns the path (a static buffer). */
const char *fz_write(const char *name, const void *data, size_t size);
/* The default edition, loaded once. */
const qb_edition *fz_edition(void);

#endif
