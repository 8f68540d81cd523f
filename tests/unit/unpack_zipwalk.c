/* The one central-directory walk (zipwalk.h) and the checks on it (zipcheck.h), on
 * ZIPs built here byte by byte: what a plain, commented or ZIP64 archive reads as; and
 * the one-reading rule — a second end record that reads (also one out of libzip's
 * sight, or hidden in the comment), bytes after the end record, a ZIP64 record naming
 * another directory, libzip reading other entries, a ZIP at the end of another
 * archive — each refused with its reason in both languages, while an empty archive's
 * end record inside a member is not a second reading. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "buf.h"
#include "rar5scan.h"
#include "tap.h"
#include "tmpdir.h"
#include "zipcheck.h"
#include "zipwalk.h"

static void p16(qb_buf *b, unsigned v)
{
    char c[2] = {(char)(v & 0xFF), (char)(v >> 8 & 0xFF)};
    qb_buf_add(b, c, 2);
}
static void p32(qb_buf *b, uint32_t v) { p16(b, v & 0xFFFF); p16(b, v >> 16); }
static void p64(qb_buf *b, uint64_t v) { p32(b, (uint32_t)v); p32(b, (uint32_t)(v >> 32)); }

/* Stored entries name=data … appended to b (whose length is the base of the offsets);
 * then the directory and the end record (ZIP64 when zip64, with comment). */
static void build_zip(qb_buf *b, const char *const *ent, const size_t *lens, int n, const char *comment, int zip64)
{
    uint64_t off[8], cd;
    for (int i = 0; i < n; i++) {
        const char *name = ent[2 * i], *data = ent[2 * i + 1];
        size_t len = lens ? lens[i] : strlen(data);
        off[i] = b->len;
        p32(b, 0x04034b50), p16(b, 20), p16(b, 0), p16(b, 0), p16(b, 0), p16(b, 0x21);
        p32(b, qb_crc32(0, data, len)), p32(b, (uint32_t)len), p32(b, (uint32_t)len);
        p16(b, (unsigned)strlen(name)), p16(b, 0);
        qb_buf_adds(b, name);
        qb_buf_add(b, data, len);
    }
    cd = b->len;
    for (int i = 0; i < n; i++) {
        const char *name = ent[2 * i], *data = ent[2 * i + 1];
        size_t len = lens ? lens[i] : strlen(data);
        p32(b, 0x02014b50), p16(b, 0x0314), p16(b, 20), p16(b, 0), p16(b, 0), p16(b, 0), p16(b, 0x21);
        p32(b, qb_crc32(0, data, len)), p32(b, (uint32_t)len), p32(b, (uint32_t)len);
        p16(b, (unsigned)strlen(name)), p16(b, 0), p16(b, 0), p16(b, 0), p16(b, 0);
        p32(b, 0100644u << 16), p32(b, (uint32_t)off[i]);
        qb_buf_adds(b, name);
    }
    uint64_t cdsize = b->len - cd;
    if (zip64) {
        uint64_t rec = b->len;
        p32(b, 0x06064b50), p64(b, 44), p16(b, 45), p16(b, 45), p32(b, 0), p32(b, 0);
        p64(b, (uint64_t)n), p64(b, (uint64_t)n), p64(b, cdsize), p64(b, cd);
        p32(b, 0x07064b50), p32(b, 0), p64(b, rec), p32(b, 1);
    }
    p32(b, 0x06054b50), p16(b, 0), p16(b, 0);
    p16(b, zip64 ? 0xFFFF : (unsigned)n), p16(b, zip64 ? 0xFFFF : (unsigned)n);
    p32(b, zip64 ? 0xFFFFFFFF : (uint32_t)cdsize), p32(b, zip64 ? 0xFFFFFFFF : (uint32_t)cd);
    p16(b, comment ? (unsigned)strlen(comment) : 0);
    if (comment)
        qb_buf_adds(b, comment);
}

static char path[4200];

static void save(const qb_buf *b)
{
    FILE *f = fopen(path, "wb");
    fwrite(b->s, 1, b->len, f);
    fclose(f);
}

/* Walk path; the status, and e. */
static qb_status walk(qb_zip_dir *d, qb_err *e)
{
    qb_err_clear(e);
    return qb_zip_dir_read(path, 0, d, e);
}

int main(void)
{
    char *dir = NULL;
    if (qb_tmpdir_make("zipwalk", &dir) != QB_OK) {
        printf("Bail out! no temporary folder\n");
        return 1;
    }
    snprintf(path, sizeof path, "%s/t.zip", dir);
    static const char *const two[] = {"a.txt", "first", "dir/b.txt", "second entry"};
    qb_buf b = {0};
    qb_zip_dir d;
    qb_err e;

    build_zip(&b, two, NULL, 2, NULL, 0);
    save(&b);
    ok(walk(&d, &e) == QB_OK && d.n == 2, "a plain ZIP: two entries");
    ok(d.n == 2 && d.v[1].nlen == 9 && memcmp(d.v[1].name, "dir/b.txt", 9) == 0 && d.v[1].usize == 12 &&
           d.v[1].crc == qb_crc32(0, "second entry", 12) && d.v[1].loff == 30 + 5 + 5,
       "name, size, CRC and local header offset as written");
    int zerr = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY, &zerr);
    ok(z && qb_zip_dir_agrees(z, &d, &e) == QB_OK, "libzip reads the same entries");
    if (z)
        zip_discard(z);
    qb_zip_dir_free(&d);
    qb_zip_info info;
    qb_err_clear(&e);
    ok(qb_zip_check(path, NULL, &info, &e) == QB_OK && info.entries == 2 && info.total_size == 17,
       "zipcheck over the walk: 2 entries, 17 bytes declared");

    qb_buf_free(&b);
    build_zip(&b, two, NULL, 2, "a comment", 0);
    save(&b);
    ok(walk(&d, &e) == QB_OK && d.n == 2, "a comment after the end record is the archive's own");
    qb_zip_dir_free(&d);

    qb_buf_adds(&b, "!");
    save(&b);
    ok(walk(&d, &e) == QB_ERR_FORMAT && d.ambiguous, "one byte beyond the comment: refused");
    ok(strstr(e.en, "1 bytes after the ZIP end record") && strstr(e.zh, "1 字节多余的数据"),
       "and said in English and Chinese (%s)", e.en);

    /* A fake end record in the comment, pointing at the same directory. */
    qb_buf_free(&b);
    build_zip(&b, two, NULL, 2, NULL, 0);
    qb_buf end = {0};
    qb_buf_add(&end, b.s + b.len - 22, 22);
    b.len -= 2;
    p16(&b, 22);
    qb_buf_add(&b, end.s, 20);
    p16(&b, 0);
    save(&b);
    ok(walk(&d, &e) == QB_ERR_FORMAT && d.ambiguous && strstr(e.en, "two ZIP end records"),
       "an end record hidden in the comment: two end records (%s)", e.en);
    qb_buf_free(&end);

    /* Two archives, the first more than 64 KiB from the end: out of libzip's sight,
     * still a second reading for a tool that reads from the front. */
    qb_buf_free(&b);
    build_zip(&b, two, NULL, 2, NULL, 0);
    char *big = malloc(70001);
    memset(big, 'x', 70000);
    big[70000] = '\0';
    const char *const second[] = {"big.txt", big};
    build_zip(&b, second, NULL, 1, NULL, 0);
    free(big);
    save(&b);
    ok(walk(&d, &e) == QB_ERR_FORMAT && d.ambiguous && strstr(e.zh, "两个中央目录"),
       "a second directory far from the end: refused (%s)", e.en);

    /* An empty archive stored as a member has an end record that reads as nothing. */
    qb_buf_free(&b);
    qb_buf empty = {0};
    build_zip(&empty, NULL, NULL, 0, NULL, 0);
    const char *const holder[] = {"empty.zip", empty.s, "a.txt", "x"};
    const size_t hlen[] = {empty.len, 1};
    build_zip(&b, holder, hlen, 2, NULL, 0);
    qb_buf_free(&empty);
    save(&b);
    ok(walk(&d, &e) == QB_OK && d.n == 2, "an empty archive's end record inside a member is no second reading");
    qb_zip_dir_free(&d);

    /* ZIP64: the end record saturated, the ZIP64 record holds the truth. */
    qb_buf_free(&b);
    build_zip(&b, two, NULL, 2, NULL, 1);
    save(&b);
    ok(walk(&d, &e) == QB_OK && d.n == 2 && d.v[0].usize == 5, "ZIP64 end record followed (%s)", e.en);
    qb_zip_dir_free(&d);

    /* The ZIP64 record names another directory than the end record (libzip follows
     * the locator, a tool without ZIP64 the end record). */
    qb_buf_free(&b);
    static const char *const other[] = {"a.txt", "other", "c.txt", "third"};
    build_zip(&b, other, NULL, 2, NULL, 1);
    qb_buf tail64 = {0};
    qb_buf_add(&tail64, b.s + b.len - 22 - 20 - 56, 56 + 20); /* its ZIP64 record and locator */
    b.len -= 22 + 20 + 56;
    build_zip(&b, two, NULL, 2, NULL, 0); /* then a plain archive (offsets from the start) */
    qb_buf plain_end = {0};
    qb_buf_add(&plain_end, b.s + b.len - 22, 22);
    b.len -= 22;
    uint64_t rec_new = b.len;
    qb_buf_add(&b, tail64.s, 56);
    p32(&b, 0x07064b50), p32(&b, 0), p64(&b, rec_new), p32(&b, 1);
    qb_buf_add(&b, plain_end.s, 22);
    qb_buf_free(&tail64);
    qb_buf_free(&plain_end);
    save(&b);
    ok(walk(&d, &e) == QB_ERR_FORMAT && d.ambiguous && strstr(e.en, "ZIP64 end record names another directory"),
       "a ZIP64 record that disagrees with the end record: refused (%s)", e.en);

    /* libzip's reading against another walk: every difference is named. */
    qb_buf_free(&b);
    build_zip(&b, two, NULL, 2, NULL, 0);
    save(&b);
    z = zip_open(path, ZIP_RDONLY, &zerr);
    qb_buf_free(&b);
    build_zip(&b, other, NULL, 2, NULL, 0);
    save(&b);
    ok(z && walk(&d, &e) == QB_OK, "another archive walked");
    ok(z && qb_zip_dir_agrees(z, &d, &e) == QB_ERR_FORMAT && strstr(e.en, "entry 1: CRC") &&
           strstr(e.zh, "第 1 个文件的校验值"),
       "libzip's entries against another walk: the first difference named (%s)", e.en);
    qb_zip_dir_free(&d);
    qb_buf_free(&b);
    static const char *const renamed[] = {"A.txt", "first", "dir/b.txt", "second entry"};
    build_zip(&b, renamed, NULL, 2, NULL, 0);
    save(&b);
    walk(&d, &e);
    qb_err_clear(&e);
    ok(z && qb_zip_dir_agrees(z, &d, &e) == QB_ERR_FORMAT && strstr(e.en, "entry 1: name"), "a name (%s)", e.en);
    qb_zip_dir_free(&d);
    qb_buf_free(&b);
    build_zip(&b, two, NULL, 1, NULL, 0);
    save(&b);
    walk(&d, &e);
    qb_err_clear(&e);
    ok(z && qb_zip_dir_agrees(z, &d, &e) == QB_ERR_FORMAT && strstr(e.en, "number of entries"),
       "the number of entries (%s)", e.en);
    qb_zip_dir_free(&d);
    if (z)
        zip_discard(z);

    /* No end record at all. */
    qb_buf_free(&b);
    qb_buf_adds(&b, "PK\x03\x04 and nothing else of a ZIP");
    save(&b);
    ok(walk(&d, &e) == QB_ERR_FORMAT && !d.ambiguous, "no end record: corrupt, not ambiguous");
    is_str(e.zh, "ZIP 压缩包不完整（文件被截断），请重新打包提交", "the reason the applicant reads");

    /* A ZIP at the end of something else (offsets as if alone, as cat makes it). */
    qb_buf_free(&b);
    qb_buf zb = {0};
    build_zip(&zb, two, NULL, 2, NULL, 0);
    qb_buf_adds(&b, "Rar!\x1a\x07\x01 pretend this is a RAR archive");
    qb_buf_add(&b, zb.s, zb.len);
    save(&b);
    ok(qb_zip_appended(path), "a ZIP appended to another archive is seen");
    qb_buf_adds(&b, "tail");
    save(&b);
    ok(!qb_zip_appended(path), "not when the file does not end with it");
    qb_buf_free(&zb);

    qb_buf_free(&b);
    qb_tree_remove(dir);
    free(dir);
    printf("1..%d\n", tap_n);
    return tap_failed != 0;
}
