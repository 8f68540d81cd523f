/* roles.c — what each paragraph is by its own text and formatting: empty, a table of
 * contents entry, a caption, a heading inside a section, a list item or body text.
 * The section finder (sections.c) then marks the title, the section headings, what
 * comes before the title and what follows the write-up's end. Lint and the dossier
 * read the role; neither decides it again.
 *
 * A caption is recognised by its text (the edition's table_caption / figure_caption
 * patterns: 表 1, 图 2-1 …; "续表 1" continues a split table) or by a SEQ field
 * (Chinese Word's labels 表格 / 图表, or 表 / 图 / Table / Figure) or the Caption
 * style. Text alone must also look like a caption — no full stop, at most 60
 * characters — so that "表1 列出了各车间的主要质量指标。" in running text is body
 * text. Captions are looked for in the body and in text boxes, not in table cells
 * or notes.
 *
 * A table of contents is recognised by what Word writes: the reader's mark for a
 * paragraph inside a TOC field or a "Table of Contents" SDT, the TOC 1…9 styles, or a
 * 目录 heading followed by lines ending in page numbers (also three such lines with
 * dot leaders and no heading). Its lines are never headings or the title. */
#include "sections.h"

#include "count.h"
#include "utf8.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define CAPTION_MAX_CP 60
#define SUBHEADING_MAX_CP 40
#define MATCH_BYTES 256 /* patterns look at how a paragraph starts (and long ones cost a scan each) */

typedef struct {
    qb_patterns table_cap, figure_cap, prefix;
    pcre2_match_data *md;
} roles_ctx;

static int starts(const roles_ctx *c, const qb_patterns *l, const char *s)
{
    return qb_patterns_match(l, s, qb_utf8_clip(s, MATCH_BYTES), 0, c->md) >= 0;
}

/* Word's built-in TOC 1 … TOC 9 and "table of figures" styles (their w:name is English
 * in every language version; the style id is "TOC1" in English Word), or inside a TOC
 * field or SDT as the reader saw it. */
static int is_toc(const qb_para *p)
{
    if (p->in_toc)
        return 1;
    const char *n = p->f.style_name[0] ? p->f.style_name : p->f.style_id;
    if (strcasecmp(n, "table of figures") == 0)
        return 1;
    if (strncasecmp(n, "toc", 3) != 0 && strncmp(n, "目录", strlen("目录")) != 0)
        return 0;
    n += strncasecmp(n, "toc", 3) == 0 ? 3 : strlen("目录");
    if (*n == ' ')
        n++;
    return n[0] >= '1' && n[0] <= '9' && !n[1];
}

/* The code point ending s[0, len) and where it starts; 0 at the start. */
static unsigned last_cp(const char *s, size_t len, size_t *start)
{
    if (!len)
        return 0;
    size_t k = len - 1;
    while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
        k--;
    unsigned cp = 0;
    if (!qb_utf8_decode(s + k, len - k, &cp))
        cp = 0xFFFD;
    *start = k;
    return cp;
}

int qb_toc_line(const char *s)
{
    size_t len = strlen(s), k;
    unsigned cp;
    while ((cp = last_cp(s, len, &k)) && qb_cp_is_space(cp))
        len = k;
    size_t digits = 0;
    while (len && s[len - 1] >= '0' && s[len - 1] <= '9' && digits < 5) {
        len--;
        digits++;
    }
    if (!digits || digits > 4)
        return 0;
    int leader = 0, tab = 0, dots = 0;
    while ((cp = last_cp(s, len, &k))) {
        int dot = cp == '.' || cp == 0x00B7 || cp == 0x2026 || cp == 0x22EF || cp == 0xFF0E || cp == '_' || cp == '-';
        if (!dot && !qb_cp_is_space(cp))
            break;
        dots |= dot;
        tab |= cp == '\t';
        leader = 1;
        len = k;
    }
    if (!leader || !len || strstr(s, "。"))
        return 0;
    return dots ? 3 : tab ? 2 : 1;
}

/* "目录", "目  次", "Contents", "Table of Contents", or Word's TOC Heading style. */
static int is_toc_heading(const qb_para *p)
{
    if (strcasecmp(p->f.style_name, "TOC Heading") == 0)
        return 1;
    char t[64];
    size_t n = 0;
    const char *c = qb_para_body(p);
    size_t len = strlen(c);
    for (size_t i = 0; i < len;) {
        unsigned cp;
        size_t k = qb_utf8_decode(c + i, len - i, &cp);
        if (!k || n + k >= sizeof t)
            return 0;
        if (!qb_cp_is_space(cp)) {
            memcpy(t + n, c + i, k);
            n += k;
        }
        i += k;
    }
    t[n] = '\0';
    return strcmp(t, "目录") == 0 || strcmp(t, "目次") == 0 || strcasecmp(t, "contents") == 0 ||
           strcasecmp(t, "tableofcontents") == 0;
}

/* The table of contents by its layout: a 目录 heading and the lines after it that are
 * entries (marked already, or ending in a page number), or, with no heading, three or
 * more lines in a row with dot leaders before a page number (tabs alone also align a
 * list of figures in running text). */
static void mark_toc_layout(qb_doc *d)
{
    for (size_t i = 0; i < d->npara; i++) {
        qb_para *p = &d->paras[i];
        if (p->where != QB_IN_BODY || p->role == QB_PARA_EMPTY)
            continue;
        int head = is_toc_heading(p);
        int need = head ? 1 : 3, min = head ? 1 : 3;
        size_t n = 0, k = head ? i + 1 : i, last = i;
        for (; k < d->npara && d->paras[k].where == QB_IN_BODY; k++) {
            const qb_para *q = &d->paras[k];
            if (q->role == QB_PARA_EMPTY)
                continue;
            if (q->role != QB_PARA_TOC && qb_toc_line(q->text) < min)
                break;
            n++;
            last = k;
        }
        if (n < (size_t)need)
            continue;
        for (size_t j = i; j <= last; j++)
            if (d->paras[j].role != QB_PARA_EMPTY)
                d->paras[j].role = QB_PARA_TOC;
        i = last;
    }
}

static qb_para_role seq_role(const char *seq)
{
    if (!seq[0])
        return QB_PARA_UNSET;
    if (strcasecmp(seq, "Table") == 0 || (strstr(seq, "表") && !strstr(seq, "图表")))
        return QB_PARA_TABLE_CAPTION;
    if (strcasecmp(seq, "Figure") == 0 || strcasecmp(seq, "Fig") == 0 || strstr(seq, "图"))
        return QB_PARA_FIGURE_CAPTION;
    return QB_PARA_UNSET;
}

/* QB_PARA_TABLE_CAPTION, QB_PARA_FIGURE_CAPTION, or QB_PARA_UNSET. */
static qb_para_role caption_role(const roles_ctx *c, const qb_para *p)
{
    if (p->where != QB_IN_BODY && p->where != QB_IN_TEXTBOX)
        return QB_PARA_UNSET;
    const char *t = p->text + qb_skip_space(p->text, strlen(p->text), 0);
    int strong = p->seq[0] || strcasecmp(p->f.style_name, "caption") == 0;
    int shaped = !strstr(t, "。") && qb_utf8_length(t) <= CAPTION_MAX_CP;
    if (!strong && !shaped)
        return QB_PARA_UNSET; /* body text: no pattern can make it a caption */
    /* "续表 1 ……" heads the rest of a table split across pages */
    if (starts(c, &c->table_cap, t) || strncmp(t, "续表", strlen("续表")) == 0)
        return QB_PARA_TABLE_CAPTION;
    if (starts(c, &c->figure_cap, t))
        return QB_PARA_FIGURE_CAPTION;
    return seq_role(p->seq);
}

/* A heading inside a section: outline level, heading style, or a short line that
 * opens with an enumerator ("一、", "（二）") and has no full stop. */
static int is_subheading(const roles_ctx *c, const qb_para *p)
{
    if (p->where != QB_IN_BODY)
        return 0;
    if (p->f.outline_lvl >= 0)
        return 1;
    const char *n = p->f.style_name;
    if (strncasecmp(n, "heading", 7) == 0 || strcasecmp(n, "Title") == 0 || strcasecmp(n, "Subtitle") == 0 ||
        strstr(n, "标题"))
        return 1;
    if (strstr(p->text, "。") || qb_utf8_length(p->text) > SUBHEADING_MAX_CP)
        return 0;
    const char *t = p->text;
    while (*t == ' ' || *t == '\t')
        t++;
    return starts(c, &c->prefix, t);
}

static qb_para_role content_role(const roles_ctx *c, const qb_para *p)
{
    if (!qb_para_has_text(p))
        return QB_PARA_EMPTY;
    if (p->where == QB_IN_BODY && is_toc(p))
        return QB_PARA_TOC;
    qb_para_role r = caption_role(c, p);
    if (r != QB_PARA_UNSET)
        return r;
    if (is_subheading(c, p))
        return QB_PARA_SUBHEADING;
    return p->f.num_id > 0 ? QB_PARA_LIST : QB_PARA_BODY;
}

qb_status qb_roles_content(qb_doc *d, const qb_edition *ed)
{
    roles_ctx c;
    memset(&c, 0, sizeof c);
    qb_status st;
    if ((st = qb_edition_patterns(ed, "format", "table_caption", &c.table_cap)) == QB_OK &&
        (st = qb_edition_patterns(ed, "format", "figure_caption", &c.figure_cap)) == QB_OK &&
        (st = qb_edition_patterns(ed, "headings", "prefix", &c.prefix)) == QB_OK) {
        c.md = pcre2_match_data_create(4, NULL);
        st = c.md ? QB_OK : QB_ERR_NOMEM;
    }
    for (size_t i = 0; i < d->npara && st == QB_OK; i++) {
        d->paras[i].role = content_role(&c, &d->paras[i]);
        d->paras[i].role_sec = -1;
    }
    if (st == QB_OK)
        mark_toc_layout(d);
    qb_patterns_free(&c.table_cap);
    qb_patterns_free(&c.figure_cap);
    qb_patterns_free(&c.prefix);
    pcre2_match_data_free(c.md);
    return st;
}
