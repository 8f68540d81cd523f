/* scope.c — the 遴选范围 an application form chose: decided once, here, and kept in the
 * record (the cover of the dossier shows it). The form issue reads the form's fields
 * properly; until then this looks for the edition's scopes in the form's text. */
#include "record.h"
#include "utf8.h"

#include <string.h>

/* Characters a form uses to tick a box. */
static int is_tick(unsigned cp)
{
    return cp == 0x2611 || cp == 0x2612 || cp == 0x2713 || cp == 0x2714 || cp == 0x221A || cp == 0x25A0 ||
           cp == 0x25CF || cp == 0x2605 || cp == 0x25C9 || cp == 0x2718;
}

/* Does the paragraph mark `key` as chosen: a tick among the few characters before it? */
static int ticked_before(const char *text, const char *at)
{
    const char *p = at;
    for (int back = 0; back < 3 && p > text; back++) {
        do
            p--;
        while (p > text && ((unsigned char)*p & 0xC0) == 0x80);
        unsigned cp;
        if (qb_utf8_decode(p, (size_t)(at - p), &cp) && is_tick(cp))
            return 1;
    }
    return 0;
}

/* The 遴选范围 the form chose among the edition's scopes: the one ticked, or the only
 * one the form mentions. NULL when the form does not tell. */
const char *qb_form_scope(const qb_doc *f, const qb_edition *ed)
{
    if (!f)
        return NULL;
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
        for (size_t i = 0; i < f->npara; i++) {
            const char *t = f->paras[i].text, *at = strstr(t, key);
            if (!at)
                continue;
            seen = 1;
            if (ticked_before(t, at))
                return e->value;
        }
        if (seen) {
            mentioned++;
            only = e->value;
        }
    }
    return mentioned == 1 ? only : NULL;
}
