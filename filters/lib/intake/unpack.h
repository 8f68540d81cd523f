/* unpack.h — reading one archive (or folder, or single file) into a work folder, safely.
 *
 * Shape (STYLE.md, "one interface, many formats"): every input kind is a reader behind
 * the same small table (unpack_reader.h); a reader walks its entries and hands each to
 * a sink, which decides from the entry's decoded name, type and sizes whether to take
 * it, writes accepted regular files under generated names (0001.docx …) in the work
 * folder, counts the bytes it actually writes and hashes them. Nothing is ever created
 * under an archive-supplied path, no directory or link is ever created.
 *
 * Every reader runs in a forked child (qb_sandbox_run) with setrlimit limits (CPU,
 * address space, file size, no core) and a wall-clock deadline, because libarchive on
 * Debian 12 can SIGSEGV on a public RAR5 sample (LIBRARIES.md §2a). The child streams
 * one record per entry through a pipe, so whatever it did before a crash is known and
 * its partial file is removed. The caller must be single-threaded when calling in.
 *
 * Package-level meaning (roles, required documents, findings) is package.h's job; this
 * layer reports, per entry, what happened and why, and per archive an overall verdict. */
#ifndef QB_UNPACK_H
#define QB_UNPACK_H

#include <stddef.h>
#include <stdint.h>

#include "edition.h"
#include "err.h"
#include "qb.h"
#include "sniff.h"

/* Safety limits; qb_unpack_limits_from_edition fills them from [package]. */
typedef struct {
    uint64_t max_size;     /* package bytes on disk (all volumes) */
    uint64_t max_unpacked; /* bytes written for all members together (nested included) */
    uint64_t max_members;  /* entries of every kind, nested included */
    uint64_t max_ratio;    /* declared size / packed size, for members over 1 MiB */
    int max_depth;         /* archives inside the package unpacked this many levels */
    int max_seconds;       /* wall clock for the whole package */
} qb_unpack_limits;

void qb_unpack_limits_from_edition(const qb_edition *ed, qb_unpack_limits *lim);

typedef enum { QB_KIND_FILE = 0, QB_KIND_DIR, QB_KIND_LINK, QB_KIND_OTHER } qb_kind;

/* What became of an entry. */
typedef enum {
    QB_OUT_OK = 0,    /* written: stored, size and sha256 are set */
    QB_OUT_UNSAFE,    /* link, device, absolute path, "..", undecodable name: skipped */
    QB_OUT_ENCRYPTED, /* needs a password: skipped */
    QB_OUT_TOO_LARGE, /* over a size or ratio limit: skipped (or cut off and removed) */
    QB_OUT_BROKEN     /* the data could not be read, or is not what the header says */
} qb_outcome;

typedef struct {
    char *name;        /* decoded UTF-8 name, '/'-separated; NULL when undecodable */
    char *raw_hex;     /* the name's bytes as stored, hex */
    char *stored;      /* file name inside the work folder ("0003.docx"), or NULL */
    qb_kind kind;
    qb_outcome outcome;
    uint64_t declared; /* declared size, UINT64_MAX when unknown */
    uint64_t size;     /* bytes written */
    char sha256[65];   /* of the bytes written, "" when not written */
    char *why_zh, *why_en; /* reason for an outcome other than OK */
} qb_entry;

/* Overall verdict on an archive. */
typedef enum {
    QB_ARC_OK = 0,
    QB_ARC_FORMAT,     /* corrupt, truncated, unreadable, incomplete volume set */
    QB_ARC_ENCRYPTED,  /* encrypted headers: nothing can be listed */
    QB_ARC_TOO_LARGE,  /* a total limit (bytes, members, bomb) stopped it */
    QB_ARC_UNSAFE,     /* a layout that tools read differently (duplicate ZIP names) */
    QB_ARC_TIMEOUT,    /* the deadline passed */
    QB_ARC_CRASHED,    /* the reader died on a signal (the child; we did not) */
    QB_ARC_UNSUPPORTED /* the reader cannot do this variant (RAR4 solid in libarchive) */
} qb_arc_status;

typedef struct {
    qb_entry *v;
    size_t n, cap;
    qb_arc_status status;
    char *why_zh, *why_en;
    const char *reader;   /* name of the reader that produced the result */
    uint64_t written;     /* bytes written, all entries */
    uint64_t members;     /* entries seen (of every kind) */
} qb_unpack_result;

/* A source to read: one or more volumes of one archive, a folder, or a single file. */
typedef struct {
    qb_format fmt;        /* by signature; QB_FMT_UNKNOWN for a folder */
    const char *const *vols; /* NULL-terminated, in order; vols[0] is the input */
    int is_dir;
    const char *display;  /* name of a single-file source inside the package */
} qb_unpack_src;

/* Budget shared by nested archives: what is left to write and to count, and the
 * deadline (CLOCK_MONOTONIC seconds). next is the number of the next generated name. */
typedef struct {
    uint64_t unpacked_left, members_left;
    double deadline;
    unsigned next;
    const qb_unpack_limits *lim;
} qb_unpack_budget;

/* Read src into workdir (which must exist). QB_OK whenever the reading could be tried
 * (the verdict is in res->status and the entries); QB_ERR_IO / QB_ERR_NOMEM when the
 * work folder or the process machinery failed. Falls back from libarchive to unar for
 * what libarchive cannot read (RAR4 solid, a crash). Updates the budget. */
qb_status qb_unpack_source(const qb_unpack_src *src, const char *workdir,
                           qb_unpack_budget *budget, qb_unpack_result *res);
void qb_unpack_result_free(qb_unpack_result *res);

/* ---- multi-volume sets ------------------------------------------------------ */

/* Given the first volume (x.part1.rar, x.part01.rar, x.part0001.rar, or x.rar of an
 * old-style x.rar/x.r00/x.r01 set), the sorted, complete list of volumes (NULL-
 * terminated; caller frees with qb_volumes_free). A single-volume archive gives a list
 * of one. QB_ERR_FORMAT with e set (e may be NULL) when the set is incomplete or the
 * input is not its first volume. */
qb_status qb_volumes_collect(const char *path, char ***vols, qb_err *e);
void qb_volumes_free(char **vols);
/* Nonzero when path is a later volume of a set (x.part2.rar, x.r00 …): a batch over an
 * inbox processes the set once, through its first volume. */
int qb_volume_is_continuation(const char *path);

/* ---- the sandbox ---------------------------------------------------------------- */

typedef enum { QB_CHILD_EXITED = 0, QB_CHILD_SIGNALED, QB_CHILD_TIMEOUT } qb_child_end;

/* Run fn(arg, fd) in a forked child with limits (CPU seconds, address space, file
 * size) and a wall-clock deadline; fd is a pipe the child writes to, and on_data is
 * called in the parent with every chunk read from it. The child's exit status (or
 * signal) is returned in *code. Used by qb_unpack_source; exposed for tests. */
typedef int (*qb_child_fn)(void *arg, int fd);
typedef void (*qb_child_data)(void *ctx, const char *buf, size_t n);
typedef struct {
    int cpu_seconds;
    uint64_t fsize;        /* RLIMIT_FSIZE, 0 = unchanged */
    uint64_t address_space;/* RLIMIT_AS, 0 = unchanged (ignored under ASan) */
    double deadline;       /* CLOCK_MONOTONIC seconds */
} qb_child_limits;
qb_status qb_sandbox_run(qb_child_fn fn, void *arg, const qb_child_limits *lim,
                         qb_child_data on_data, void *ctx, qb_child_end *end, int *code);

/* CLOCK_MONOTONIC now, in seconds. */
double qb_now(void);

#endif
