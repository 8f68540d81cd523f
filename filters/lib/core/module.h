/* module.h — parts of the library that need heavy libraries, loaded when first used.
 *
 * qb-check checks a write-up with libxml2, libzip, pcre2, jansson and inih only; the
 * dossier (libharu, HarfBuzz, FreeType, qpdf, libpng, libjpeg) and the RAR/7z reader
 * (libarchive and its codecs) are shared objects it opens on first use, so a check
 * does not pay the exec, mapping and relocation of some 25 libraries it never calls
 * (README "Speed"). The other programs link the same code in. A module is
 * PREFIX/lib/qbintake/NAME.so, found from the running program's own path
 * (its folder/../lib/qbintake): bin/ and lib/qbintake/ in the source tree and in
 * build/san, PREFIX/bin and PREFIX/lib/qbintake once installed. */
#ifndef QB_MODULE_H
#define QB_MODULE_H

#include "err.h"

/* The folder of the running program (/proc/self/exe), malloc'd; NULL when unknown. */
char *qb_program_dir(void);

/* A data file or folder of qbintake (the rules folder "rules", the blank
 * "application-form.docx"), found from the program's folder — bin/ of the source tree
 * (templates/, build/templates/), build/san/bin, PREFIX/bin (PREFIX/share/qbintake) —,
 * else under QB_DATADIR, where it may not exist (the caller sees that on opening it).
 * malloc'd; NULL only when out of memory. */
char *qb_data_path(const char *name);

/* The address of symbol sym of module name ("render", "archive"), the module opened
 * once per process and kept. NULL with the reason in e when it cannot be loaded. */
void *qb_module_sym(const char *name, const char *sym, qb_err *e);

/* What a module uses of the program that loads it: the one registry of paths to
 * remove (tmpdir.h). qb_module_sym hands it to the module's qb_module_bind. */
typedef struct {
    qb_status (*cleanup_register)(const char *path);
    void (*cleanup_forget)(const char *path);
} qb_module_host;
void qb_module_bind(const qb_module_host *host);

#endif
