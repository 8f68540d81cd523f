/* zipwalk.h — the one walk of a ZIP's central directory (security code: the layout
 * check of zipcheck.h, the package reader unpack_zip.c and the DOCX reader all stand
 * on it, so it changes in one place).
 *
 * One reading of every archive (issue 14): unzip, bsdtar and our walk take the last
 * end record, libzip 1.7 the first consistent one. So an archive must have exactly one
 * end record whose central directory reads (anywhere in the file, also one far from
 * the end that libzip's tail window does not see), nothing after it but its declared
 * comment, a ZIP64 record (followed whenever its locator is there, as libzip does) that
 * says what the end record says, and — once libzip has opened it — the same entries in
 * libzip as here (qb_zip_dir_agrees). Anything else is refused with QB_ERR_FORMAT and
 * dir->ambiguous. */
#ifndef QB_ZIPWALK_H
#define QB_ZIPWALK_H

#include <stddef.h>
#include <stdint.h>
#include <zip.h>

#include "err.h"
#include "qb.h"

#define QB_ZIP_MAX_CD (64u << 20) /* a central directory bigger than this is refused */

/* One central directory record, ZIP64 sizes and offset applied. Pointers are into
 * the directory's buffer. */
typedef struct {
    const unsigned char *name;
    size_t nlen;
    const unsigned char *extra; /* the central extra field */
    size_t xlen;
    uint16_t made_by, flags, method;
    uint32_t crc, ext_attr;
    uint64_t csize, usize, loff;
} qb_zip_entry;

typedef struct {
    int fd;            /* open on the archive until qb_zip_dir_free */
    uint64_t fsize;
    unsigned char *cd; /* the central directory as read */
    qb_zip_entry *v;
    size_t n;
    int ambiguous;     /* on failure: refused because tools would read it differently */
} qb_zip_dir;

/* Find the single end record (following ZIP64), read and parse the central directory.
 * QB_ERR_LIMIT over max_entries (0: no limit), QB_ERR_FORMAT for anything that does not
 * add up (e->zh / e->en say what, for the applicant), QB_ERR_IO, QB_ERR_NOMEM. On
 * failure d holds nothing to free but its ambiguous flag. */
qb_status qb_zip_dir_read(const char *path, uint64_t max_entries, qb_zip_dir *d, qb_err *e);
void qb_zip_dir_free(qb_zip_dir *d);

/* Read the 30-byte local header of z (its signature checked); 0 when there is none. */
int qb_zip_local_header(const qb_zip_dir *d, const qb_zip_entry *z, unsigned char lh[30]);

/* The name libzip gives entry z: the Info-ZIP Unicode Path (extra 0x7075) of the
 * central record when its CRC is that of the raw name, else the raw name. */
void qb_zip_entry_name(const qb_zip_entry *z, const unsigned char **name, size_t *len);

/* The names entry z goes by: *uname, the Info-ZIP Unicode Path (extra 0x7075) whose
 * CRC is that of the central or of the local raw name (writers that changed only one
 * exist; caller frees; NULL when none); *local_differs, when the local header names
 * another file than the central record (unless bit 13 masks it): a tool that reads
 * the local headers unpacks another file. QB_ERR_NOMEM. */
qb_status qb_zip_entry_names(const qb_zip_dir *d, const qb_zip_entry *z, char **uname, int *local_differs);
/* QB_ERR_FORMAT with a reason (and d->ambiguous) when some entry's local header names
 * another file: for a document, which has no entry to skip. */
qb_status qb_zip_dir_local_names(qb_zip_dir *d, qb_err *e);

/* libzip's reading of the archive against ours, entry by entry: count, name, sizes,
 * CRC (libzip shows no local header offset; with one end record both read the same
 * central directory, so the offsets are those). QB_ERR_FORMAT with a reason when they
 * differ: two programs would see two different archives. */
qb_status qb_zip_dir_agrees(zip_t *z, const qb_zip_dir *d, qb_err *e);

/* Nonzero when an archive of another kind (a RAR, a 7z) also ends like a ZIP: an end
 * record at the very end whose central directory is there (shifted or not, as unzip
 * reads a ZIP with bytes in front). Such a file is two archives in one. */
int qb_zip_appended(const char *path);

#endif
