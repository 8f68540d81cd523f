/* unpack_reader.h — the reader interface behind qb_unpack_source (internal to the
 * unpack*.c files). A reader runs inside the sandbox child, walks its source and
 * reports every entry to the sink; the sink decides, writes and records. Adding an
 * input format is one reader file and one line in unpack.c's choice of reader. */
#ifndef QB_UNPACK_READER_H
#define QB_UNPACK_READER_H

#include "err.h"
#include "rar5scan.h"
#include "unpack.h"

typedef struct qb_sink qb_sink;

/* One entry as the reader sees it. */
typedef struct {
    const char *raw;     /* name bytes as stored */
    size_t raw_len;
    int utf8;            /* the entry declares its name UTF-8 */
    const char *uname;   /* a UTF-8 name from a side channel the format defines (ZIP
                          * extra 0x7075, RAR4 Unicode field), preferred to raw; or NULL */
    qb_kind kind;
    uint64_t declared;   /* declared size, UINT64_MAX unknown */
    uint64_t packed;     /* stored (compressed) size, UINT64_MAX unknown */
    int encrypted;
    int has_crc;         /* crc is the CRC-32 the data must have (checked by the sink) */
    uint32_t crc;
    const qb_err *unsafe; /* a problem only the reader can see (the entry is skipped), or NULL */
} qb_entry_in;

/* Announce an entry. Returns 1 when the reader should stream its data (qb_sink_write
 * … then qb_sink_end), 0 when the entry is already recorded as skipped. */
int qb_sink_begin(qb_sink *s, const qb_entry_in *e);
/* QB_OK, or QB_ERR_LIMIT: stop reading this entry (the sink has recorded why). */
qb_status qb_sink_write(qb_sink *s, const void *buf, size_t n);
/* The data ended: ok nonzero when the reader saw no error; otherwise why_en says. */
void qb_sink_end(qb_sink *s, int ok, const char *why_en);
/* The archive-level verdict and its reason (the last one reported wins). */
void qb_sink_verdict(qb_sink *s, qb_arc_status st, const qb_err *why);
/* Nonzero once a total limit was hit: the reader should stop. */
int qb_sink_stopped(const qb_sink *s);
/* The limits in force (for readers that pass them on, e.g. to unar). */
const qb_unpack_limits *qb_sink_limits(const qb_sink *s);
/* Bytes the sink may still write. */
uint64_t qb_sink_room(const qb_sink *s);

typedef struct {
    const qb_unpack_src *src;
    const qb_rar_info *rar; /* our header walk of every volume, for RAR sources, else NULL */
    const char *workdir;    /* for a reader's scratch space (unar's private links) */
} qb_read_job;

typedef struct {
    const char *name;
    void (*read)(qb_sink *s, const qb_read_job *job);
} qb_reader;

extern const qb_reader qb_reader_zip;        /* unpack_zip.c */
extern const qb_reader qb_reader_libarchive; /* unpack_arc.c: RAR4, RAR5, 7z */
/* The libarchive reader this program has: linked in, or loaded from the archive
 * module (unpack_arc_module.c). */
const qb_reader *qb_reader_archive(void);
extern const qb_reader qb_reader_unar;       /* unpack_unar.c: second reader for RAR */
extern const qb_reader qb_reader_dir;        /* unpack_dir.c: a folder */
extern const qb_reader qb_reader_file;       /* unpack_dir.c: one file as a package */

/* Run one reader in the sandbox on job into workdir (qb_unpack_source picks the reader
 * and falls back; tests call this to drive a reader directly). On a crash or timeout
 * every file the run created is removed. Advances budget->next (the generated names);
 * bytes and members are charged by the caller. res must hold a result or zeros: what it
 * holds is freed first (the fallback reader reuses it). */
qb_status qb_unpack_run(const qb_reader *reader, const qb_read_job *job, const char *workdir,
                        qb_unpack_budget *budget, qb_unpack_result *res);

/* Remove unar's scratch folder from the work folder (after a crash or timeout too). */
void qb_unar_cleanup(const char *workdir);

/* Nonzero for a ZIP that is an OOXML package ([Content_Types].xml in its directory;
 * when the directory is unreadable, a first entry naming an OPC part): a .docx given
 * as the whole input is a document, not a package, even a damaged one (unpack_zip.c). */
int qb_zip_is_ooxml(const char *path);

#endif
