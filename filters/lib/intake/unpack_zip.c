/* unpack_zip.c — the ZIP reader. zipcheck.h first (overlapping entries, entry count);
 * then our own central-directory walk for what libzip hides or guesses (LIBRARIES.md
 * §3): the raw name bytes and the UTF-8 flag (ZIP_FL_ENC_GUESS garbles GBK), Info-ZIP's
 * Unicode Path field 0x7075 (used only when its CRC matches the raw name), Unix modes
 * (symlinks), encryption bits, and the local header's own name (a central name that
 * differs from the local one is an entry two tools see differently). The data comes
 * from libzip by index; the sink caps it at the declared size (libzip does not). */
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

#define BLOCK 65536
#define MAX_CD (64u << 20)

typedef struct {
    const unsigned char *name;
    uint16_t nlen, flags, method, made_by;
    uint32_t ext_attr;
    uint64_t csize, usize, loff;
    char *uname;       /* from 0x7075, when its CRC matches */
    int local_differs; /* the local header names another file */
} zent;

typedef struct {
    unsigned char *cd;
    zent *v;
    size_t n;
} zdir;

static uint16_t le16(const unsigned char *p) { return (uint16_t)(p[0] | p[1] << 8); }
static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static uint64_t le64(const unsigned char *p) { return le32(p) | (uint64_t)le32(p + 4) << 32; }

static int pread_all(int fd, void *buf, size_t n, uint64_t off)
{
    return pread(fd, buf, n, (off_t)off) == (ssize_t)n;
}

static void zdir_free(zdir *d)
{
    for (size_t i = 0; i < d->n; i++)
        free(d->v[i].uname);
    free(d->v);
    free(d->cd);
    memset(d, 0, sizeof *d);
}

/* ZIP64 sizes and offset (extra 0x0001) of a central record. */
static void zip64(zent *e, const unsigned char *x, size_t xlen)
{
    const unsigned char *xe = x + xlen;
    while (xe - x >= 4) {
        uint16_t id = le16(x), sz = le16(x + 2);
        if ((size_t)(xe - x - 4) < sz)
            break;
        const unsigned char *q = x + 4, *qe = q + sz;
        if (id == 0x0001) {
            if (e->usize == 0xFFFFFFFF && qe - q >= 8) { e->usize = le64(q); q += 8; }
            if (e->csize == 0xFFFFFFFF && qe - q >= 8) { e->csize = le64(q); q += 8; }
            if (e->loff == 0xFFFFFFFF && qe - q >= 8) { e->loff = le64(q); }
        }
        x += 4 + sz;
    }
}

/* The Unicode Path (extra 0x7075) in x, when its CRC is that of one of the two raw
 * names (the spec says this header's own; writers that changed only the local or only
 * the central name exist, libarchive's test files among them). NULL when absent. */
static char *upath(const unsigned char *x, size_t xlen, const unsigned char *n1, size_t l1,
                   const unsigned char *n2, size_t l2)
{
    const unsigned char *xe = x + xlen;
    while (xe - x >= 4) {
        uint16_t id = le16(x), sz = le16(x + 2);
        if ((size_t)(xe - x - 4) < sz)
            break;
        const unsigned char *q = x + 4;
        if (id == 0x7075 && sz >= 5 && q[0] == 1) {
            uint32_t crc = le32(q + 1);
            if (crc == qb_crc32(0, n1, l1) || (n2 && crc == qb_crc32(0, n2, l2)))
                return qb_strndup((const char *)q + 5, sz - 5u);
        }
        x += 4 + sz;
    }
    return NULL;
}

/* The name an entry goes by: the Unicode Path when there is one, else the raw bytes. */
static int same_effective(const char *u1, const unsigned char *r1, size_t l1, const char *u2,
                          const unsigned char *r2, size_t l2)
{
    if (u1 && u2)
        return strcmp(u1, u2) == 0;
    if (u1)
        return strlen(u1) == l2 && memcmp(u1, r2, l2) == 0;
    if (u2)
        return strlen(u2) == l1 && memcmp(u2, r1, l1) == 0;
    return l1 == l2 && memcmp(r1, r2, l1) == 0;
}

/* Walk the central directory. QB_ERR_FORMAT on anything that does not add up. */
static qb_status zdir_read(const char *path, uint64_t max_entries, zdir *d)
{
    memset(d, 0, sizeof *d);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return QB_ERR_IO;
    struct stat sb;
    qb_status st = QB_ERR_FORMAT;
    unsigned char *tail = NULL;
    if (fstat(fd, &sb) != 0 || sb.st_size < 22)
        goto out;
    uint64_t fsize = (uint64_t)sb.st_size;
    size_t tlen = fsize < 65557 ? (size_t)fsize : 65557;
    if (!(tail = malloc(tlen)) || !pread_all(fd, tail, tlen, fsize - tlen))
        goto out;
    long eocd = -1;
    for (long i = (long)tlen - 22; i >= 0 && eocd < 0; i--)
        if (memcmp(tail + i, "PK\x05\x06", 4) == 0)
            eocd = i;
    if (eocd < 0)
        goto out;
    const unsigned char *e = tail + eocd;
    uint64_t n = le16(e + 10), cdsize = le32(e + 12), cdoff = le32(e + 16);
    uint64_t eocd_pos = fsize - tlen + (uint64_t)eocd;
    if (n == 0xFFFF || cdsize == 0xFFFFFFFF || cdoff == 0xFFFFFFFF) {
        unsigned char loc[20], rec[56];
        if (eocd_pos < 20 || !pread_all(fd, loc, 20, eocd_pos - 20) ||
            memcmp(loc, "PK\x06\x07", 4) != 0 || !pread_all(fd, rec, 56, le64(loc + 8)) ||
            memcmp(rec, "PK\x06\x06", 4) != 0)
            goto out;
        n = le64(rec + 32);
        cdsize = le64(rec + 40);
        cdoff = le64(rec + 48);
    }
    if (cdoff > fsize || cdsize > fsize - cdoff || cdsize > MAX_CD || n > max_entries ||
        n > cdsize / 46 + 1)
        goto out;
    d->cd = malloc(cdsize ? cdsize : 1);
    d->v = calloc(n ? n : 1, sizeof *d->v);
    if (!d->cd || !d->v) {
        st = QB_ERR_NOMEM;
        goto out;
    }
    if (!pread_all(fd, d->cd, cdsize, cdoff))
        goto out;
    uint64_t pos = 0;
    for (uint64_t i = 0; i < n; i++) {
        if (pos + 46 > cdsize || memcmp(d->cd + pos, "PK\x01\x02", 4) != 0)
            goto out;
        const unsigned char *r = d->cd + pos;
        zent *z = &d->v[d->n];
        z->made_by = le16(r + 4);
        z->flags = le16(r + 8);
        z->method = le16(r + 10);
        z->csize = le32(r + 20);
        z->usize = le32(r + 24);
        z->nlen = le16(r + 28);
        uint16_t xlen = le16(r + 30), clen = le16(r + 32);
        z->ext_attr = le32(r + 38);
        z->loff = le32(r + 42);
        if (pos + 46 + z->nlen + xlen + clen > cdsize)
            goto out;
        z->name = r + 46;
        d->n++;
        const unsigned char *x = r + 46 + z->nlen;
        zip64(z, x, xlen);
        /* The local header: its name (and Unicode Path) must give the same name as the
         * central record, unless bit 13 says the local header is masked. */
        unsigned char lh[30];
        unsigned char *local = NULL;
        uint16_t ln = 0, lx = 0;
        if (z->loff < fsize && pread_all(fd, lh, 30, z->loff) && memcmp(lh, "PK\x03\x04", 4) == 0) {
            ln = le16(lh + 26);
            lx = le16(lh + 28);
            local = malloc((size_t)ln + lx + 1);
            if (!local) {
                st = QB_ERR_NOMEM;
                goto out;
            }
            if (!pread_all(fd, local, (size_t)ln + lx, z->loff + 30)) {
                free(local);
                local = NULL;
            }
        }
        z->uname = upath(x, xlen, z->name, z->nlen, local, ln);
        if (local && !(z->flags & 0x2000)) {
            char *lu = upath(local + ln, lx, local, ln, z->name, z->nlen);
            z->local_differs = !same_effective(z->uname, z->name, z->nlen, lu, local, ln);
            free(lu);
        }
        free(local);
        pos += 46 + (uint64_t)z->nlen + xlen + clen;
    }
    st = QB_OK;
out:
    free(tail);
    close(fd);
    if (st != QB_OK)
        zdir_free(d);
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
    zdir d;
    if (zdir_read(path, 100000, &d) != QB_OK)
        return starts_like_ooxml(path);
    int yes = 0;
    for (size_t i = 0; i < d.n && !yes; i++)
        yes = d.v[i].nlen == 19 && memcmp(d.v[i].name, "[Content_Types].xml", 19) == 0;
    zdir_free(&d);
    return yes;
}

/* zipcheck's English reason, for the secretary. */
static const char *check_zh(qb_status st, const char *why)
{
    if (st == QB_ERR_UNSAFE && strstr(why, "same name"))
        return "压缩包中有同名的文件，无法确定以哪个为准，请重新打包后提交";
    if (st == QB_ERR_UNSAFE)
        return "ZIP 结构异常：多个条目共用同一段数据（疑似“压缩炸弹”）";
    if (strstr(why, "too many"))
        return "压缩包中的文件数量超过上限";
    if (strstr(why, "ratio"))
        return "压缩比异常（疑似“压缩炸弹”）";
    if (strstr(why, "size too large"))
        return "解压后的总大小超过上限";
    if (strstr(why, "multi-disk"))
        return "这是分卷（多磁盘）ZIP，无法读取，请合并为一个压缩包后重新提交";
    if (strstr(why, "truncated"))
        return "ZIP 压缩包不完整（文件被截断），请重新打包提交";
    return "ZIP 压缩包已损坏，无法读取";
}

static qb_kind kind_of(const zent *z)
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

static void zip_read(qb_sink *s, const qb_read_job *job)
{
    const char *path = job->src->vols[0];
    const qb_unpack_limits *lim = qb_sink_limits(s);
    /* Ratio and total size are judged per entry by the sink (one odd member must not
     * sink the package); zipcheck here for layout, overlaps, duplicate names (it
     * refuses the whole archive for those: OPC rules) and the entry count. */
    qb_zip_limits zl = {.max_entries = lim->max_members, .max_total = 0, .max_ratio = 0};
    qb_zip_info zi;
    qb_status st = qb_zip_check(path, &zl, &zi);
    if (st != QB_OK) {
        if (st == QB_ERR_FORMAT) {
            /* An encrypted central directory (PKWARE strong encryption) looks corrupt;
             * the first local header still says "encrypted". */
            unsigned char lh[30];
            int fd = open(path, O_RDONLY | O_CLOEXEC);
            int enc = fd >= 0 && pread_all(fd, lh, 30, 0) && memcmp(lh, "PK\x03\x04", 4) == 0 &&
                      (le16(lh + 6) & 0x41);
            if (fd >= 0)
                close(fd);
            if (enc) {
                qb_sink_verdict(s, QB_ARC_ENCRYPTED, "压缩包已加密，无法读取，请去掉密码后重新提交",
                                "encrypted ZIP (central directory unreadable)");
                return;
            }
        }
        qb_arc_status v = st == QB_ERR_FORMAT || st == QB_ERR_IO ? QB_ARC_FORMAT
                          : st == QB_ERR_UNSAFE && strstr(zi.why, "same name") ? QB_ARC_UNSAFE
                                                                              : QB_ARC_TOO_LARGE;
        qb_sink_verdict(s, v, check_zh(st, zi.why), zi.why);
        return;
    }
    zdir d;
    if ((st = zdir_read(path, lim->max_members, &d)) != QB_OK) {
        qb_sink_verdict(s, QB_ARC_FORMAT, "ZIP 压缩包已损坏，无法读取", "corrupt central directory");
        return;
    }
    int err = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY, &err);
    if (!z || zip_get_num_entries(z, 0) != (zip_int64_t)d.n) {
        if (z)
            zip_discard(z);
        zdir_free(&d);
        qb_sink_verdict(s, QB_ARC_FORMAT, "ZIP 压缩包已损坏，无法读取", "libzip cannot open it");
        return;
    }
    char *buf = malloc(BLOCK);
    for (size_t i = 0; buf && i < d.n && !qb_sink_stopped(s); i++) {
        const zent *e = &d.v[i];
        qb_entry_in in = {0};
        in.raw = (const char *)e->name;
        in.raw_len = e->nlen;
        in.utf8 = (e->flags & 0x0800) != 0;
        in.uname = e->uname;
        in.kind = kind_of(e);
        in.declared = e->usize;
        in.packed = e->csize;
        in.encrypted = (e->flags & 0x41) || e->method == 99;
        if (e->local_differs) {
            in.unsafe_zh = "压缩包内记录的文件名前后不一致（不同软件会解出不同的文件）";
            in.unsafe_en = "local and central names differ";
        }
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
    if (!buf)
        qb_sink_verdict(s, QB_ARC_FORMAT, "内存不足", "out of memory");
    free(buf);
    zip_discard(z);
    zdir_free(&d);
}

const qb_reader qb_reader_zip = {"zip", zip_read};
