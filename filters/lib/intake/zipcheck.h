/* zipcheck.h — what libzip does not check in a ZIP (LIBRARIES.md §3), on top of our
 * own central-directory walk (zipwalk.h): overlapping entries (the "better zip bomb"),
 * duplicate names, declared sizes and ratios, entry count, encryption bits. Run it
 * before handing a ZIP (a package or a DOCX) to libzip or libarchive. */
#ifndef QB_ZIPCHECK_H
#define QB_ZIPCHECK_H

#include <stdint.h>

#include "err.h"
#include "qb.h"
#include "zipwalk.h"

typedef struct {
    uint64_t max_entries;     /* 0 = no limit */
    uint64_t max_total;       /* sum of declared uncompressed sizes; 0 = no limit */
    uint64_t max_ratio;       /* uncompressed / compressed per entry; 0 = no limit */
} qb_zip_limits;

typedef struct {
    uint64_t entries;
    uint64_t total_size;      /* sum of declared uncompressed sizes */
    int encrypted;            /* some entry has the encryption bit, or strong encryption */
    int ambiguous;            /* refused: tools would read the archive differently */
    int duplicate_names;      /* refused: two entries of one name (OPC compares without case) */
} qb_zip_info;

/* Check a directory already walked. QB_OK when the layout is sane; QB_ERR_FORMAT (an
 * entry without its local header or past the end of the file), QB_ERR_UNSAFE
 * (overlapping entries, duplicate names), QB_ERR_LIMIT (size or ratio); e says why. */
qb_status qb_zip_check_dir(const qb_zip_dir *d, const qb_zip_limits *lim, qb_zip_info *info, qb_err *e);
/* Walk (zipwalk.h, max_entries from lim) and check. */
qb_status qb_zip_check(const char *path, const qb_zip_limits *lim, qb_zip_info *info, qb_err *e);

#endif
