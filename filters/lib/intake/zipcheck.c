/* zipcheck.c — overlaps, duplicates and limits over the central-directory walk. */
#define _GNU_SOURCE
#include "zipcheck.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    uint64_t start, end;
    const unsigned char *name; /* in the central directory buffer */
    size_t nlen;
} extent;

static uint16_t le16(const unsigned char *p) { return (uint16_t)(p[0] | p[1] << 8); }

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
    return x->nlen < y->nlen ? -1 : x->nlen > y->nlen;
}

qb_status qb_zip_check_dir(const qb_zip_dir *d, const qb_zip_limits *lim, qb_zip_info *info, qb_err *e)
{
    memset(info, 0, sizeof *info);
    extent *ext = calloc(d->n ? d->n : 1, sizeof *ext);
    if (!ext)
        return qb_err_status(e, QB_ERR_NOMEM);
    qb_status st = QB_OK;
    for (size_t i = 0; i < d->n && st == QB_OK; i++) {
        const qb_zip_entry *z = &d->v[i];
        if ((z->flags & 1) || (z->flags & 0x40) || z->method == 99)
            info->encrypted = 1;
        unsigned char lh[30];
        if (!qb_zip_local_header(d, z, lh)) {
            st = qb_err_set(e, QB_ERR_FORMAT, "ZIP 压缩包已损坏，无法读取",
                            "central directory points at no local header");
            break;
        }
        ext[i].start = z->loff;
        ext[i].end = z->loff + 30 + (uint64_t)le16(lh + 26) + le16(lh + 28) + z->csize;
        ext[i].name = z->name;
        ext[i].nlen = z->nlen;
        if (ext[i].end > d->fsize || ext[i].end < ext[i].start)
            st = qb_err_set(e, QB_ERR_FORMAT, "ZIP 压缩包已损坏，无法读取",
                            "entry data runs past the end of the file");
        info->total_size += z->usize;
        if (st == QB_OK && lim && lim->max_ratio && z->usize > 1024 * 1024 &&
            z->usize / (z->csize ? z->csize : 1) > lim->max_ratio)
            st = qb_err_set(e, QB_ERR_LIMIT, "压缩比异常（疑似“压缩炸弹”）", "compression ratio too high (zip bomb?)");
    }
    if (st == QB_OK) {
        info->entries = d->n;
        if (lim && lim->max_total && info->total_size > lim->max_total)
            st = qb_err_set(e, QB_ERR_LIMIT, "解压后的总大小超过上限", "declared unpacked size too large");
    }
    if (st == QB_OK) {
        qsort(ext, d->n, sizeof *ext, cmp_name);
        for (size_t i = 1; i < d->n && st == QB_OK; i++)
            if (cmp_name(&ext[i], &ext[i - 1]) == 0) {
                info->duplicate_names = 1;
                st = qb_err_set(e, QB_ERR_UNSAFE, "压缩包中有同名的文件，无法确定以哪个为准，请重新打包后提交",
                                "two entries with the same name");
            }
    }
    if (st == QB_OK) {
        qsort(ext, d->n, sizeof *ext, cmp_extent);
        for (size_t i = 1; i < d->n && st == QB_OK; i++)
            if (ext[i].start < ext[i - 1].end)
                st = qb_err_set(e, QB_ERR_UNSAFE, "ZIP 结构异常：多个条目共用同一段数据（疑似“压缩炸弹”）",
                                "overlapping entries (zip bomb)");
    }
    free(ext);
    return st;
}

qb_status qb_zip_check(const char *path, const qb_zip_limits *lim, qb_zip_info *info, qb_err *e)
{
    memset(info, 0, sizeof *info);
    qb_zip_dir d;
    qb_status st = qb_zip_dir_read(path, lim ? lim->max_entries : 0, &d, e);
    if (st != QB_OK) {
        info->ambiguous = d.ambiguous;
        return st;
    }
    st = qb_zip_check_dir(&d, lim, info, e);
    qb_zip_dir_free(&d);
    return st;
}
