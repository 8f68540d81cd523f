/* rar5scan.h — our own walk of RAR5 and RAR4 block headers (LIBRARIES.md §2b, §2f).
 *
 * libarchive does not report RAR5 encryption (a stored encrypted entry comes back as
 * ciphertext with no error), returns GBK RAR4 names with 0x5C already turned into '/',
 * and says nothing about volumes. This walk reads only headers, never data: per entry
 * the raw name bytes, sizes, directory / link / encryption / split flags; per volume
 * the volume, first-volume, solid and header-encryption flags and whether the end
 * block says another volume follows. Header CRCs are checked; the walk stops at the
 * first bad or truncated header and says so. */
#ifndef QB_RAR5SCAN_H
#define QB_RAR5SCAN_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "qb.h"
#include "sniff.h"

typedef struct {
    char *raw;             /* name bytes as stored (NUL-terminated for convenience) */
    size_t raw_len;
    char *uname;           /* the name in UTF-8 when the header says what it is (RAR5
                            * names; RAR4 names with the Unicode flag, decoded), else NULL */
    int dir, link;         /* link: symlink, hard link, junction, file copy (RAR5 redirection) */
    int encrypted;         /* RAR5 encryption record / RAR4 flag 0x0004 */
    int solid;             /* depends on the previous entry's dictionary */
    int split_before, split_after; /* continues from / into another volume */
    unsigned host_os;      /* RAR5: 0 Windows 1 Unix; RAR4: 0 DOS 2 Win32 3 Unix … */
    uint64_t attr;
    uint64_t unpacked;     /* declared unpacked size */
    uint64_t packed;       /* data bytes in this volume */
    int size_unknown;      /* RAR5 file flag 0x08 */
    int has_crc;           /* crc holds the CRC-32 of the unpacked data */
    uint32_t crc;          /* (of a split file: the last part's, which covers the whole) */
} qb_rar_entry;

typedef struct {
    qb_format fmt;         /* QB_FMT_RAR4 or QB_FMT_RAR5 (QB_FMT_UNKNOWN: not a RAR) */
    int volume;            /* part of a multi-volume set */
    int first_volume;      /* RAR4 flag 0x0100; RAR5: no volume number field */
    unsigned volume_number;/* RAR5 volume number field (0 for the first) */
    int new_naming;        /* RAR4 flag 0x0010: name.partN.rar rather than name.rNN */
    int solid;             /* archive-level solid flag */
    int header_encrypted;  /* RAR5 block type 4 / RAR4 main flag 0x0080 */
    int locked;
    int end_seen;          /* an end-of-archive block was found */
    int more_volumes;      /* the end block says another volume follows */
    int damaged;           /* bad header CRC, impossible field or truncated header */
    qb_err err;            /* why it is damaged (the first damage found) */
    qb_rar_entry *v;       /* file entries in header order (service headers left out) */
    size_t n, cap;
} qb_rar_info;

/* Walk the headers of one RAR file (one volume). QB_OK even when the archive is
 * damaged (info->damaged says so; the entries before the damage are kept);
 * QB_ERR_FORMAT when it is not a RAR at all; QB_ERR_IO; QB_ERR_NOMEM. At most
 * max_entries file headers are kept (0: 1,000,000). */
qb_status qb_rar_scan(const char *path, size_t max_entries, qb_rar_info *info);
void qb_rar_info_free(qb_rar_info *info);

/* The entry a reader's idx-th entry named name corresponds to: the idx-th when the names
 * agree (separators '/' and '\\' alike), else the first entry of that name; NULL if none. */
const qb_rar_entry *qb_rar_find(const qb_rar_info *info, size_t idx, const char *name);

/* The zlib/PKZIP CRC-32 (RAR header and data checksums). Start with crc = 0. */
uint32_t qb_crc32(uint32_t crc, const void *buf, size_t n);

#endif
