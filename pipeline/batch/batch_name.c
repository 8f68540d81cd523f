/* batch_name.c — names the batch derives from inbox entries: the outbox folder, the name
 * shown to people, a URL path, a CSV field. */
#include "batch_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "names.h"
#include "utf8.h"

#define FOLDER_MAX 200 /* bytes; NAME_MAX is 255 and escapes triple a byte */
#define FOLDER_CUT 160

/* Code points that must not reach a folder name or a screen as they are: controls,
 * and the bidi overrides that make a name read differently from what it is. */
static int hidden_cp(unsigned cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x200E || cp == 0x200F ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

static qb_status esc_bytes(qb_buf *b, const char *s, size_t n)
{
    qb_status st = QB_OK;
    for (size_t i = 0; i < n && st == QB_OK; i++)
        st = qb_buf_addf(b, "%%%02X", (unsigned char)s[i]);
    return st;
}

/* The summary files' names: a package must not land on one of them. */
static int reserved(const char *s)
{
    static const char *const names[] = {"summary.xlsx", "summary.csv", "summary.json", "index.html"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcasecmp(s, names[i]) == 0)
            return 1;
    return 0;
}

static qb_status escape_into(qb_buf *b, const char *s)
{
    size_t len = strlen(s);
    int dot_pending = reserved(s); /* escape the first '.' of a reserved name */
    qb_status st = QB_OK;
    for (size_t i = 0; i < len && st == QB_OK;) {
        unsigned char c = (unsigned char)s[i];
        unsigned cp;
        size_t k = c >= 0x80 ? qb_utf8_decode(s + i, len - i, &cp) : 1;
        if (c >= 0x80) {
            st = k == 0 ? esc_bytes(b, s + i, 1) : hidden_cp(cp) ? esc_bytes(b, s + i, k) : qb_buf_add(b, s + i, k);
            i += k ? k : 1;
            continue;
        }
        int esc = c < 0x20 || c == 0x7F || strchr("%/\\:*?\"<>|", c) != NULL || (i == 0 && c == '.') ||
                  (i == len - 1 && (c == '.' || c == ' ')) || (c == '.' && dot_pending);
        if (c == '.')
            dot_pending = 0;
        st = esc ? esc_bytes(b, s + i, 1) : qb_buf_add(b, s + i, 1);
        i++;
    }
    return st;
}

char *qb_batch_folder_name(const char *name)
{
    qb_buf b = {0};
    char *dec = NULL;
    const char *src = name, *mark = "";
    size_t len = strlen(name);
    /* GB18030 names (copied from a Windows share) stay readable; the mark keeps them
     * apart from a UTF-8 name of the same text. */
    if (!qb_utf8_valid(name, len, NULL) && qb_name_decode(name, len, 0, &dec) == QB_OK) {
        src = dec;
        mark = "%gbk";
    }
    qb_status st = len == 0 ? qb_buf_adds(&b, "%00") : escape_into(&b, src);
    if (st == QB_OK)
        st = qb_buf_adds(&b, mark);
    free(dec);
    if (st == QB_OK && b.len > FOLDER_MAX) {
        size_t k = qb_utf8_clip(b.s, FOLDER_CUT);
        if (k >= 1 && b.s[k - 1] == '%') /* never cut an escape in two */
            k -= 1;
        else if (k >= 2 && b.s[k - 2] == '%')
            k -= 2;
        char hex[65];
        qb_batch_sha256(name, len, hex);
        b.len = k;
        b.s[k] = '\0';
        st = qb_buf_addf(&b, "%%~%.16s", hex); /* "%~" never comes out of escaping */
    }
    if (st != QB_OK) {
        qb_buf_free(&b);
        return NULL;
    }
    return qb_buf_take(&b);
}

/* Copy valid UTF-8 s, hidden characters as U+FFFD. */
static qb_status visible(qb_buf *b, const char *s)
{
    size_t len = strlen(s);
    qb_status st = QB_OK;
    for (size_t i = 0; i < len && st == QB_OK;) {
        unsigned cp;
        size_t k = qb_utf8_decode(s + i, len - i, &cp);
        if (k == 0 || hidden_cp(cp))
            st = qb_buf_addc(b, 0xFFFD);
        else
            st = qb_buf_add(b, s + i, k);
        i += k ? k : 1;
    }
    return st;
}

char *qb_batch_display_name(const char *name)
{
    qb_buf b = {0};
    char *dec = NULL;
    size_t len = strlen(name);
    if (!qb_utf8_valid(name, len, NULL) && qb_name_decode(name, len, 0, &dec) != QB_OK)
        dec = NULL;
    qb_status st = visible(&b, dec ? dec : name);
    if (st == QB_OK && b.len == 0)
        st = qb_buf_adds(&b, "");
    free(dec);
    if (st != QB_OK) {
        qb_buf_free(&b);
        return NULL;
    }
    return qb_buf_take(&b);
}

char *qb_batch_url(const char *folder_name)
{
    qb_buf b = {0};
    qb_status st = qb_buf_adds(&b, "");
    for (const char *p = folder_name; *p && st == QB_OK; p++) {
        unsigned char c = (unsigned char)*p;
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || strchr("-._~", c))
            st = qb_buf_add(&b, p, 1);
        else
            st = qb_buf_addf(&b, "%%%02X", c);
    }
    if (st != QB_OK) {
        qb_buf_free(&b);
        return NULL;
    }
    return qb_buf_take(&b);
}

char *qb_batch_csv_field(const char *s)
{
    qb_buf b = {0};
    if (!s)
        s = "";
    /* what a spreadsheet may take for a formula: = + - @, also after a tab or CR */
    int formula = s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
    int quote = strpbrk(s, ",\"\r\n") != NULL;
    qb_status st = qb_buf_adds(&b, quote ? "\"" : "");
    if (st == QB_OK && formula)
        st = qb_buf_adds(&b, "'");
    for (const char *p = s; *p && st == QB_OK; p++)
        st = qb_buf_add(&b, *p == '"' ? "\"\"" : p, *p == '"' ? 2 : 1);
    if (st == QB_OK && quote)
        st = qb_buf_adds(&b, "\"");
    if (st != QB_OK) {
        qb_buf_free(&b);
        return NULL;
    }
    return qb_buf_take(&b);
}
