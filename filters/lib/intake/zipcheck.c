/* zipcheck.c — central directory walk with overlap detection. */
#define _GNU_SOURCE
#include "zipcheck.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct {
    uint64_t start, end;
    const unsigned char *name; /* in the central directory buffer */
    uint16_t nlen;
} extent;

static uint16_t le16(const unsigned char *p) { return (uint16_t)(p[0] | p[1] << 8); }
static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static uint64_t le64(const unsigned char *p) { return le32(p) | (uint64_t)le32(p + 4) << 32; }

static int cmp_extent(const void *a, const void *b)
{
    const extent *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

/* OPC names compare without case, so "A.xml" and "a.xml" are duplicates too. */
static int cmp_name(const void *a, const void *b)
{
    const extent *x = a, *y = b;
    size_t n = x->nlen < y->nlen ? x->nlen : y->nlen;
    for (size_t i = 0; i < n; i++) {
        int cx = x->name[i] >= 'A' && x->name[i] <= 'Z' ? x->name[i] + 32 : x->name[i];
        int cy = y->name[i] >= 'A' && y->name[i] <= 'Z' ? y->name[i] + 32 : y->name[i];
        if (cx != cy)
            return cx - cy;
    }
    return (int)x->nlen - (int)y->nlen;
}

static int read_at(int fd, void *buf, size_t n, uint64_t off)
{
    ssize_t r = pread(fd, buf, n, (off_t)off);
    return r == (ssize_t)n;
}

static qb_status fail(qb_zip_info *info, qb_status st, const char *why)
{
    snprintf(info->why, sizeof info->why, "%s", why);
    return st;
}

qb_status qb_zip_check(const char *path, const qb_zip_limits *lim, qb_zip_info *info)
{
    memset(info, 0, sizeof *info);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return fail(info, QB_ERR_IO, "cannot open file");
    struct stat sb;
    if (fstat(fd, &sb) != 0) {
        close(fd);
        return fail(info, QB_ERR_IO, "cannot stat file");
    }
    uint64_t fsize = (uint64_t)sb.st_size;
    qb_status st = QB_OK;
    unsigned char *tail = NULL, *cd = NULL;
    extent *ext = NULL;

    /* End of central directory: the last "PK\5\6" in the final 64 KiB + 22 bytes. */
    size_t tlen = fsize < 65557 ? (size_t)fsize : 65557;
    tail = malloc(tlen ? tlen : 1);
    if (!tail || !read_at(fd, tail, tlen, fsize - tlen)) {
        st = fail(info, QB_ERR_FORMAT, "cannot read the end of the file");
        goto out;
    }
    long eocd = -1;
    for (long i = (long)tlen - 22; i >= 0; i--)
        if (memcmp(tail + i, "PK\x05\x06", 4) == 0) {
            eocd = i;
            break;
        }
    if (eocd < 0) {
        st = fail(info, QB_ERR_FORMAT, "no end of central directory (truncated ZIP)");
        goto out;
    }
    const unsigned char *e = tail + eocd;
    if (le16(e + 4) != 0 || le16(e + 6) != 0) {
        st = fail(info, QB_ERR_FORMAT, "multi-disk (spanned) ZIP archives are not supported");
        goto out;
    }
    uint64_t n = le16(e + 10), cdsize = le32(e + 12), cdoff = le32(e + 16);
    uint64_t eocd_pos = fsize - tlen + (uint64_t)eocd;
    if (n == 0xFFFF || cdsize == 0xFFFFFFFF || cdoff == 0xFFFFFFFF) {
        /* ZIP64: locator just before the EOCD points at the ZIP64 EOCD record. */
        unsigned char loc[20], rec[56];
        if (eocd_pos < 20 || !read_at(fd, loc, 20, eocd_pos - 20) || memcmp(loc, "PK\x06\x07", 4) != 0 ||
            !read_at(fd, rec, 56, le64(loc + 8)) || memcmp(rec, "PK\x06\x06", 4) != 0) {
            st = fail(info, QB_ERR_FORMAT, "invalid ZIP64 end of central directory");
            goto out;
        }
        n = le64(rec + 32);
        cdsize = le64(rec + 40);
        cdoff = le64(rec + 48);
    }
    if (cdoff > fsize || cdsize > fsize - cdoff || cdsize > (64u << 20)) {
        st = fail(info, QB_ERR_FORMAT, "central directory lies outside the file");
        goto out;
    }
    if (lim && lim->max_entries && n > lim->max_entries) {
        st = fail(info, QB_ERR_LIMIT, "too many entries");
        goto out;
    }
    cd = malloc(cdsize ? cdsize : 1);
    ext = calloc(n ? n : 1, sizeof *ext);
    if (!cd || !ext) {
        st = fail(info, QB_ERR_NOMEM, "out of memory");
        goto out;
    }
    if (!read_at(fd, cd, cdsize, cdoff)) {
        st = fail(info, QB_ERR_FORMAT, "cannot read central directory");
        goto out;
    }
    uint64_t pos = 0;
    for (uint64_t i = 0; i < n; i++) {
        if (pos + 46 > cdsize || memcmp(cd + pos, "PK\x01\x02", 4) != 0) {
            st = fail(info, QB_ERR_FORMAT, "corrupt central directory record");
            goto out;
        }
        const unsigned char *r = cd + pos;
        uint16_t flags = le16(r + 8), method = le16(r + 10);
        uint64_t csize = le32(r + 20), usize = le32(r + 24), loff = le32(r + 42);
        uint16_t nlen = le16(r + 28), xlen = le16(r + 30), clen = le16(r + 32);
        if (pos + 46 + nlen + xlen + clen > cdsize) {
            st = fail(info, QB_ERR_FORMAT, "corrupt central directory record");
            goto out;
        }
        /* ZIP64 extended information extra field (0x0001) */
        const unsigned char *x = r + 46 + nlen, *xe = x + xlen;
        while (x + 4 <= xe) {
            uint16_t id = le16(x), sz = le16(x + 2);
            if (x + 4 + sz > xe)
                break;
            if (id == 1) {
                const unsigned char *q = x + 4, *qe = q + sz;
                if (usize == 0xFFFFFFFF && q + 8 <= qe) { usize = le64(q); q += 8; }
                if (csize == 0xFFFFFFFF && q + 8 <= qe) { csize = le64(q); q += 8; }
                if (loff == 0xFFFFFFFF && q + 8 <= qe) { loff = le64(q); }
            }
            x += 4 + sz;
        }
        if ((flags & 1) || (flags & 0x40) || method == 99)
            info->encrypted = 1;
        unsigned char lh[30];
        if (loff > fsize || !read_at(fd, lh, 30, loff) || memcmp(lh, "PK\x03\x04", 4) != 0) {
            st = fail(info, QB_ERR_FORMAT, "central directory points at no local header");
            goto out;
        }
        uint64_t local = 30 + (uint64_t)le16(lh + 26) + le16(lh + 28) + csize;
        ext[i].start = loff;
        ext[i].end = loff + local;
        ext[i].name = r + 46;
        ext[i].nlen = nlen;
        if (ext[i].end > fsize) {
            st = fail(info, QB_ERR_FORMAT, "entry data runs past the end of the file");
            goto out;
        }
        info->total_size += usize;
        if (lim && lim->max_ratio && usize > 1024 * 1024 && usize / (csize ? csize : 1) > lim->max_ratio) {
            st = fail(info, QB_ERR_LIMIT, "compression ratio too high (zip bomb?)");
            goto out;
        }
        pos += 46 + (uint64_t)nlen + xlen + clen;
    }
    info->entries = n;
    if (lim && lim->max_total && info->total_size > lim->max_total) {
        st = fail(info, QB_ERR_LIMIT, "declared unpacked size too large");
        goto out;
    }
    qsort(ext, n, sizeof *ext, cmp_name);
    for (uint64_t i = 1; i < n; i++)
        if (cmp_name(&ext[i], &ext[i - 1]) == 0) {
            st = fail(info, QB_ERR_UNSAFE, "two entries with the same name");
            goto out;
        }
    qsort(ext, n, sizeof *ext, cmp_extent);
    for (uint64_t i = 1; i < n; i++)
        if (ext[i].start < ext[i - 1].end) {
            st = fail(info, QB_ERR_UNSAFE, "overlapping entries (zip bomb)");
            goto out;
        }
out:
    free(tail);
    free(cd);
    free(ext);
    close(fd);
    return st;
}
