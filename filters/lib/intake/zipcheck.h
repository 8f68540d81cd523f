/* zipcheck.h — our own walk of a ZIP's central directory, for what libzip does not
 * check (LIBRARIES.md §3): overlapping entries (the "better zip bomb"), declared
 * sizes and ratios, entry count, encryption bits. Run it before handing a ZIP
 * (a package or a DOCX) to libzip or libarchive. */
#ifndef QB_ZIPCHECK_H
#define QB_ZIPCHECK_H

#include <stdint.h>

#include "qb.h"

typedef struct {
    uint64_t max_entries;     /* 0 = no limit */
    uint64_t max_total;       /* sum of declared uncompressed sizes; 0 = no limit */
    uint64_t max_ratio;       /* uncompressed / compressed per entry; 0 = no limit */
} qb_zip_limits;

typedef struct {
    uint64_t entries;
    uint64_t total_size;      /* sum of declared uncompressed sizes */
    int encrypted;            /* some entry has the encryption bit, or strong encryption */
    char why[160];            /* English reason when the check fails */
} qb_zip_info;

/* QB_OK when the layout is sane; QB_ERR_FORMAT (no/invalid central directory),
 * QB_ERR_UNSAFE (overlapping entries), QB_ERR_LIMIT (count, size or ratio). */
qb_status qb_zip_check(const char *path, const qb_zip_limits *lim, qb_zip_info *info);

#endif
