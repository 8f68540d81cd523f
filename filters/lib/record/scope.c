/* scope.c — the 遴选范围 an application form chose: decided once, here, and kept in the
 * record (the cover of the dossier, the reports and the batch show it).
 *
 * The form's 遴选范围 field as applicants write it — its number （二）, the sentence of the
 * notice, a shortened wording, a ticked box in a list of the five — is matched to one
 * of the edition's `[scoring] scope` lines; the shortened wordings through the key
 * phrases of `[form] scope_key = N | phrase | phrase`. A form without the field may still
 * tick one of the scopes anywhere in its text. */
#include "record.h"
#include "form.h"
#include "count.h"
#include "utf8.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Wordings compare as typed, whatever the width (core/count.h). */
static char *squeeze(const char *s, size_t len)
{
    return qb_text_fold(s, len);
}

/* The edition's scope number k (1-based), or NULL. */
static const char *scope_n(const qb_edition *ed, int k)
{
    size_t pos = 0;
    const qb_edition_entry *e;
    for (int i = 1; (e = qb_edition_next(ed, "scoring", "scope", &pos)); i++)
        if (i == k)
            return e->value;
    return NULL;
}

/* A number the text opens with: （二） 二、 2. 第二项 … → 2; 0 when none. */
static int lead_number(const char *s)
{
    static const char *const cn[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九"};
    const char *p = s;
    if (*p == '(')
        p++;
    if (strncmp(p, "第", 3) == 0)
        p += 3;
    int k = 0;
    size_t n = 0;
    if (*p >= '1' && *p <= '9' && !isdigit((unsigned char)p[1]))
        k = *p - '0', n = 1;
    for (int i = 0; i < 9 && !k; i++)
        if (strncmp(p, cn[i], 3) == 0)
            k = i + 1, n = 3;
    if (!k)
        return 0;
    p += n;
    /* what may follow a number: the end, its closing bracket, 、 . 项 类 (二氧化碳 is a word) */
    if ((s[0] == '(' && *p == ')') || !*p || *p == '.' || strncmp(p, "、", 3) == 0 || strncmp(p, "项", 3) == 0 ||
        strncmp(p, "类", 3) == 0)
        return k;
    return 0;
}

/* One line of wording (no tick): its scope number, 0 when none matches. */
static int match_line(const char *line, size_t len, const qb_edition *ed)
{
    char *s = squeeze(line, len);
    if (!s || !*s) {
        free(s);
        return 0;
    }
    int k = lead_number(s), hit = 0, hits = 0;
    if (k && scope_n(ed, k)) {
        free(s);
        return k;
    }
    k = 0;
    /* the sentence of the notice, whole */
    size_t pos = 0;
    const qb_edition_entry *e;
    for (int i = 1; (e = qb_edition_next(ed, "scoring", "scope", &pos)) && !hit; i++) {
        char *w = squeeze(e->value, strlen(e->value));
        if (w && strstr(s, w))
            hit = i;
        free(w);
    }
    /* a shortened wording: the key phrases of one scope only */
    pos = 0;
    while (!hit && (e = qb_edition_next(ed, "form", "scope_key", &pos))) {
        int n = atoi(e->value);
        const char *p = strchr(e->value, '|');
        int found = 0;
        while (p && !found) {
            const char *q = strchr(p + 1, '|');
            size_t plen = q ? (size_t)(q - p - 1) : strlen(p + 1);
            char *phrase = squeeze(p + 1, plen);
            found = phrase && *phrase && strstr(s, phrase);
            free(phrase);
            p = q;
        }
        if (found && (!hits || n != k)) {
            hits++;
            k = n;
        }
    }
    free(s);
    return hit ? hit : hits == 1 ? k : 0;
}

/* The scope a written value names, or NULL. A ticked box decides among listed options. */
const char *qb_form_scope_written(const char *value, const qb_edition *ed)
{
    if (!value || !*value)
        return NULL;
    const char *t = qb_form_ticked(value);
    const char *line = t ? t : value;
    size_t len = strlen(line);
    if (t) { /* the ticked option runs to the next box or line */
        const char *nl = strchr(line, '\n');
        if (nl)
            len = (size_t)(nl - line);
        for (size_t i = 0; i + 3 <= len; i++)
            if (strncmp(line + i, "□", 3) == 0 || strncmp(line + i, "☐", 3) == 0) {
                len = i;
                break;
            }
    }
    int k = match_line(line, len, ed);
    return k ? scope_n(ed, k) : NULL;
}

const char *qb_form_scope(const qb_doc *f, const qb_edition *ed)
{
    if (!f)
        return NULL;
    /* a paragraph that ticks one of the scopes */
    for (size_t i = 0; i < f->npara; i++) {
        const char *t = f->paras[i].text, *s = qb_form_ticked(t) ? qb_form_scope_written(t, ed) : NULL;
        if (s)
            return s;
    }
    const char *only = NULL;
    int mentioned = 0;
    size_t pos = 0;
    const qb_edition_entry *e;
    while ((e = qb_edition_next(ed, "scoring", "scope", &pos))) {
        /* forms shorten the wording: the first ten characters identify a scope */
        char key[64];
        size_t klen = qb_utf8_clip(e->value, 30);
        if (klen >= sizeof key)
            klen = sizeof key - 1;
        memcpy(key, e->value, klen);
        key[klen] = '\0';
        int seen = 0;
        for (size_t i = 0; i < f->npara && !seen; i++)
            seen = strstr(f->paras[i].text, key) != NULL;
        if (seen) {
            mentioned++;
            only = e->value;
        }
    }
    return mentioned == 1 ? only : NULL;
}

const char *qb_form_scope_of(const qb_doc *doc, const char *written, const qb_edition *ed)
{
    if (written && *written)
        return qb_form_scope_written(written, ed);
    return qb_form_scope(doc, ed);
}
