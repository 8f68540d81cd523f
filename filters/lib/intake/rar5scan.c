/* rar5scan.c — RAR5 and RAR4 header walk (format notes: LIBRARIES.md §2f, RARLAB's
 * RAR 5.0 technote, the RAR 2.9–4.x header layout). Headers only, bounded reads. */
#define _GNU_SOURCE
#include "rar5scan.h"

#include <zlib.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "utf8.h"

#define RAR5_MAX_HEADER (2u << 20) /* the technote's limit on one header */

/* The PKZIP/RAR CRC-32 is zlib's (already linked through libzip): its slicing code is
 * about ten times faster than a byte table on 100 MB of proof scans. */
uint32_t qb_crc32(uint32_t crc, const void *buf, size_t n)
{
    const unsigned char *p = buf;
    while (n > 0) { /* zlib counts in uInt */
        uInt chunk = n > 0x40000000u ? 0x40000000u : (uInt)n;
        crc = (uint32_t)crc32(crc, p, chunk);
        p += chunk;
        n -= chunk;
    }
    return crc;
}

static uint16_t le16(const unsigned char *p) { return (uint16_t)(p[0] | p[1] << 8); }
static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void damaged(qb_rar_info *info, const char *why_en)
{
    info->damaged = 1;
    qb_err_set(&info->err, QB_ERR_FORMAT, "RAR 压缩包已损坏或不完整%.0s", "%s", why_en);
}

static int read_at(FILE *f, void *buf, size_t n, uint64_t off)
{
    if (fseeko(f, (off_t)off, SEEK_SET) != 0)
        return 0;
    return fread(buf, 1, n, f) == n;
}

static qb_status add_entry(qb_rar_info *info, size_t max, qb_rar_entry *e)
{
    if (info->n >= max) {
        free(e->raw);
        free(e->uname);
        return QB_OK; /* the member limit is reported by the caller from its own count */
    }
    qb_status st = qb_grow((void **)&info->v, &info->cap, info->n + 1, sizeof *info->v);
    if (st != QB_OK) {
        free(e->raw);
        free(e->uname);
        return st;
    }
    info->v[info->n++] = *e;
    return QB_OK;
}

/* ---- RAR5 ---------------------------------------------------------------- */

/* A vint: 7 bits per byte, low group first. 0 on overrun or more than 10 bytes. */
static size_t vint(const unsigned char *p, size_t len, uint64_t *v)
{
    uint64_t r = 0;
    for (size_t i = 0; i < len && i < 10; i++) {
        r |= (uint64_t)(p[i] & 0x7F) << (7 * i);
        if (!(p[i] & 0x80)) {
            *v = r;
            return i + 1;
        }
    }
    return 0;
}

typedef struct {
    const unsigned char *p;
    size_t len, pos;
    int bad;
} cursor;

static uint64_t cv(cursor *c)
{
    uint64_t v = 0;
    size_t k = c->bad ? 0 : vint(c->p + c->pos, c->len - c->pos, &v);
    if (k == 0)
        c->bad = 1;
    c->pos += k;
    return v;
}

static const unsigned char *ctake(cursor *c, uint64_t n)
{
    if (c->bad || n > c->len - c->pos) {
        c->bad = 1;
        return NULL;
    }
    const unsigned char *r = c->p + c->pos;
    c->pos += (size_t)n;
    return r;
}

static qb_status rar5_file(qb_rar_info *info, size_t max, cursor *c, uint64_t hflags,
                           uint64_t extra_size, uint64_t data_size)
{
    qb_rar_entry e = {0};
    uint64_t fflags = cv(c);
    e.unpacked = cv(c);
    e.attr = cv(c);
    if (fflags & 0x02)
        ctake(c, 4);
    if (fflags & 0x04) {
        const unsigned char *crc = ctake(c, 4);
        if (crc) {
            e.has_crc = 1;
            e.crc = le32(crc);
        }
    }
    uint64_t comp = cv(c);
    e.host_os = (unsigned)cv(c);
    uint64_t nlen = cv(c);
    const unsigned char *name = ctake(c, nlen);
    if (c->bad || !name) {
        damaged(info, "corrupt RAR5 file header");
        return QB_OK;
    }
    e.dir = (fflags & 0x01) != 0;
    e.size_unknown = (fflags & 0x08) != 0;
    e.solid = (comp & 0x40) != 0;
    e.split_before = (hflags & 0x08) != 0;
    e.split_after = (hflags & 0x10) != 0;
    e.packed = data_size;
    /* Extra area: the last extra_size bytes of the header. */
    if (extra_size > c->len) {
        damaged(info, "corrupt RAR5 extra area");
        return QB_OK;
    }
    cursor x = {c->p + c->len - extra_size, (size_t)extra_size, 0, 0};
    while (x.pos < x.len && !x.bad) {
        uint64_t rsize = cv(&x);
        size_t start = x.pos;
        if (x.bad || rsize == 0 || rsize > x.len - x.pos)
            break;
        uint64_t rtype = cv(&x);
        if (rtype == 0x01)
            e.encrypted = 1;
        else if (rtype == 0x05)
            e.link = 1; /* symlink, junction, hard link or file copy */
        x.pos = start + (size_t)rsize;
    }
    e.raw = qb_strndup((const char *)name, (size_t)nlen);
    e.uname = qb_strndup((const char *)name, (size_t)nlen);
    e.raw_len = (size_t)nlen;
    if (!e.raw || !e.uname) {
        free(e.raw);
        free(e.uname);
        return QB_ERR_NOMEM;
    }
    return add_entry(info, max, &e);
}

static qb_status scan_rar5(FILE *f, uint64_t fsize, size_t max, qb_rar_info *info)
{
    uint64_t pos = 8;
    unsigned char *hdr = NULL;
    qb_status st = QB_OK;
    while (st == QB_OK && pos < fsize) {
        unsigned char pre[14];
        size_t want = fsize - pos < sizeof pre ? (size_t)(fsize - pos) : sizeof pre;
        if (want < 5 || !read_at(f, pre, want, pos)) {
            damaged(info, "truncated RAR5 header");
            break;
        }
        uint64_t hsize;
        size_t vl = vint(pre + 4, want - 4, &hsize);
        if (vl == 0 || hsize == 0 || hsize > RAR5_MAX_HEADER) {
            damaged(info, "corrupt RAR5 header size");
            break;
        }
        uint64_t total = 4 + vl + hsize;
        if (total > fsize - pos) {
            damaged(info, "truncated RAR5 header");
            break;
        }
        free(hdr);
        hdr = malloc((size_t)total);
        if (!hdr) {
            st = QB_ERR_NOMEM;
            break;
        }
        if (!read_at(f, hdr, (size_t)total, pos)) {
            damaged(info, "truncated RAR5 header");
            break;
        }
        if (qb_crc32(0, hdr + 4, (size_t)(vl + hsize)) != le32(hdr)) {
            damaged(info, "RAR5 header checksum mismatch");
            break;
        }
        cursor c = {hdr + 4 + vl, (size_t)hsize, 0, 0};
        uint64_t type = cv(&c), hflags = cv(&c), extra = 0, data = 0;
        if (hflags & 0x01)
            extra = cv(&c);
        if (hflags & 0x02)
            data = cv(&c);
        if (c.bad) {
            damaged(info, "corrupt RAR5 header");
            break;
        }
        if (type == 1) {
            uint64_t af = cv(&c);
            info->volume = (af & 0x01) != 0;
            info->solid = (af & 0x04) != 0;
            info->locked = (af & 0x10) != 0;
            info->volume_number = (af & 0x02) ? (unsigned)cv(&c) : 0;
            info->first_volume = info->volume && info->volume_number == 0;
        } else if (type == 2) {
            st = rar5_file(info, max, &c, hflags, extra, data);
            if (info->damaged)
                break;
        } else if (type == 4) {
            info->header_encrypted = 1; /* everything after this block is ciphertext */
            break;
        } else if (type == 5) {
            info->end_seen = 1;
            info->more_volumes = (cv(&c) & 0x01) != 0;
            break;
        }
        if (data > fsize - pos - total) {
            damaged(info, "entry data runs past the end of the file (truncated archive)");
            break;
        }
        pos += total + data;
    }
    free(hdr);
    return st;
}

/* Same name, separators unified: libarchive and unar give '/', WinRAR stores '\\'. */
static int same_name(const qb_rar_entry *e, const char *path)
{
    const char *a = e->uname ? e->uname : e->raw;
    size_t la = strlen(a), lb = strlen(path);
    while (la > 0 && (a[la - 1] == '/' || a[la - 1] == '\\'))
        la--;
    while (lb > 0 && (path[lb - 1] == '/' || path[lb - 1] == '\\'))
        lb--;
    if (la != lb)
        return 0;
    for (size_t i = 0; i < la; i++) {
        char x = a[i] == '\\' ? '/' : a[i], y = path[i] == '\\' ? '/' : path[i];
        if (x != y)
            return 0;
    }
    return 1;
}

const qb_rar_entry *qb_rar_find(const qb_rar_info *ri, size_t idx, const char *name)
{
    if (!ri || !name)
        return NULL;
    if (idx < ri->n && same_name(&ri->v[idx], name))
        return &ri->v[idx];
    for (size_t i = 0; i < ri->n; i++)
        if (same_name(&ri->v[i], name))
            return &ri->v[i];
    return NULL;
}

/* ---- RAR4 ---------------------------------------------------------------- */

/* RAR 3.x Unicode names: "OEM name \0 compressed UTF-16" (unrar's EncodeFileName). */
static qb_status rar4_unicode(const unsigned char *name, size_t nlen, char **out)
{
    *out = NULL;
    const unsigned char *nul = memchr(name, 0, nlen);
    if (!nul) { /* no NUL: the field is UTF-8 (what newer writers do) */
        if (!qb_utf8_valid((const char *)name, nlen, NULL))
            return QB_OK;
        *out = qb_strndup((const char *)name, nlen);
        return *out ? QB_OK : QB_ERR_NOMEM;
    }
    size_t oem_len = (size_t)(nul - name);
    const unsigned char *enc = nul + 1;
    size_t enc_len = nlen - oem_len - 1, ep = 0, dp = 0;
    if (enc_len == 0)
        return QB_OK;
    unsigned high = enc[ep++], flags = 0, bits = 0;
    unsigned *w = calloc(nlen + 1, sizeof *w);
    if (!w)
        return QB_ERR_NOMEM;
    size_t maxdec = nlen; /* a decoded name is never longer than its field */
    while (ep < enc_len && dp < maxdec) {
        if (bits == 0) {
            flags = enc[ep++];
            bits = 8;
            if (ep > enc_len)
                break;
        }
        switch (flags >> 6) {
        case 0:
            if (ep < enc_len)
                w[dp++] = enc[ep++];
            else
                ep = enc_len;
            break;
        case 1:
            if (ep < enc_len)
                w[dp++] = enc[ep++] + (high << 8);
            else
                ep = enc_len;
            break;
        case 2:
            if (ep + 1 < enc_len) {
                w[dp++] = enc[ep] + ((unsigned)enc[ep + 1] << 8);
                ep += 2;
            } else {
                ep = enc_len;
            }
            break;
        default: {
            if (ep >= enc_len) {
                ep = enc_len;
                break;
            }
            unsigned len = enc[ep++];
            if (len & 0x80) {
                if (ep >= enc_len) {
                    ep = enc_len;
                    break;
                }
                unsigned corr = enc[ep++];
                for (len = (len & 0x7F) + 2; len > 0 && dp < maxdec && dp < oem_len; len--, dp++)
                    w[dp] = ((name[dp] + corr) & 0xFF) + (high << 8);
            } else {
                for (len += 2; len > 0 && dp < maxdec && dp < oem_len; len--, dp++)
                    w[dp] = name[dp];
            }
        }
        }
        flags = (flags << 2) & 0xFF;
        bits -= 2;
    }
    qb_buf b = {0};
    qb_status st = QB_OK;
    for (size_t i = 0; i < dp && st == QB_OK; i++) {
        unsigned cp = w[i];
        if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < dp && w[i + 1] >= 0xDC00 && w[i + 1] <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (w[i + 1] - 0xDC00);
            i++;
        }
        if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) {
            qb_buf_free(&b);
            free(w);
            return QB_OK; /* not decodable: the caller falls back to the raw bytes */
        }
        st = qb_buf_addc(&b, cp);
    }
    free(w);
    if (st != QB_OK) {
        qb_buf_free(&b);
        return st;
    }
    *out = qb_buf_take(&b);
    return *out ? QB_OK : QB_ERR_NOMEM;
}

static qb_status rar4_file(qb_rar_info *info, size_t max, const unsigned char *h, size_t hsize,
                           uint16_t flags, uint64_t *data)
{
    if (hsize < 32) {
        damaged(info, "corrupt RAR4 file header");
        return QB_OK;
    }
    qb_rar_entry e = {0};
    uint64_t pack = le32(h + 7), unp = le32(h + 11);
    e.host_os = h[15];
    uint16_t nlen = le16(h + 26);
    e.attr = le32(h + 28);
    size_t npos = 32;
    if (flags & 0x0100) { /* LHD_LARGE: high 32 bits of both sizes */
        if (hsize < 40) {
            damaged(info, "corrupt RAR4 file header");
            return QB_OK;
        }
        pack |= (uint64_t)le32(h + 32) << 32;
        unp |= (uint64_t)le32(h + 36) << 32;
        npos = 40;
    }
    if (npos + nlen > hsize) {
        damaged(info, "corrupt RAR4 file name");
        return QB_OK;
    }
    e.packed = pack;
    e.unpacked = unp;
    e.has_crc = 1;
    e.crc = le32(h + 16);
    e.split_before = (flags & 0x0001) != 0;
    e.split_after = (flags & 0x0002) != 0;
    e.encrypted = (flags & 0x0004) != 0;
    e.solid = (flags & 0x0010) != 0;
    e.dir = (flags & 0x00E0) == 0x00E0;
    /* Unix host: st_mode; a Windows reparse point (0x400) is a link as well. */
    e.link = (e.host_os == 3 && (e.attr & 0170000) == 0120000) ||
             ((e.host_os == 0 || e.host_os == 2) && (e.attr & 0x400));
    e.raw = qb_strndup((const char *)h + npos, nlen);
    e.raw_len = nlen;
    if (!e.raw)
        return QB_ERR_NOMEM;
    if (flags & 0x0200) {
        qb_status st = rar4_unicode(h + npos, nlen, &e.uname);
        if (st != QB_OK) {
            free(e.raw);
            return st;
        }
    }
    *data = pack;
    return add_entry(info, max, &e);
}

static qb_status scan_rar4(FILE *f, uint64_t fsize, size_t max, qb_rar_info *info)
{
    uint64_t pos = 7;
    unsigned char *hdr = NULL;
    qb_status st = QB_OK;
    while (st == QB_OK && pos < fsize) {
        unsigned char b[7];
        if (fsize - pos < 7 || !read_at(f, b, 7, pos)) {
            damaged(info, "truncated RAR4 header");
            break;
        }
        uint8_t type = b[2];
        uint16_t flags = le16(b + 3), hsize = le16(b + 5);
        if (hsize < 7 || hsize > fsize - pos) {
            damaged(info, hsize < 7 ? "corrupt RAR4 header size" : "truncated RAR4 header");
            break;
        }
        free(hdr);
        hdr = malloc(hsize);
        if (!hdr) {
            st = QB_ERR_NOMEM;
            break;
        }
        if (!read_at(f, hdr, hsize, pos)) {
            damaged(info, "truncated RAR4 header");
            break;
        }
        uint16_t crc = (uint16_t)(qb_crc32(0, hdr + 2, hsize - 2u) & 0xFFFF);
        /* Old main headers checksum only their fixed 11 bytes. */
        if (crc != le16(hdr) && !(type == 0x73 && hsize > 13 &&
                                  (qb_crc32(0, hdr + 2, 11) & 0xFFFF) == le16(hdr))) {
            damaged(info, "RAR4 header checksum mismatch");
            break;
        }
        uint64_t data = 0;
        if (type == 0x73) {
            info->volume = (flags & 0x0001) != 0;
            info->locked = (flags & 0x0004) != 0;
            info->solid = (flags & 0x0008) != 0;
            info->new_naming = (flags & 0x0010) != 0;
            info->first_volume = (flags & 0x0100) != 0;
            if (flags & 0x0080) {
                info->header_encrypted = 1;
                break;
            }
        } else if (type == 0x74) {
            st = rar4_file(info, max, hdr, hsize, flags, &data);
            if (info->damaged)
                break;
        } else if (type == 0x7B) {
            info->end_seen = 1;
            info->more_volumes = (flags & 0x0001) != 0;
            break;
        } else if (flags & 0x8000) {
            if (hsize < 11) {
                damaged(info, "corrupt RAR4 header");
                break;
            }
            data = le32(hdr + 7); /* ADD_SIZE: the block's data area */
        }
        if (data > fsize - pos - hsize) {
            damaged(info, "entry data runs past the end of the file (truncated archive)");
            break;
        }
        pos += hsize + data;
    }
    free(hdr);
    return st;
}

qb_status qb_rar_scan(const char *path, size_t max_entries, qb_rar_info *info)
{
    memset(info, 0, sizeof *info);
    if (max_entries == 0)
        max_entries = 1000000;
    FILE *f = fopen(path, "rb");
    if (!f)
        return QB_ERR_IO;
    struct stat sb;
    unsigned char sig[8];
    qb_status st = QB_OK;
    if (fstat(fileno(f), &sb) != 0) {
        st = QB_ERR_IO;
    } else if (!read_at(f, sig, 7, 0)) {
        st = QB_ERR_FORMAT;
    } else if (memcmp(sig, "Rar!\x1A\x07\x00", 7) == 0) {
        info->fmt = QB_FMT_RAR4;
        st = scan_rar4(f, (uint64_t)sb.st_size, max_entries, info);
    } else if (memcmp(sig, "Rar!\x1A\x07\x01", 7) == 0 && read_at(f, sig, 8, 0) && sig[7] == 0) {
        info->fmt = QB_FMT_RAR5;
        st = scan_rar5(f, (uint64_t)sb.st_size, max_entries, info);
    } else {
        st = QB_ERR_FORMAT;
    }
    fclose(f);
    if (st == QB_ERR_NOMEM)
        qb_rar_info_free(info);
    return st;
}

void qb_rar_info_free(qb_rar_info *info)
{
    for (size_t i = 0; i < info->n; i++) {
        free(info->v[i].raw);
        free(info->v[i].uname);
    }
    free(info->v);
    info->v = NULL;
    info->n = info->cap = 0;
}
