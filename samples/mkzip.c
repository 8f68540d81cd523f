/* mkzip — a small ZIP writer for test fixtures: the kinds of entries real packages
 * bring (GBK names without the UTF-8 flag, Info-ZIP Unicode Path fields) and hostile
 * ones (.., absolute paths, symlinks, a local header that names another file, the
 * encryption bit). Entries are stored (method 0) with fixed times, so the bytes are
 * the same on every run. With --7z it writes a 7z archive through libarchive instead
 * (files, folders and symlinks). --join puts two archives into one file, the way an
 * attacker gives one ZIP two readings. See usage() for the command line. */
#define _GNU_SOURCE
#include <archive.h>
#include <archive_entry.h>
#include <getopt.h>
#include <iconv.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "buf.h"
#include "member_spec.h"
#include "qb.h"
#include "rar5scan.h" /* qb_crc32 */

static void usage(FILE *to)
{
    fputs("用法 usage: mkzip [--7z] OUT ENTRY...\n"
          "       mkzip --docx OUT.docx PARAGRAPH...   (a minimal Word file: one paragraph per\n"
          "             argument; an argument starting with '|' is a table row, cells split by '|')\n"
          "       mkzip --join two-dirs|zip64-decoy OUT A.zip B.zip   (two archives in one file;\n"
          "             A and B as mkzip writes them: no comment, no ZIP64)\n"
          "             two-dirs:    A, then B with its offsets moved: two directories, two end records\n"
          "             zip64-decoy: A's entries and directory, B's (moved), a ZIP64 end record and\n"
          "                          locator naming B's directory, then A's end record: libzip reads B,\n"
          "                          the end record says A\n"
          "       mkzip -h | --help\n"
          "  ENTRY is NAME=CONTENT; CONTENT is literal text, @FILE (its bytes) or %zeros:N.\n"
          "  Options before an entry apply to that entry only:\n"
          "    --gbk            NAME (UTF-8 here) written as GBK bytes, UTF-8 flag clear\n"
          "    --noflag         NAME's UTF-8 bytes with the UTF-8 flag clear\n"
          "    --hex            NAME given as hex bytes, written as they are\n"
          "    --unicode-path U an Info-ZIP Unicode Path extra field (0x7075) holding U\n"
          "    --local NAME2    the local header names NAME2 instead\n"
          "    --symlink        a Unix symbolic link to CONTENT (in a 7z too)\n"
          "    --dir            a directory (NAME= with nothing after it)\n"
          "    --encrypted      set the encryption bit (the data is stored as given)\n",
          to);
}

typedef struct {
    qb_buf name, local, extra;
    int flag_utf8, symlink, dir, encrypted;
    qb_buf data;
    size_t zeros; /* --7z: that many zero bytes, streamed instead of held in data */
    uint32_t crc;
    uint64_t offset;
} entry;




static void put16(FILE *f, unsigned v) { fputc(v & 0xFF, f); fputc((v >> 8) & 0xFF, f); }
static void put32(FILE *f, uint32_t v) { put16(f, v & 0xFFFF); put16(f, v >> 16); }

static int any_high(const qb_buf *b)
{
    for (size_t i = 0; i < b->len; i++)
        if ((unsigned char)b->s[i] >= 0x80)
            return 1;
    return 0;
}

static int write_zip(const char *out, entry *v, size_t n)
{
    FILE *f = fopen(out, "wb");
    if (!f)
        return -1;
    uint64_t pos = 0;
    for (size_t i = 0; i < n; i++) {
        entry *e = &v[i];
        qb_buf *lname = e->local.len ? &e->local : &e->name;
        e->offset = pos;
        put32(f, 0x04034b50);
        put16(f, 20);
        put16(f, (e->flag_utf8 ? 0x0800 : 0) | (e->encrypted ? 1 : 0));
        put16(f, 0);                /* stored */
        put16(f, 0);                /* 00:00 */
        put16(f, 0x21);             /* 1980-01-01 */
        put32(f, e->crc);
        put32(f, (uint32_t)e->data.len);
        put32(f, (uint32_t)e->data.len);
        put16(f, (unsigned)lname->len);
        put16(f, (unsigned)e->extra.len);
        fwrite(lname->s ? lname->s : "", 1, lname->len, f);
        fwrite(e->extra.s ? e->extra.s : "", 1, e->extra.len, f);
        fwrite(e->data.s ? e->data.s : "", 1, e->data.len, f);
        pos += 30 + lname->len + e->extra.len + e->data.len;
    }
    uint64_t cd = pos;
    for (size_t i = 0; i < n; i++) {
        entry *e = &v[i];
        uint32_t mode = e->symlink ? 0120777 : e->dir ? 040755 : 0100644;
        put32(f, 0x02014b50);
        put16(f, 0x0314); /* made by: Unix, 2.0 */
        put16(f, 20);
        put16(f, (e->flag_utf8 ? 0x0800 : 0) | (e->encrypted ? 1 : 0));
        put16(f, 0);
        put16(f, 0);
        put16(f, 0x21);
        put32(f, e->crc);
        put32(f, (uint32_t)e->data.len);
        put32(f, (uint32_t)e->data.len);
        put16(f, (unsigned)e->name.len);
        put16(f, (unsigned)e->extra.len);
        put16(f, 0);
        put16(f, 0);
        put16(f, 0);
        put32(f, mode << 16 | (e->dir ? 0x10 : 0));
        put32(f, (uint32_t)e->offset);
        fwrite(e->name.s ? e->name.s : "", 1, e->name.len, f);
        fwrite(e->extra.s ? e->extra.s : "", 1, e->extra.len, f);
        pos += 46 + e->name.len + e->extra.len;
    }
    put32(f, 0x06054b50);
    put16(f, 0);
    put16(f, 0);
    put16(f, (unsigned)n);
    put16(f, (unsigned)n);
    put32(f, (uint32_t)(pos - cd));
    put32(f, (uint32_t)cd);
    put16(f, 0);
    return fclose(f) == 0 ? 0 : -1;
}

static int write_7z(const char *out, entry *v, size_t n)
{
    setlocale(LC_ALL, "C.UTF-8"); /* libarchive converts names to UTF-16 through the locale */
    struct archive *a = archive_write_new();
    archive_write_set_format_7zip(a);
    if (archive_write_open_filename(a, out) != ARCHIVE_OK) {
        fprintf(stderr, "mkzip: %s\n", archive_error_string(a));
        archive_write_free(a);
        return -1;
    }
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        struct archive_entry *ae = archive_entry_new();
        archive_entry_set_pathname_utf8(ae, v[i].name.s);
        int plain = !v[i].dir && !v[i].symlink;
        archive_entry_set_filetype(ae, v[i].dir ? AE_IFDIR : v[i].symlink ? AE_IFLNK : AE_IFREG);
        archive_entry_set_perm(ae, v[i].dir ? 0755 : v[i].symlink ? 0777 : 0644);
        if (v[i].symlink) /* the target is CONTENT; 7-Zip keeps it as the entry's data */
            archive_entry_set_symlink_utf8(ae, v[i].data.s ? v[i].data.s : "");
        archive_entry_set_size(ae, plain ? (la_int64_t)(v[i].data.len + v[i].zeros) : 0);
        archive_entry_set_mtime(ae, 1704067200, 0); /* 2024-01-01 */
        if (archive_write_header(a, ae) != ARCHIVE_OK ||
            (plain && v[i].data.len &&
             archive_write_data(a, v[i].data.s, v[i].data.len) != (la_ssize_t)v[i].data.len)) {
            fprintf(stderr, "mkzip: %s\n", archive_error_string(a));
            rc = -1;
        }
        static const char zero[65536];
        for (size_t left = v[i].zeros; rc == 0 && left > 0;) {
            size_t n = left < sizeof zero ? left : sizeof zero;
            if (archive_write_data(a, zero, n) != (la_ssize_t)n)
                rc = -1;
            left -= n;
        }
        archive_entry_free(ae);
    }
    if (archive_write_close(a) != ARCHIVE_OK)
        rc = -1;
    archive_write_free(a);
    return rc;
}

static void xml_text(qb_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        switch (s[i]) {
        case '&': qb_buf_adds(b, "&amp;"); break;
        case '<': qb_buf_adds(b, "&lt;"); break;
        case '>': qb_buf_adds(b, "&gt;"); break;
        default: qb_buf_add(b, s + i, 1);
        }
}

static void para(qb_buf *b, const char *s, size_t n)
{
    qb_buf_adds(b, "<w:p><w:r><w:t xml:space=\"preserve\">");
    xml_text(b, s, n);
    qb_buf_adds(b, "</w:t></w:r></w:p>");
}

/* The three parts a Word file cannot do without, holding the given paragraphs and rows. */
static int write_docx(const char *out, int argc, char **argv)
{
    entry v[3];
    memset(v, 0, sizeof v);
    qb_buf_adds(&v[0].name, "[Content_Types].xml");
    qb_buf_adds(&v[0].data,
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
                "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
    qb_buf_adds(&v[1].name, "_rels/.rels");
    qb_buf_adds(&v[1].data,
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                "relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>");
    qb_buf_adds(&v[2].name, "word/document.xml");
    qb_buf *d = &v[2].data;
    qb_buf_adds(d, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                   "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                   "<w:body>");
    int in_table = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] == '|') {
            qb_buf_adds(d, in_table ? "<w:tr>" : "<w:tbl><w:tr>");
            in_table = 1;
            for (const char *c = a + 1; *c;) {
                size_t n = strcspn(c, "|");
                qb_buf_adds(d, "<w:tc>");
                para(d, c, n);
                qb_buf_adds(d, "</w:tc>");
                c += n;
                if (*c)
                    c++;
            }
            qb_buf_adds(d, "</w:tr>");
        } else {
            if (in_table)
                qb_buf_adds(d, "</w:tbl>");
            in_table = 0;
            para(d, a, strlen(a));
        }
    }
    qb_buf_adds(d, in_table ? "</w:tbl></w:body></w:document>" : "</w:body></w:document>");
    for (int k = 0; k < 3; k++)
        v[k].crc = qb_crc32(0, v[k].data.s, v[k].data.len);
    int rc = write_zip(out, v, 3);
    for (int k = 0; k < 3; k++) {
        qb_buf_free(&v[k].name);
        qb_buf_free(&v[k].data);
    }
    return rc;
}

/* ---- two archives in one file (--join) ------------------------------------------ */

static uint32_t get32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void set32(unsigned char *p, uint64_t v)
{
    for (int k = 0; k < 4; k++)
        p[k] = (unsigned char)(v >> (8 * k));
}

typedef struct {
    char *b;
    size_t len, end;     /* end: where the end record starts (mkzip writes no comment) */
    uint64_t cdoff, cdsize, n;
} zipfile;

static int zip_load(const char *path, zipfile *z)
{
    memset(z, 0, sizeof *z);
    if (qb_read_file(path, (size_t)1 << 30, &z->b, &z->len) != QB_OK || z->len < 22 ||
        memcmp(z->b + z->len - 22, "PK\x05\x06", 4) != 0) {
        fprintf(stderr, "mkzip: %s: not a ZIP as mkzip writes them\n", path);
        return -1;
    }
    const unsigned char *e = (const unsigned char *)z->b + z->len - 22;
    z->end = z->len - 22;
    z->n = (uint64_t)(e[10] | e[11] << 8);
    z->cdsize = get32(e + 12);
    z->cdoff = get32(e + 16);
    return z->cdoff + z->cdsize <= z->end ? 0 : -1;
}

/* Every offset of z moved by shift bytes: the local header offsets and the end record's. */
static void zip_shift(zipfile *z, uint64_t shift)
{
    unsigned char *p = (unsigned char *)z->b;
    for (uint64_t pos = z->cdoff, i = 0; i < z->n && pos + 46 <= z->end; i++) {
        unsigned char *r = p + pos;
        set32(r + 42, get32(r + 42) + shift);
        pos += 46 + (uint64_t)(r[28] | r[29] << 8) + (r[30] | r[31] << 8) + (r[32] | r[33] << 8);
    }
    set32(p + z->end + 16, z->cdoff + shift);
}

static int join(const char *mode, const char *out, const char *pa, const char *pb)
{
    zipfile a, b;
    int decoy = strcmp(mode, "zip64-decoy") == 0;
    if (!decoy && strcmp(mode, "two-dirs") != 0) {
        fprintf(stderr, "mkzip: --join: unknown mode %s\n", mode);
        return 2;
    }
    if (zip_load(pa, &a) != 0 || zip_load(pb, &b) != 0) {
        free(a.b);
        return 1;
    }
    /* two-dirs: A whole, then B moved behind it. zip64-decoy: A without its end record,
     * B moved likewise, then a ZIP64 end record for B's directory, its locator, and A's
     * end record last. */
    uint64_t shift = decoy ? a.end : a.len;
    zip_shift(&b, shift);
    FILE *f = fopen(out, "wb");
    int rc = f ? 0 : 1;
    if (f) {
        fwrite(a.b, 1, decoy ? a.end : a.len, f);
        fwrite(b.b, 1, decoy ? b.end : b.len, f);
        if (decoy) {
            uint64_t rec = shift + b.end, cdoff = b.cdoff + shift;
            put32(f, 0x06064b50);
            put32(f, 44), put32(f, 0);          /* size of the rest of the record */
            put16(f, 45), put16(f, 45);         /* made by, needed: 4.5 */
            put32(f, 0), put32(f, 0);           /* this disk, disk of the directory */
            put32(f, (uint32_t)b.n), put32(f, 0);
            put32(f, (uint32_t)b.n), put32(f, 0);
            put32(f, (uint32_t)b.cdsize), put32(f, 0);
            put32(f, (uint32_t)cdoff), put32(f, (uint32_t)(cdoff >> 32));
            put32(f, 0x07064b50);               /* the locator */
            put32(f, 0);
            put32(f, (uint32_t)rec), put32(f, (uint32_t)(rec >> 32));
            put32(f, 1);
            fwrite(a.b + a.end, 1, 22, f);      /* A's end record: its directory */
        }
        rc = fclose(f) == 0 ? 0 : 1;
    }
    free(a.b);
    free(b.b);
    return rc;
}

/* Turn the text given to --unicode-path into the extra field 0x7075 for cur's name. */
static void unicode_path_field(entry *cur)
{
    qb_buf x = {0};
    uint32_t crc = qb_crc32(0, cur->name.s, cur->name.len);
    char h[9] = {0x75, 0x70, 0, 0, 1, (char)(crc & 0xFF), (char)(crc >> 8 & 0xFF),
                 (char)(crc >> 16 & 0xFF), (char)(crc >> 24)};
    h[2] = (char)((cur->extra.len + 5) & 0xFF);
    h[3] = (char)((cur->extra.len + 5) >> 8);
    qb_buf_add(&x, h, 9);
    qb_buf_add(&x, cur->extra.s, cur->extra.len);
    qb_buf_free(&cur->extra);
    cur->extra = x;
}

enum { O_7Z = 256, O_DOCX, O_JOIN, O_GBK, O_NOFLAG, O_HEX, O_UPATH, O_LOCAL, O_SYMLINK, O_DIR, O_ENC };

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        {"help", no_argument, NULL, 'h'},          {"7z", no_argument, NULL, O_7Z},
        {"docx", no_argument, NULL, O_DOCX},       {"join", required_argument, NULL, O_JOIN},
        {"gbk", no_argument, NULL, O_GBK},         {"noflag", no_argument, NULL, O_NOFLAG},
        {"hex", no_argument, NULL, O_HEX},         {"unicode-path", required_argument, NULL, O_UPATH},
        {"local", required_argument, NULL, O_LOCAL}, {"symlink", no_argument, NULL, O_SYMLINK},
        {"dir", no_argument, NULL, O_DIR},         {"encrypted", no_argument, NULL, O_ENC},
        {NULL, 0, NULL, 0}};
    int sevenz = 0, c;
    const char *out = NULL;
    entry *v = NULL;
    size_t n = 0, cap = 0;
    entry cur;
    memset(&cur, 0, sizeof cur);
    int gbk = 0, noflag = 0, hex = 0, bad = 0, help = 0;
    /* "-": operands come back in order (code 1), so an option applies to the entry
     * after it; "+" would stop at the first operand, the default would reorder them. */
    opterr = 0;
    while (!bad && !help && (c = getopt_long(argc, argv, "-:h", opts, NULL)) != -1) {
        const char *a = optarg;
        switch (c) {
        case 'h': help = 1; break;
        case O_7Z: sevenz = 1; bad = out != NULL; break;
        case O_DOCX: /* the rest are paragraphs, taken as they are (one may start with '-') */
            if (out || optind >= argc) {
                fputs("mkzip: --docx comes first and takes OUT.docx\n", stderr);
                bad = 1;
                break;
            }
            if (write_docx(argv[optind], argc - optind - 1, argv + optind + 1) == 0)
                return 0;
            fprintf(stderr, "mkzip: %s: cannot write\n", argv[optind]);
            return 1;
        case O_JOIN:
            if (out || argc - optind != 3) {
                fputs("mkzip: --join comes first and takes MODE OUT A.zip B.zip\n", stderr);
                bad = 1;
                break;
            }
            c = join(a, argv[optind], argv[optind + 1], argv[optind + 2]);
            if (c == 1)
                fprintf(stderr, "mkzip: %s: cannot write\n", argv[optind]);
            if (c == 2)
                usage(stderr);
            return c;
        case O_GBK: gbk = 1; break;
        case O_NOFLAG: noflag = 1; break;
        case O_HEX: hex = 1; break;
        case O_SYMLINK: cur.symlink = 1; break;
        case O_DIR: cur.dir = 1; break;
        case O_ENC: cur.encrypted = 1; break;
        case O_LOCAL: qb_buf_adds(&cur.local, a); break;
        case O_UPATH: qb_buf_adds(&cur.extra, a); break;
        case 1: {
            if (!out) {
                out = a;
                break;
            }
            const char *eq = strchr(a, '=');
            if (!eq) {
                fprintf(stderr, "mkzip: %s: an entry is NAME=CONTENT\n", a);
                bad = 1;
                break;
            }
            char *name = qb_strndup(a, (size_t)(eq - a));
            bad = spec_name(name, hex, gbk, &cur.name) != 0;
            if (!hex && !gbk)
                cur.flag_utf8 = !noflag && any_high(&cur.name);
            free(name);
            if (cur.extra.len) /* the text given was the Unicode Path: build the field */
                unicode_path_field(&cur);
            if (!bad && !cur.dir && sevenz && strncmp(eq + 1, "%zeros:", 7) == 0)
                cur.zeros = strtoul(eq + 8, NULL, 10); /* a bomb-sized test input, streamed */
            else if (!bad && !cur.dir)
                bad = spec_content(eq + 1, &cur.data) != 0;
            cur.crc = qb_crc32(0, cur.data.s ? cur.data.s : "", cur.data.len);
            if (qb_grow((void **)&v, &cap, n + 1, sizeof *v) != QB_OK)
                bad = 1;
            else
                v[n++] = cur;
            memset(&cur, 0, sizeof cur);
            gbk = noflag = hex = 0;
            break;
        }
        default: /* the reason and the usage, as every program says them */
            qb_cli_bad_option("mkzip", usage, argv, c);
            bad = 2;
        }
    }
    if (!help && !bad && !out) {
        fputs("mkzip: no output file given\n", stderr);
        bad = 1;
    }
    int rc = 2;
    if (help) {
        usage(stdout);
        rc = 0;
    } else if (bad) {
        if (bad == 1) /* bad == 2: said already, usage included */
            usage(stderr);
    }
    else
        rc = (sevenz ? write_7z(out, v, n) : write_zip(out, v, n)) == 0 ? 0 : 1;
    for (size_t k = 0; k < n; k++) {
        qb_buf_free(&v[k].name);
        qb_buf_free(&v[k].local);
        qb_buf_free(&v[k].extra);
        qb_buf_free(&v[k].data);
    }
    qb_buf_free(&cur.name);
    qb_buf_free(&cur.local);
    qb_buf_free(&cur.extra);
    qb_buf_free(&cur.data);
    free(v);
    if (rc == 1)
        fprintf(stderr, "mkzip: %s: cannot write\n", out);
    return rc;
}
