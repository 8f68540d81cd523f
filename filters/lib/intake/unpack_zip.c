/* unpack_zip.c — the ZIP reader. Our own central-directory walk (zipwalk.h: one end
 * record, one reading) and its checks (zipcheck.h: overlapping entries, duplicate
 * names, entry count) first; then what libzip hides or guesses (LIBRARIES.md §3): the
 * raw name bytes and the UTF-8 flag (ZIP_FL_ENC_GUESS garbles GBK), Info-ZIP's Unicode
 * Path field 0x7075 (used only when its CRC matches the raw name), Unix modes
 * (symlinks), encryption bits, and the local header's own name (a central name that
 * differs from the local one is an entry two tools see differently). The data comes
 * from libzip by index, once libzip is seen to read the same entries as our walk; the
 * sink caps it at the declared size (libzip does not). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include "rar5scan.h"
#include "unpack_reader.h"
#include "zipcheck.h"
#include "zipwalk.h"

#define BLOCK 65536

/* What the reader needs beyond the walk: the decoded side names. */
typedef struct {
    char *uname;       /* from 0x7075, when its CRC matches */
    int local_differs; /* the local header names another file */
} zside;

typedef struct {
    qb_zip_dir dir;
    zside *side;
} zdir;

static uint16_t le16(const unsigned char *p) { return (uint16_t)(p[0] | p[1] << 8); }

static int pread_all(int fd, void *buf, size_t n, uint64_t off)
{
    return pread(fd, buf, n, (off_t)off) == (ssize_t)n;
}

static void zdir_free(zdir *d)
{
    for (size_t i = 0; d->side && i < d->dir.n; i++)
        free(d->side[i].uname);
    free(d->side);
    qb_zip_dir_free(&d->dir);
    d->side = NULL;
}

/* The side names of every entry of a walked directory. */
static qb_status zdir_names(zdir *d)
{
    d->side = calloc(d->dir.n ? d->dir.n : 1, sizeof *d->side);
    if (!d->side)
        return QB_ERR_NOMEM;
    qb_status st = QB_OK;
    for (size_t i = 0; i < d->dir.n && st == QB_OK; i++)
        st = qb_zip_entry_names(&d->dir, &d->dir.v[i], &d->side[i].uname, &d->side[i].local_differs);
    return st;
}

/* A damaged OOXML file still starts like one: its first local header names an OPC part. */
static int starts_like_ooxml(const char *path)
{
    static const char *const parts[] = {"[Content_Types].xml", "_rels/", "word/", "docProps/"};
    unsigned char lh[30 + 32];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    int ok = pread_all(fd, lh, sizeof lh, 0) && memcmp(lh, "PK\x03\x04", 4) == 0;
    close(fd);
    size_t nlen = ok ? le16(lh + 26) : 0;
    for (size_t i = 0; ok && i < sizeof parts / sizeof parts[0]; i++) {
        size_t pl = strlen(parts[i]);
        if (nlen >= pl && pl <= 32 && memcmp(lh + 30, parts[i], pl) == 0)
            return 1;
    }
    return 0;
}

int qb_zip_is_ooxml(const char *path)
{
    qb_zip_dir d;
    if (qb_zip_dir_read(path, 100000, &d, NULL) != QB_OK)
        return starts_like_ooxml(path);
    int yes = 0;
    for (size_t i = 0; i < d.n && !yes; i++)
        yes = d.v[i].nlen == 19 && memcmp(d.v[i].name, "[Content_Types].xml", 19) == 0;
    qb_zip_dir_free(&d);
    return yes;
}

static qb_kind kind_of(const qb_zip_entry *z)
{
    unsigned host = z->made_by >> 8;
    if (host == 3 || host == 19) { /* Unix, OS X: st_mode in the high 16 bits */
        unsigned mode = z->ext_attr >> 16, t = mode & 0170000;
        if (t == 0120000)
            return QB_KIND_LINK;
        if (t == 0040000)
            return QB_KIND_DIR;
        if (t != 0 && t != 0100000)
            return QB_KIND_OTHER;
    } else if ((host == 0 || host == 10 || host == 11) && (z->ext_attr & 0x400)) {
        return QB_KIND_LINK; /* NTFS reparse point */
    }
    if ((z->nlen > 0 && (z->name[z->nlen - 1] == '/' || z->name[z->nlen - 1] == '\\')) ||
        ((host == 0 || host == 11) && (z->ext_attr & 0x10)))
        return QB_KIND_DIR;
    return QB_KIND_FILE;
}

/* An encrypted central directory (PKWARE strong encryption) looks corrupt; the first
 * local header still says "encrypted". */
static int first_entry_encrypted(const char *path)
{
    unsigned char lh[30];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    int enc = fd >= 0 && pread_all(fd, lh, 30, 0) && memcmp(lh, "PK\x03\x04", 4) == 0 && (le16(lh + 6) & 0x41);
    if (fd >= 0)
        close(fd);
    return enc;
}

static void zip_read(qb_sink *s, const qb_read_job *job)
{
    const char *path = job->src->vols[0];
    const qb_unpack_limits *lim = qb_sink_limits(s);
    /* Ratio and total size are judged per entry by the sink (one odd member must not
     * sink the package); zipcheck here for layout, one reading, overlaps, duplicate
     * names (it refuses the whole archive for those: OPC rules) and the entry count. */
    qb_zip_limits zl = {.max_entries = lim->max_members, .max_total = 0, .max_ratio = 0};
    qb_zip_info zi = {0};
    qb_err e = {0};
    zdir d = {{0}, NULL};
    qb_status st = qb_zip_dir_read(path, zl.max_entries, &d.dir, &e);
    zi.ambiguous = d.dir.ambiguous;
    if (st == QB_OK)
        st = qb_zip_check_dir(&d.dir, &zl, &zi, &e);
    if (st != QB_OK) {
        zdir_free(&d);
        if (st == QB_ERR_FORMAT && !zi.ambiguous && first_entry_encrypted(path)) {
            qb_err_clear(&e);
            qb_err_set(&e, QB_ERR_ENCRYPTED, "压缩包已加密，无法读取，请去掉密码后重新提交",
                       "encrypted ZIP (central directory unreadable)");
            qb_sink_verdict(s, QB_ARC_ENCRYPTED, &e);
            return;
        }
        qb_sink_verdict(s, st == QB_ERR_FORMAT || st == QB_ERR_IO ? QB_ARC_FORMAT
                   : zi.duplicate_names                     ? QB_ARC_UNSAFE
                                                            : QB_ARC_TOO_LARGE, &e);
        return;
    }
    if (zdir_names(&d) != QB_OK) {
        zdir_free(&d);
        qb_err_status(&e, QB_ERR_NOMEM);
        qb_sink_verdict(s, QB_ARC_FORMAT, &e);
        return;
    }
    int err = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY, &err);
    if (!z) {
        zdir_free(&d);
        qb_err_set(&e, QB_ERR_FORMAT, "ZIP 压缩包已损坏，无法读取", "libzip cannot open it");
        qb_sink_verdict(s, QB_ARC_FORMAT, &e);
        return;
    }
    /* libzip's entry i is read as our entry i: only when both read one directory. */
    if (qb_zip_dir_agrees(z, &d.dir, &e) != QB_OK) {
        zip_discard(z);
        zdir_free(&d);
        qb_sink_verdict(s, QB_ARC_FORMAT, &e);
        return;
    }
    qb_err differs = {0};
    qb_err_set(&differs, QB_ERR_UNSAFE, "压缩包内记录的文件名前后不一致（不同软件会解出不同的文件）",
               "local and central names differ");
    char *buf = malloc(BLOCK);
    for (size_t i = 0; buf && i < d.dir.n && !qb_sink_stopped(s); i++) {
        const qb_zip_entry *ze = &d.dir.v[i];
        qb_entry_in in = {0};
        in.raw = (const char *)ze->name;
        in.raw_len = ze->nlen;
        in.utf8 = (ze->flags & 0x0800) != 0;
        in.uname = d.side[i].uname;
        in.kind = kind_of(ze);
        in.declared = ze->usize;
        in.packed = ze->csize;
        in.encrypted = (ze->flags & 0x41) || ze->method == 99;
        if (d.side[i].local_differs)
            in.unsafe = &differs;
        if (!qb_sink_begin(s, &in))
            continue;
        zip_file_t *f = zip_fopen_index(z, i, 0);
        if (!f) {
            qb_sink_end(s, 0, zip_error_strerror(zip_get_error(z)));
            continue;
        }
        zip_int64_t n;
        int ok = 1;
        while ((n = zip_fread(f, buf, BLOCK)) > 0)
            if (qb_sink_write(s, buf, (size_t)n) != QB_OK) {
                ok = -1;
                break;
            }
        if (ok >= 0)
            qb_sink_end(s, n == 0, n < 0 ? zip_error_strerror(zip_file_get_error(f)) : NULL);
        zip_fclose(f);
    }
    if (!buf) {
        qb_err_status(&e, QB_ERR_NOMEM);
        qb_sink_verdict(s, QB_ARC_FORMAT, &e);
    }
    free(buf);
    zip_discard(z);
    zdir_free(&d);
}

const qb_reader qb_reader_zip = {"zip", zip_read};
