/* mkrar — a stored-only RAR5 / RAR4 writer for test fixtures (LIBRARIES.md §2f: Debian
 * has no RAR creator). Enough of the format for what packages bring: Chinese UTF-8
 * names, RAR4 names in GBK without the Unicode flag, folders, Unix symlinks, hostile
 * names, entries flagged encrypted, encrypted headers, the solid flag, and volume sets
 * split across files. Fixed times: the bytes are the same on every run. */
#define _GNU_SOURCE
#include <getopt.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "buf.h"
#include "member_spec.h"
#include "qb.h"
#include "rar5scan.h" /* qb_crc32 */

#define MTIME 1704067200u /* 2024-01-01 00:00 UTC */

static void usage(FILE *to)
{
    fputs("用法 usage: mkrar [--rar4] [--solid] [--header-encrypted] [--volumes N] [--old-naming]\n"
          "             OUT ENTRY...\n"
          "       mkrar -h | --help\n"
          "  OUT holds %d where the volume number goes when --volumes N > 1 (x.part%d.rar).\n"
          "  --old-naming: RAR4 volumes flagged for x.rar, x.r00, x.r01 … (rename them so).\n"
          "  ENTRY is NAME=CONTENT; CONTENT is literal text, @FILE or %zeros:N.\n"
          "  Options before an entry apply to that entry only:\n"
          "    --gbk        (RAR4) NAME (UTF-8 here) written as GBK bytes without the Unicode flag\n"
          "    --hex        NAME given as hex bytes, written as they are (RAR4: no Unicode flag)\n"
          "    --dir        a folder (NAME=)\n"
          "    --symlink    a Unix symbolic link to CONTENT\n"
          "    --encrypted  flagged as encrypted (RAR5 encryption record, RAR4 flag 0x0004)\n"
          "    --windows    Windows host (default Unix)\n"
          "    --declare N  declare N bytes as the unpacked size (a lying header)\n",
          to);
}

typedef struct {
    qb_buf name, data;
    int gbk_raw, dir, symlink, encrypted, windows;
    long long declare; /* unpacked size to declare instead of the real one, or -1 */
} entry;

typedef struct {
    int rar4, solid, hdr_enc, nvol, old_naming;
    const char *pattern;
    FILE *f;
    int vol;           /* 1-based volume being written */
    uint64_t used, cap;/* data bytes in this volume, and per volume */
} writer;

/* ---- byte helpers -------------------------------------------------------------- */

static void vint(qb_buf *b, uint64_t v)
{
    do {
        char c = (char)(v & 0x7F);
        v >>= 7;
        if (v)
            c = (char)(c | 0x80);
        qb_buf_add(b, &c, 1);
    } while (v);
}

static void le(qb_buf *b, uint64_t v, int n)
{
    for (int i = 0; i < n; i++) {
        char c = (char)(v >> (8 * i) & 0xFF);
        qb_buf_add(b, &c, 1);
    }
}

/* RAR5 block: CRC32, size vint, then the header. */
static void block5(FILE *f, const qb_buf *h)
{
    qb_buf sz = {0}, all = {0};
    vint(&sz, h->len);
    qb_buf_add(&all, sz.s, sz.len);
    qb_buf_add(&all, h->s, h->len);
    uint32_t crc = qb_crc32(0, all.s, all.len);
    qb_buf out = {0};
    le(&out, crc, 4);
    fwrite(out.s, 1, out.len, f);
    fwrite(all.s, 1, all.len, f);
    qb_buf_free(&sz);
    qb_buf_free(&all);
    qb_buf_free(&out);
}

/* RAR4 block: CRC16 (low half of CRC32 from the type on), then the rest. */
static void block4(FILE *f, const qb_buf *rest)
{
    uint32_t crc = qb_crc32(0, rest->s, rest->len) & 0xFFFF;
    qb_buf out = {0};
    le(&out, crc, 2);
    fwrite(out.s, 1, out.len, f);
    fwrite(rest->s, 1, rest->len, f);
    qb_buf_free(&out);
}

/* ---- volumes -------------------------------------------------------------------- */

static char *vol_name(const char *pattern, int k)
{
    const char *p = strstr(pattern, "%d");
    if (!p)
        return qb_strdup(pattern);
    return qb_asprintf("%.*s%d%s", (int)(p - pattern), pattern, k, p + 2);
}

static int open_volume(writer *w)
{
    char *path = vol_name(w->pattern, w->vol);
    w->f = path ? fopen(path, "wb") : NULL;
    free(path);
    if (!w->f)
        return -1;
    w->used = 0;
    int multi = w->nvol > 1;
    if (!w->rar4) {
        fwrite("Rar!\x1A\x07\x01\x00", 1, 8, w->f);
        if (w->hdr_enc) { /* archive encryption header: everything after it is ciphertext */
            qb_buf h = {0};
            vint(&h, 4);
            vint(&h, 0);
            vint(&h, 0);                /* AES-256 */
            vint(&h, 0);                /* no password check */
            char kdf = 15;
            qb_buf_add(&h, &kdf, 1);
            qb_buf_add(&h, "0123456789abcdef", 16);
            block5(w->f, &h);
            qb_buf_free(&h);
            return 0;
        }
        qb_buf h = {0};
        vint(&h, 1);                    /* main header */
        vint(&h, 0);
        uint64_t af = (multi ? 0x01 : 0) | (multi && w->vol > 1 ? 0x02 : 0) | (w->solid ? 0x04 : 0);
        vint(&h, af);
        if (af & 0x02)
            vint(&h, (uint64_t)w->vol - 1);
        block5(w->f, &h);
        qb_buf_free(&h);
    } else {
        fwrite("Rar!\x1A\x07\x00", 1, 7, w->f);
        qb_buf h = {0};
        unsigned flags = (multi ? 0x0001 : 0) | (multi && !w->old_naming ? 0x0010 : 0) | (multi && w->vol == 1 ? 0x0100 : 0) |
                         (w->solid ? 0x0008 : 0) | (w->hdr_enc ? 0x0080 : 0);
        le(&h, 0x73, 1);
        le(&h, flags, 2);
        le(&h, 13, 2);
        le(&h, 0, 2);
        le(&h, 0, 4);
        block4(w->f, &h);
        qb_buf_free(&h);
        if (w->hdr_enc) /* what follows would be encrypted: a few bytes of "ciphertext" */
            fwrite("\x8b\x13\xf1\x02\x7a\x55\xc9\x0e\x31\x44\x98\xab\x10\x01\xfe\x77", 1, 16, w->f);
    }
    return 0;
}

static int close_volume(writer *w, int last)
{
    if (!w->hdr_enc) {
        if (!w->rar4) {
            qb_buf h = {0};
            vint(&h, 5);
            vint(&h, 0);
            vint(&h, last ? 0 : 1);
            block5(w->f, &h);
            qb_buf_free(&h);
        } else {
            qb_buf h = {0};
            le(&h, 0x7B, 1);
            le(&h, 0x4000 | (last ? 0 : 0x0001), 2);
            le(&h, 7, 2);
            block4(w->f, &h);
            qb_buf_free(&h);
        }
    }
    int rc = fclose(w->f) == 0 ? 0 : -1;
    w->f = NULL;
    return rc;
}

/* ---- file headers --------------------------------------------------------------- */

static void file5(writer *w, const entry *e, size_t idx, uint64_t part, uint32_t crc, int before,
                  int after)
{
    qb_buf x = {0}, h = {0};
    if (e->encrypted) { /* record 0x01: AES-256, no check value, salt, IV */
        qb_buf r = {0};
        vint(&r, 0x01);
        vint(&r, 0);
        vint(&r, 0);
        char kdf = 15;
        qb_buf_add(&r, &kdf, 1);
        qb_buf_add(&r, "saltsaltsaltsalt", 16);
        qb_buf_add(&r, "iviviviviviviviv", 16);
        vint(&x, r.len);
        qb_buf_add(&x, r.s, r.len);
        qb_buf_free(&r);
    }
    if (e->symlink) { /* record 0x05: Unix symlink */
        qb_buf r = {0};
        vint(&r, 0x05);
        vint(&r, 1);
        vint(&r, 0);
        vint(&r, e->data.len);
        qb_buf_add(&r, e->data.s, e->data.len);
        vint(&x, r.len);
        qb_buf_add(&x, r.s, r.len);
        qb_buf_free(&r);
    }
    uint64_t hflags = 0x02 | (x.len ? 0x01 : 0) | (before ? 0x08 : 0) | (after ? 0x10 : 0);
    vint(&h, 2);
    vint(&h, hflags);
    if (x.len)
        vint(&h, x.len);
    vint(&h, part);
    vint(&h, e->dir ? 0x07 : 0x06);                     /* mtime + CRC (+ directory) */
    vint(&h, e->declare >= 0 ? (uint64_t)e->declare : e->symlink || e->dir ? 0 : e->data.len);
    vint(&h, e->windows ? (e->dir ? 0x10 : 0x20)
                        : e->symlink ? 0120777 : e->dir ? 040755 : 0100644);
    le(&h, MTIME, 4);
    le(&h, crc, 4);
    vint(&h, w->solid && idx > 0 ? 0x40 : 0);          /* stored; solid after the first */
    vint(&h, e->windows ? 0 : 1);
    vint(&h, e->name.len);
    qb_buf_add(&h, e->name.s, e->name.len);
    qb_buf_add(&h, x.s, x.len);
    block5(w->f, &h);
    qb_buf_free(&x);
    qb_buf_free(&h);
}

static void file4(writer *w, const entry *e, size_t idx, uint64_t part, uint32_t crc, int before,
                  int after)
{
    int unicode = !e->gbk_raw;
    for (size_t i = 0; unicode && i < e->name.len; i++)
        if ((unsigned char)e->name.s[i] >= 0x80)
            unicode = 2;
    unsigned flags = 0x8000 | (unicode == 2 ? 0x0200 : 0) | (e->dir ? 0x00E0 : 0) |
                     (e->encrypted ? 0x0004 : 0) | (w->solid && idx > 0 ? 0x0010 : 0) |
                     (before ? 0x0001 : 0) | (after ? 0x0002 : 0);
    uint64_t size = e->declare >= 0 ? (uint64_t)e->declare : e->dir ? 0 : e->data.len;
    qb_buf h = {0};
    le(&h, 0x74, 1);
    le(&h, flags, 2);
    le(&h, 32 + e->name.len, 2);
    le(&h, part, 4);
    le(&h, size, 4);
    le(&h, e->windows ? 2 : 3, 1);
    le(&h, crc, 4);
    le(&h, 0x58210000, 4);                             /* 2024-01-01 00:00 in DOS time */
    le(&h, 20, 1);
    le(&h, 0x30, 1);                                   /* stored */
    le(&h, e->name.len, 2);
    le(&h, e->windows ? (e->dir ? 0x10 : 0x20) : e->symlink ? 0120777 : e->dir ? 040755 : 0100644, 4);
    qb_buf_add(&h, e->name.s, e->name.len);
    block4(w->f, &h);
    qb_buf_free(&h);
}

/* One entry, its data split over volumes when they fill up. */
static int write_entry(writer *w, const entry *e, size_t idx)
{
    const char *d = e->data.s ? e->data.s : "";
    uint64_t len = e->dir || (e->symlink && !w->rar4) ? 0 : e->data.len, off = 0;
    uint32_t whole = qb_crc32(0, d, (size_t)len);
    for (int first = 1;; first = 0) {
        uint64_t room = w->used < w->cap ? w->cap - w->used : 0;
        if (w->vol == w->nvol)
            room = UINT64_MAX;
        uint64_t chunk = len - off < room ? len - off : room;
        int more = off + chunk < len;
        /* each part but the last carries its own CRC, the last the whole file's */
        uint32_t crc = more ? qb_crc32(0, d + off, (size_t)chunk) : whole;
        if (w->rar4)
            file4(w, e, idx, chunk, crc, !first, more);
        else
            file5(w, e, idx, chunk, crc, !first, more);
        fwrite(d + off, 1, (size_t)chunk, w->f);
        w->used += chunk;
        off += chunk;
        if (!more)
            return 0;
        if (close_volume(w, 0) != 0)
            return -1;
        w->vol++;
        if (open_volume(w) != 0)
            return -1;
    }
}




enum { O_RAR4 = 256, O_SOLID, O_HDRENC, O_VOLUMES, O_OLDNAMING, O_GBK, O_HEX, O_DIR, O_SYMLINK, O_ENC, O_WINDOWS,
       O_DECLARE };

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        {"help", no_argument, NULL, 'h'},          {"rar4", no_argument, NULL, O_RAR4},
        {"solid", no_argument, NULL, O_SOLID},     {"header-encrypted", no_argument, NULL, O_HDRENC},
        {"volumes", required_argument, NULL, O_VOLUMES}, {"old-naming", no_argument, NULL, O_OLDNAMING},
        {"gbk", no_argument, NULL, O_GBK},         {"hex", no_argument, NULL, O_HEX},
        {"dir", no_argument, NULL, O_DIR},         {"symlink", no_argument, NULL, O_SYMLINK},
        {"encrypted", no_argument, NULL, O_ENC},   {"windows", no_argument, NULL, O_WINDOWS},
        {"declare", required_argument, NULL, O_DECLARE}, {NULL, 0, NULL, 0}};
    writer w = {0};
    w.nvol = 1;
    entry *v = NULL;
    size_t n = 0, cap = 0;
    entry cur;
    memset(&cur, 0, sizeof cur);
    cur.declare = -1;
    int gbk = 0, hex = 0, bad = 0, help = 0, c;
    /* "-": operands come back in order (code 1), so an option applies to the entry
     * after it; archive options come before OUT. */
    opterr = 0;
    while (!bad && !help && (c = getopt_long(argc, argv, "-:h", opts, NULL)) != -1) {
        int archive_opt = c == O_RAR4 || c == O_SOLID || c == O_HDRENC || c == O_VOLUMES || c == O_OLDNAMING;
        if (archive_opt && w.pattern) {
            fprintf(stderr, "mkrar: %s: an archive option goes before OUT\n", argv[optind - 1]);
            bad = 1;
            break;
        }
        switch (c) {
        case 'h': help = 1; break;
        case O_RAR4: w.rar4 = 1; break;
        case O_SOLID: w.solid = 1; break;
        case O_HDRENC: w.hdr_enc = 1; break;
        case O_VOLUMES: w.nvol = atoi(optarg); bad = w.nvol < 1; break;
        case O_OLDNAMING: w.old_naming = 1; break;
        case O_GBK: gbk = 1; break;
        case O_HEX: hex = 1; break;
        case O_DIR: cur.dir = 1; break;
        case O_SYMLINK: cur.symlink = 1; break;
        case O_ENC: cur.encrypted = 1; break;
        case O_WINDOWS: cur.windows = 1; break;
        case O_DECLARE: cur.declare = atoll(optarg); break;
        case 1: {
            const char *a = optarg;
            if (!w.pattern) {
                w.pattern = a;
                break;
            }
            const char *eq = strchr(a, '=');
            if (!eq) {
                fprintf(stderr, "mkrar: %s: an entry is NAME=CONTENT\n", a);
                bad = 1;
                break;
            }
            char *name = qb_strndup(a, (size_t)(eq - a));
            bad = spec_name(name, hex, gbk, &cur.name) != 0;
            cur.gbk_raw = hex || gbk;
            free(name);
            if (!bad && !cur.dir)
                bad = spec_content(eq + 1, &cur.data) != 0;
            if (qb_grow((void **)&v, &cap, n + 1, sizeof *v) != QB_OK)
                bad = 1;
            else
                v[n++] = cur;
            memset(&cur, 0, sizeof cur);
            cur.declare = -1;
            gbk = hex = 0;
            break;
        }
        default: /* the reason and the usage, as every program says them */
            qb_cli_bad_option("mkrar", usage, argv, c);
            bad = 2;
        }
    }
    if (!help && !bad && !w.pattern) {
        fputs("mkrar: no output file given\n", stderr);
        bad = 1;
    }
    int rc = 0;
    if (help) {
        usage(stdout);
    } else if (bad) {
        if (bad == 1)
            usage(stderr);
        rc = 2;
    } else {
        uint64_t total = 0;
        for (size_t k = 0; k < n; k++)
            total += v[k].data.len;
        w.cap = w.nvol > 1 ? (total + (uint64_t)w.nvol - 1) / (uint64_t)w.nvol : UINT64_MAX;
        w.vol = 1;
        if (open_volume(&w) != 0)
            rc = 1;
        for (size_t k = 0; rc == 0 && !w.hdr_enc && k < n; k++)
            rc = write_entry(&w, &v[k], k) == 0 ? 0 : 1;
        if (w.f && close_volume(&w, 1) != 0)
            rc = 1;
        if (rc == 0 && w.vol != w.nvol)
            fprintf(stderr, "mkrar: wrote %d of %d volumes (too little data to split)\n", w.vol, w.nvol);
        if (rc)
            fprintf(stderr, "mkrar: %s: cannot write\n", w.pattern);
    }
    for (size_t k = 0; k < n; k++) {
        qb_buf_free(&v[k].name);
        qb_buf_free(&v[k].data);
    }
    qb_buf_free(&cur.name);
    qb_buf_free(&cur.data);
    free(v);
    return rc;
}
