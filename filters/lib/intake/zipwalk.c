/* zipwalk.c — the one central-directory walk (zipwalk.h). */
#define _GNU_SOURCE
#include "zipwalk.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rar5scan.h" /* qb_crc32 */

#define TAIL 65557u        /* an end record (22) and the longest comment (65535) */
#define SCAN_BLOCK (1u << 20)
#define MAX_SUSPECTS 8     /* earlier end records worth a full walk before we give up */

/* The reasons every reader of a ZIP gives (Chinese for the applicant). */
#define ZH_CORRUPT "ZIP 压缩包已损坏，无法读取"

static uint16_t le16(const unsigned char *p) { return (uint16_t)(p[0] | p[1] << 8); }
static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static uint64_t le64(const unsigned char *p) { return le32(p) | (uint64_t)le32(p + 4) << 32; }

static int read_at(int fd, void *buf, size_t n, uint64_t off)
{
    return pread(fd, buf, n, (off_t)off) == (ssize_t)n;
}

/* What an end record at pos says. */
typedef struct {
    uint64_t pos, n, cdsize, cdoff, clen;
    uint64_t cd_end; /* where the directory must end: the end record or its ZIP64 record */
} endrec;

/* Read the end record at pos (rec: its 22 bytes), following ZIP64 whenever a locator
 * precedes it, as libzip does (not only when the end record's fields are saturated):
 * fields the end record does give must then say the same, or two tools read two
 * directories (*ambiguous). */
static qb_status end_read(int fd, uint64_t fsize, uint64_t pos, const unsigned char *rec, endrec *r,
                          int *ambiguous, qb_err *e)
{
    memset(r, 0, sizeof *r);
    r->pos = r->cd_end = pos;
    if (le16(rec + 4) != 0 || le16(rec + 6) != 0)
        return qb_err_set(e, QB_ERR_FORMAT, "这是分卷（多磁盘）ZIP，无法读取，请合并为一个压缩包后重新提交",
                          "multi-disk (spanned) ZIP archives are not supported");
    r->n = le16(rec + 10);
    r->cdsize = le32(rec + 12);
    r->cdoff = le32(rec + 16);
    r->clen = le16(rec + 20);
    int saturated = r->n == 0xFFFF || r->cdsize == 0xFFFFFFFF || r->cdoff == 0xFFFFFFFF;
    /* ZIP64: the locator just before the end record points at the ZIP64 record. */
    unsigned char loc[20], z[56];
    int located = pos >= 20 && read_at(fd, loc, 20, pos - 20) && memcmp(loc, "PK\x06\x07", 4) == 0;
    int zip64 = located && le64(loc + 8) <= fsize && read_at(fd, z, 56, le64(loc + 8)) &&
                memcmp(z, "PK\x06\x06", 4) == 0;
    if (saturated && !zip64)
        return qb_err_set(e, QB_ERR_FORMAT, ZH_CORRUPT, "invalid ZIP64 end of central directory");
    if (zip64) {
        uint64_t n = le64(z + 32), cdsize = le64(z + 40), cdoff = le64(z + 48);
        if ((r->n != 0xFFFF && r->n != n) || (r->cdsize != 0xFFFFFFFF && r->cdsize != cdsize) ||
            (r->cdoff != 0xFFFFFFFF && r->cdoff != cdoff)) {
            if (ambiguous)
                *ambiguous = 1;
            return qb_err_set(e, QB_ERR_FORMAT,
                              "ZIP 压缩包的目录在不同的解压软件中读法不一致（ZIP64 结束记录与结束记录指向不同的目录），不同的软件会读出不同的文件，已拒绝；请重新打包后提交",
                              "the ZIP64 end record names another directory than the end record: tools would read different files");
        }
        r->n = n;
        r->cdsize = cdsize;
        r->cdoff = cdoff;
        r->cd_end = le64(loc + 8);
    }
    if (r->cdoff > fsize || r->cdsize > fsize - r->cdoff || r->cdsize > QB_ZIP_MAX_CD)
        return qb_err_set(e, QB_ERR_FORMAT, ZH_CORRUPT, "central directory lies outside the file");
    return QB_OK;
}

/* Parse n central records out of cd[0..cdsize) into v (may be NULL: only check). */
static qb_status cd_parse(const unsigned char *cd, uint64_t cdsize, uint64_t n, qb_zip_entry *v, qb_err *e)
{
    uint64_t pos = 0;
    for (uint64_t i = 0; i < n; i++) {
        if (pos + 46 > cdsize || memcmp(cd + pos, "PK\x01\x02", 4) != 0)
            return qb_err_set(e, QB_ERR_FORMAT, ZH_CORRUPT, "corrupt central directory record");
        const unsigned char *r = cd + pos;
        uint16_t nlen = le16(r + 28), xlen = le16(r + 30), clen = le16(r + 32);
        if (pos + 46 + nlen + xlen + clen > cdsize)
            return qb_err_set(e, QB_ERR_FORMAT, ZH_CORRUPT, "corrupt central directory record");
        if (v) {
            qb_zip_entry *z = &v[i];
            z->made_by = le16(r + 4);
            z->flags = le16(r + 8);
            z->method = le16(r + 10);
            z->crc = le32(r + 16);
            z->csize = le32(r + 20);
            z->usize = le32(r + 24);
            z->ext_attr = le32(r + 38);
            z->loff = le32(r + 42);
            z->name = r + 46;
            z->nlen = nlen;
            z->extra = r + 46 + nlen;
            z->xlen = xlen;
            /* ZIP64 extended information (extra 0x0001): only the saturated fields, in order */
            const unsigned char *x = z->extra, *xe = x + xlen;
            while (xe - x >= 4) {
                uint16_t id = le16(x), sz = le16(x + 2);
                if ((size_t)(xe - x - 4) < sz)
                    break;
                const unsigned char *q = x + 4, *qe = q + sz;
                if (id == 0x0001) {
                    if (z->usize == 0xFFFFFFFF && qe - q >= 8) { z->usize = le64(q); q += 8; }
                    if (z->csize == 0xFFFFFFFF && qe - q >= 8) { z->csize = le64(q); q += 8; }
                    if (z->loff == 0xFFFFFFFF && qe - q >= 8) { z->loff = le64(q); }
                }
                x += 4 + sz;
            }
        }
        pos += 46 + (uint64_t)nlen + xlen + clen;
    }
    return QB_OK;
}

/* Is the end record at pos (other than the one we read) one a tool could take? Its
 * directory must be where it says and read whole. shifted_ok: or just before it, as
 * unzip reads a ZIP with bytes in front — only for a record at the very end of the
 * file (every stored ZIP member has its directory just before its end record). */
static int end_valid(int fd, uint64_t fsize, uint64_t pos, int shifted_ok, int *suspects)
{
    unsigned char rec[22];
    endrec r;
    if (fsize - pos < 22 || !read_at(fd, rec, 22, pos) || le16(rec + 8) != le16(rec + 10) ||
        end_read(fd, fsize, pos, rec, &r, NULL, NULL) != QB_OK || r.n == 0)
        return 0; /* an empty directory is nothing another tool would prefer */
    uint64_t at[2] = {r.cdoff, r.cd_end >= r.cdsize ? r.cd_end - r.cdsize : UINT64_MAX};
    for (int k = 0; k < 1 + shifted_ok; k++) {
        unsigned char sig[4];
        if (at[k] == UINT64_MAX || (k == 1 && at[1] == at[0]) || r.cdsize > r.cd_end ||
            at[k] + r.cdsize > r.cd_end || !read_at(fd, sig, 4, at[k]) || memcmp(sig, "PK\x01\x02", 4) != 0)
            continue;
        if (++*suspects > MAX_SUSPECTS)
            return 1; /* so many look-alikes are not an accident */
        unsigned char *cd = malloc(r.cdsize ? r.cdsize : 1);
        int ok = cd && read_at(fd, cd, r.cdsize, at[k]) && cd_parse(cd, r.cdsize, r.n, NULL, NULL) == QB_OK;
        free(cd);
        if (ok)
            return 1;
    }
    return 0;
}

/* Another end record anywhere in [0, limit) that a tool could read: -1 none, else its
 * position; -2 when the file cannot be read. */
static int64_t other_end(int fd, uint64_t fsize, uint64_t limit, uint64_t skip)
{
    unsigned char *buf = malloc(SCAN_BLOCK + 3);
    if (!buf)
        return -2;
    int suspects = 0;
    int64_t found = -1;
    for (uint64_t off = 0; off < limit && found == -1;) {
        size_t want = limit - off < SCAN_BLOCK + 3 ? (size_t)(limit - off) : SCAN_BLOCK + 3;
        if (!read_at(fd, buf, want, off)) {
            found = -2;
            break;
        }
        for (size_t i = 0; i + 4 <= want && found == -1;) {
            const unsigned char *p = memmem(buf + i, want - i, "PK\x05\x06", 4);
            if (!p)
                break;
            uint64_t pos = off + (uint64_t)(p - buf);
            if (pos != skip && end_valid(fd, fsize, pos, 0, &suspects))
                found = (int64_t)pos;
            i = (size_t)(p - buf) + 1;
        }
        if (want < SCAN_BLOCK + 3)
            break;
        off += SCAN_BLOCK; /* the 3 bytes of overlap catch a signature across blocks */
    }
    free(buf);
    return found;
}

/* Trailing bytes after the last end record: name what they are when we know it. */
static qb_status trailing(int fd, uint64_t at, uint64_t n, qb_zip_dir *d, qb_err *e)
{
    unsigned char head[8] = {0};
    size_t hn = n < sizeof head ? (size_t)n : sizeof head;
    d->ambiguous = 1;
    if (hn && read_at(fd, head, hn, at)) {
        if (hn >= 6 && memcmp(head, "Rar!\x1a\x07", 6) == 0)
            return qb_err_set(e, QB_ERR_FORMAT,
                              "这个文件是一个 ZIP 压缩包，后面又附加了一个 RAR 压缩包，不同的解压软件会读出不同的文件，已拒绝；请只提交一个压缩包",
                              "a ZIP archive with a RAR archive appended: tools would read different files");
        if (hn >= 6 && memcmp(head, "7z\xBC\xAF\x27\x1C", 6) == 0)
            return qb_err_set(e, QB_ERR_FORMAT,
                              "这个文件是一个 ZIP 压缩包，后面又附加了一个 7z 压缩包，不同的解压软件会读出不同的文件，已拒绝；请只提交一个压缩包",
                              "a ZIP archive with a 7z archive appended: tools would read different files");
    }
    return qb_err_set(e, QB_ERR_FORMAT,
                      "ZIP 压缩包的结束记录之后还有 %llu 字节多余的数据，不同的解压软件可能读出不同的内容，已拒绝；请重新打包后提交",
                      "%llu bytes after the ZIP end record (beyond its comment): tools may read different files",
                      (unsigned long long)n);
}

/* The last end record in the final 64 KiB, as every tool but libzip takes it, and
 * that it is the only one. */
static qb_status find_end(qb_zip_dir *d, endrec *r, qb_err *e)
{
    int fd = d->fd;
    uint64_t fsize = d->fsize;
    size_t tlen = fsize < TAIL ? (size_t)fsize : TAIL;
    unsigned char *tail = malloc(tlen ? tlen : 1);
    if (!tail || !read_at(fd, tail, tlen, fsize - tlen)) {
        free(tail);
        return qb_err_set(e, QB_ERR_FORMAT, ZH_CORRUPT, "cannot read the end of the file");
    }
    long at = -1;
    for (long i = (long)tlen - 22; i >= 0 && at < 0; i--)
        if (memcmp(tail + i, "PK\x05\x06", 4) == 0)
            at = i;
    qb_status st = QB_OK;
    if (at < 0) {
        /* None near the end: a ZIP with something big after it, or not a ZIP at all. */
        int64_t o = other_end(fd, fsize, fsize, UINT64_MAX);
        unsigned char rec[22];
        if (o >= 0 && read_at(fd, rec, 22, (uint64_t)o))
            st = trailing(fd, (uint64_t)o + 22 + le16(rec + 20), fsize - ((uint64_t)o + 22 + le16(rec + 20)), d, e);
        else
            st = qb_err_set(e, QB_ERR_FORMAT, "ZIP 压缩包不完整（文件被截断），请重新打包提交",
                            "no end of central directory (truncated ZIP)");
        free(tail);
        return st;
    }
    uint64_t pos = fsize - tlen + (uint64_t)at;
    st = end_read(fd, fsize, pos, tail + at, r, &d->ambiguous, e);
    free(tail);
    if (st != QB_OK)
        return st;
    if (pos + 22 + r->clen < fsize)
        return trailing(fd, pos + 22 + r->clen, fsize - (pos + 22 + r->clen), d, e);
    int64_t o = other_end(fd, fsize, fsize, pos);
    if (o == -2)
        return qb_err_set(e, QB_ERR_IO, "文件无法读取", "cannot read the file");
    if (o >= 0) {
        d->ambiguous = 1;
        return qb_err_set(e, QB_ERR_FORMAT,
                          "ZIP 压缩包中有两个中央目录（结束记录在第 %lld 和第 %llu 字节），不同的解压软件会读出不同的文件，已拒绝；请重新打包后提交",
                          "two ZIP end records (at bytes %lld and %llu): tools would read different files",
                          (long long)o, (unsigned long long)pos);
    }
    return QB_OK;
}

qb_status qb_zip_dir_read(const char *path, uint64_t max_entries, qb_zip_dir *d, qb_err *e)
{
    memset(d, 0, sizeof *d);
    d->fd = open(path, O_RDONLY | O_CLOEXEC);
    if (d->fd < 0)
        return qb_err_set(e, QB_ERR_IO, ZH_CORRUPT, "cannot open file");
    struct stat sb;
    if (fstat(d->fd, &sb) != 0) {
        qb_zip_dir_free(d);
        return qb_err_set(e, QB_ERR_IO, ZH_CORRUPT, "cannot stat file");
    }
    d->fsize = (uint64_t)sb.st_size;
    endrec r;
    qb_status st = find_end(d, &r, e);
    if (st == QB_OK && max_entries && r.n > max_entries)
        st = qb_err_set(e, QB_ERR_LIMIT, "压缩包中的文件数量超过上限", "too many entries");
    if (st == QB_OK && r.n > r.cdsize / 46 + 1)
        st = qb_err_set(e, QB_ERR_FORMAT, ZH_CORRUPT, "corrupt central directory record");
    if (st == QB_OK) {
        d->cd = malloc(r.cdsize ? r.cdsize : 1);
        d->v = calloc(r.n ? r.n : 1, sizeof *d->v);
        if (!d->cd || !d->v)
            st = qb_err_status(e, QB_ERR_NOMEM);
        else if (!read_at(d->fd, d->cd, r.cdsize, r.cdoff))
            st = qb_err_set(e, QB_ERR_FORMAT, ZH_CORRUPT, "cannot read central directory");
        else if ((st = cd_parse(d->cd, r.cdsize, r.n, d->v, e)) == QB_OK)
            d->n = (size_t)r.n;
    }
    if (st != QB_OK) {
        int amb = d->ambiguous;
        qb_zip_dir_free(d);
        d->ambiguous = amb;
    }
    return st;
}

void qb_zip_dir_free(qb_zip_dir *d)
{
    if (d->fd >= 0)
        close(d->fd);
    free(d->cd);
    free(d->v);
    memset(d, 0, sizeof *d);
    d->fd = -1;
}

int qb_zip_local_header(const qb_zip_dir *d, const qb_zip_entry *z, unsigned char lh[30])
{
    return z->loff <= d->fsize && d->fsize - z->loff >= 30 && read_at(d->fd, lh, 30, z->loff) &&
           memcmp(lh, "PK\x03\x04", 4) == 0;
}

void qb_zip_entry_name(const qb_zip_entry *z, const unsigned char **name, size_t *len)
{
    *name = z->name;
    *len = z->nlen;
    const unsigned char *x = z->extra, *xe = x + z->xlen;
    while (xe - x >= 4) {
        uint16_t id = le16(x), sz = le16(x + 2);
        if ((size_t)(xe - x - 4) < sz)
            break;
        if (id == 0x7075 && sz >= 5 && x[4] == 1 && le32(x + 5) == qb_crc32(0, z->name, z->nlen)) {
            *name = x + 9;
            *len = sz - 5u;
            return;
        }
        x += 4 + sz;
    }
}

/* The Unicode Path (extra 0x7075) in x, when its CRC is that of one of the two raw
 * names. NULL when absent. */
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

qb_status qb_zip_entry_names(const qb_zip_dir *d, const qb_zip_entry *z, char **uname, int *local_differs)
{
    *uname = NULL;
    *local_differs = 0;
    unsigned char lh[30];
    unsigned char *local = NULL;
    uint16_t ln = 0, lx = 0;
    if (qb_zip_local_header(d, z, lh)) {
        ln = le16(lh + 26);
        lx = le16(lh + 28);
        local = malloc((size_t)ln + lx + 1);
        if (!local)
            return QB_ERR_NOMEM;
        if (!read_at(d->fd, local, (size_t)ln + lx, z->loff + 30)) {
            free(local);
            local = NULL;
        }
    }
    *uname = upath(z->extra, z->xlen, z->name, z->nlen, local, ln);
    if (local && !(z->flags & 0x2000)) {
        char *lu = upath(local + ln, lx, local, ln, z->name, z->nlen);
        *local_differs = !same_effective(*uname, z->name, z->nlen, lu, local, ln);
        free(lu);
    }
    free(local);
    return QB_OK;
}

qb_status qb_zip_dir_local_names(qb_zip_dir *d, qb_err *e)
{
    for (size_t i = 0; i < d->n; i++) {
        char *u;
        int differs;
        if (qb_zip_entry_names(d, &d->v[i], &u, &differs) != QB_OK)
            return qb_err_status(e, QB_ERR_NOMEM);
        free(u);
        if (differs) {
            d->ambiguous = 1;
            return qb_err_set(e, QB_ERR_FORMAT,
                              "压缩包内第 %zu 个文件记录的文件名前后不一致，不同的软件会读出不同的文件，已拒绝；请重新保存后提交",
                              "entry %zu: the local header names another file than the central directory", i + 1);
        }
    }
    return QB_OK;
}

/* libzip's name (a C string: it shows a NUL byte as a space) is ours. */
static int same_name(const unsigned char *lz, const unsigned char *ours, size_t len)
{
    if (strlen((const char *)lz) != len)
        return 0;
    for (size_t i = 0; i < len; i++)
        if (lz[i] != ours[i] && !(ours[i] == 0 && lz[i] == ' '))
            return 0;
    return 1;
}

qb_status qb_zip_dir_agrees(zip_t *z, const qb_zip_dir *d, qb_err *e)
{
#define ZH_DISAGREE "ZIP 压缩包的目录在不同的解压软件中读法不一致（%s%.0s），不同的软件会读出不同的文件，已拒绝；请重新打包后提交"
#define EN_DISAGREE "the ZIP directory reads differently in libzip and in our walk (%.0s%s)"
    zip_int64_t n = zip_get_num_entries(z, 0);
    if (n < 0 || (uint64_t)n != d->n)
        return qb_err_set(e, QB_ERR_FORMAT, ZH_DISAGREE, EN_DISAGREE, "文件数量不同", "a different number of entries");
    for (size_t i = 0; i < d->n; i++) {
        const qb_zip_entry *w = &d->v[i];
        zip_stat_t sb;
        zip_stat_init(&sb);
        const unsigned char *name;
        size_t len;
        qb_zip_entry_name(w, &name, &len);
        const char *what = NULL;
        if (zip_stat_index(z, i, ZIP_FL_ENC_RAW, &sb) != 0 || !(sb.valid & ZIP_STAT_NAME))
            what = "unreadable";
        else if (!same_name((const unsigned char *)sb.name, name, len))
            what = "name";
        else if (!(sb.valid & ZIP_STAT_SIZE) || sb.size != w->usize ||
                 !(sb.valid & ZIP_STAT_COMP_SIZE) || sb.comp_size != w->csize)
            what = "size";
        else if (!(sb.valid & ZIP_STAT_CRC) || sb.crc != w->crc)
            what = "CRC";
        if (what) {
            char zpos[64], epos[64];
            snprintf(zpos, sizeof zpos, "第 %zu 个文件的%s", i + 1,
                     what[0] == 'n' ? "文件名" : what[0] == 's' ? "大小" : what[0] == 'C' ? "校验值" : "信息");
            snprintf(epos, sizeof epos, "entry %zu: %s", i + 1, what);
            return qb_err_set(e, QB_ERR_FORMAT, ZH_DISAGREE, EN_DISAGREE, zpos, epos);
        }
    }
    return QB_OK;
}

int qb_zip_appended(const char *path)
{
    qb_zip_dir d;
    memset(&d, 0, sizeof d);
    d.fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat sb;
    if (d.fd < 0 || fstat(d.fd, &sb) != 0) {
        qb_zip_dir_free(&d);
        return 0;
    }
    d.fsize = (uint64_t)sb.st_size;
    size_t tlen = d.fsize < TAIL ? (size_t)d.fsize : TAIL;
    unsigned char *tail = malloc(tlen ? tlen : 1);
    int yes = 0;
    if (tail && read_at(d.fd, tail, tlen, d.fsize - tlen)) {
        int suspects = 0;
        for (long i = (long)tlen - 22; i >= 0 && !yes; i--)
            if (memcmp(tail + i, "PK\x05\x06", 4) == 0 && (uint64_t)i + 22 + le16(tail + i + 20) == tlen)
                yes = end_valid(d.fd, d.fsize, d.fsize - tlen + (uint64_t)i, 1, &suspects);
    }
    free(tail);
    qb_zip_dir_free(&d);
    return yes;
}
