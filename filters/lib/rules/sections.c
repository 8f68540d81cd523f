/* sections.c — the write-up's sections, their 字数, and the findings about them.
 *
 * Headings are looked for in the body and, in a form-like draft, in the first column of
 * a table that holds them (the text in the cells beside and below, which come next in
 * reading order). Lines of a table of contents (roles.c) are never headings or the
 * title. The title may take several lines: centred lines in the same formatting, and
 * a subtitle starting with ——, which counts toward the title's limit. */
#include "sections.h"
#include "buf.h"
#include "count.h"
#include "utf8.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* A heading line with no colon is short and has no full stop (else it is body text). */
#define HEADING_MAX_CP 30

typedef struct {
    qb_patterns prefix, skip, end, naming, title_label, head[QB_NSEC];
    pcre2_match_data *md;
} matcher;

static void matcher_free(matcher *m)
{
    qb_patterns_free(&m->prefix);
    qb_patterns_free(&m->skip);
    qb_patterns_free(&m->end);
    qb_patterns_free(&m->naming);
    qb_patterns_free(&m->title_label);
    for (int s = 0; s < QB_NSEC; s++)
        qb_patterns_free(&m->head[s]);
    pcre2_match_data_free(m->md);
}

/* The edition compiled its patterns when it was loaded; collect the ones for each key. */
static qb_status matcher_init(matcher *m, const qb_edition *ed)
{
    memset(m, 0, sizeof *m);
    qb_status st;
    if ((st = qb_edition_patterns(ed, "headings", "prefix", &m->prefix)) != QB_OK ||
        (st = qb_edition_patterns(ed, "headings", "skip", &m->skip)) != QB_OK ||
        (st = qb_edition_patterns(ed, "headings", "end", &m->end)) != QB_OK ||
        (st = qb_edition_patterns(ed, "title", "naming", &m->naming)) != QB_OK ||
        (st = qb_edition_patterns(ed, "headings", "title_label", &m->title_label)) != QB_OK)
        return st;
    for (int s = QB_SEC_ABSTRACT; s < QB_NSEC; s++)
        if ((st = qb_edition_patterns(ed, "headings", qb_sec_key((qb_secid)s), &m->head[s])) != QB_OK)
            return st;
    m->md = pcre2_match_data_create(4, NULL);
    return m->md ? QB_OK : QB_ERR_NOMEM;
}

/* Length of the match of any pattern at the start of s, or -1. */
static long match_any(matcher *m, const qb_patterns *l, const char *s, size_t len)
{
    return qb_patterns_match(l, s, len, 0, m->md);
}

static size_t trim_end(const char *s, size_t len)
{
    while (len > 0) {
        size_t k = len - 1;
        while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
            k--;
        unsigned cp;
        if (!qb_utf8_decode(s + k, len - k, &cp) || !qb_cp_is_space(cp))
            break;
        len = k;
    }
    return len;
}

typedef struct {
    int sec;          /* section id, or -1 for an end marker */
    size_t head_bytes;/* bytes of the paragraph text that belong to the heading */
    int inline_text;  /* text follows the heading in the same paragraph */
} heading;

/* Does the match s[0, n) end in punctuation ("【摘要】", "[摘要]")? */
static int ends_in_mark(const char *s, size_t n)
{
    size_t k = n;
    while (k > 0 && ((unsigned char)s[k - 1] & 0xC0) == 0x80)
        k--;
    unsigned cp;
    if (!k || !qb_utf8_decode(s + k - 1, n - k + 1, &cp))
        return 0;
    return (cp < 0x80 && ispunct((int)cp)) || (cp >= 0x3001 && cp <= 0x303F) ||
           (cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF40) ||
           (cp >= 0xFF5B && cp <= 0xFF65);
}

/* Is paragraph text s a heading of some section (or an end marker)? */
static int classify(matcher *m, const char *s, heading *h)
{
    size_t len = strlen(s);
    size_t start = qb_skip_space(s, len, 0);
    len = trim_end(s, len);
    if (start >= len)
        return 0;
    if (qb_toc_line(s) >= 2)
        return 0; /* "摘要……1": an entry of a table of contents */
    size_t cps = 0;
    int full_stop = 0;
    for (size_t i = start; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            cps++;
    full_stop = strstr(s, "。") != NULL;
    /* with and without an enumerator prefix (without one, the first way is the second) */
    size_t starts[2] = {start, start};
    long pm = match_any(m, &m->prefix, s + start, len - start);
    if (pm > 0)
        starts[1] = qb_skip_space(s, len, start + (size_t)pm);
    for (int k = starts[1] != starts[0]; k >= 0; k--) {
        size_t b = starts[k];
        for (int sec = QB_SEC_ABSTRACT; sec <= QB_NSEC; sec++) {
            const qb_patterns *l = sec == QB_NSEC ? &m->end : &m->head[sec];
            long e = match_any(m, l, s + b, len - b);
            if (e < 0)
                continue;
            size_t after = qb_skip_space(s, len, b + (size_t)e);
            h->sec = sec == QB_NSEC ? -1 : sec;
            h->inline_text = 0;
            if (after >= len) {
                h->head_bytes = len;
                return 1;
            }
            /* "摘要：本文……", "【摘要】本文……" — heading and text share the paragraph: a
             * colon follows the heading, or the heading as the edition writes it ends in
             * a mark of its own (a closing bracket) */
            int colon = strncmp(s + after, "：", 3) == 0 || s[after] == ':';
            if (colon || ends_in_mark(s + b, (size_t)e)) {
                size_t c = colon ? after + (s[after] == ':' ? 1 : 3) : after;
                h->head_bytes = qb_skip_space(s, len, c);
                h->inline_text = h->head_bytes < len;
                return 1;
            }
            if (cps <= HEADING_MAX_CP && !full_stop) {
                h->head_bytes = len;
                return 1;
            }
        }
    }
    return 0;
}

/* Count paragraph p's text from byte `from` on, without its equations (math runs):
 * each stretch of other runs is one text, so an equation ends a Latin word. */
static void count_para(qb_count *c, const qb_para *p, size_t from)
{
    size_t off = p->label_len, start = from;
    for (size_t r = 0; r < p->nruns; r++) {
        size_t len = strlen(p->runs[r].text);
        if (p->runs[r].f.math) {
            if (off > start)
                qb_count_text(c, p->text + start, off - start);
            if (off + len > start)
                start = off + len;
        }
        off += len;
    }
    size_t total = strlen(p->text);
    if (total > start)
        qb_count_text(c, p->text + start, total - start);
}

static void count_range(qb_doc *d, qb_section *sec, const qb_edition *ed)
{
    qb_count c = {0, 0};
    if (sec->inline_head)
        count_para(&c, &d->paras[sec->head], sec->head_bytes);
    for (size_t i = sec->first; i < sec->end; i++)
        count_para(&c, &d->paras[i], d->paras[i].label_len);
    sec->words = c.words;
    sec->chars = c.chars;
    sec->count = ed->count_mode == QB_COUNT_CHARS ? c.chars : c.words;
}

static qb_status add_missing(qb_doc *d, qb_secid s)
{
    char *zh = qb_asprintf("未找到“%s”部分：请按编写说明设置“%s”标题及其内容", qb_sec_name_zh(s),
                           s == QB_SEC_TITLE ? "质量标杆名称" : qb_sec_name_zh(s));
    char *en = qb_asprintf("section \"%s\" not found", qb_sec_name_en(s));
    qb_status st = zh && en ? qb_findings_add(&d->findings, "section.missing", QB_SEV_ERROR, d->file,
                                              qb_sec_key(s), 0, NULL, zh, en)
                            : QB_ERR_NOMEM;
    free(zh);
    free(en);
    return st;
}

static qb_status add_over(qb_doc *d, qb_secid s, const qb_edition *ed)
{
    const qb_section *sec = &d->sec[s];
    const char *unit = ed->count_mode == QB_COUNT_CHARS ? "个字符" : "字";
    char *rule = qb_asprintf("count.%s", qb_sec_key(s));
    char *zh = qb_asprintf("“%s”共 %ld %s，超过 %ld %s的上限（超出 %ld %s），请压缩", qb_sec_name_zh(s),
                           sec->count, unit, sec->limit, unit, sec->count - sec->limit, unit);
    char *en = qb_asprintf("%s has %ld %s, over the limit of %ld", qb_sec_name_en(s), sec->count,
                           ed->count_mode == QB_COUNT_CHARS ? "characters" : "words (字数)", sec->limit);
    const qb_para *hp = &d->paras[sec->head];
    char *ex = qb_utf8_excerpt(qb_para_body(hp), 40);
    qb_status st = rule && zh && en && ex
                       ? qb_findings_add(&d->findings, rule, QB_SEV_ERROR, d->file, qb_sec_key(s),
                                         hp->number, ex, zh, en)
                       : QB_ERR_NOMEM;
    free(rule);
    free(zh);
    free(en);
    free(ex);
    return st;
}

/* A subtitle line: "——以……为例". */
static int is_subtitle(const char *t)
{
    t += qb_skip_space(t, strlen(t), 0);
    return strncmp(t, "——", strlen("——")) == 0;
}

/* The title's text, its lines joined; with_sub: the subtitle too. */
static qb_status title_text(const qb_doc *d, int with_sub, qb_buf *b)
{
    const qb_section *sec = &d->sec[QB_SEC_TITLE];
    const qb_para *p = &d->paras[sec->head];
    qb_buf_adds(b, sec->inline_head ? p->text + sec->head_bytes : qb_para_body(p));
    for (size_t i = sec->head + 1; i < sec->end; i++) {
        const char *t = qb_para_body(&d->paras[i]);
        if (d->paras[i].role == QB_PARA_EMPTY || (!with_sub && is_subtitle(t)))
            continue;
        size_t len = trim_end(b->s ? b->s : "", b->len);
        b->len = len; /* the lines meet without the spaces that ended them */
        if (b->s)
            b->s[len] = '\0';
        qb_buf_adds(b, t + qb_skip_space(t, strlen(t), 0));
    }
    return qb_buf_status(b);
}

/* Whole-title match: the pattern is anchored at the start, and must reach the end. */
static int title_named(matcher *m, const char *t)
{
    size_t len = strlen(t), b = qb_skip_space(t, len, 0), e = trim_end(t, len);
    return e > b && qb_patterns_match(&m->naming, t + b, e - b, PCRE2_ENDANCHORED, m->md) >= 0;
}

static qb_status check_title(qb_doc *d, matcher *m, const qb_edition *ed)
{
    const qb_section *sec = &d->sec[QB_SEC_TITLE];
    const qb_para *p = &d->paras[sec->head];
    qb_buf main = {0}, all = {0};
    qb_status st = title_text(d, 0, &main);
    if (st == QB_OK)
        st = title_text(d, 1, &all);
    const char *t = main.s ? main.s : "";
    size_t len = strlen(t);
    size_t b = qb_skip_space(t, len, 0);
    size_t e = trim_end(t, len);
    /* the main lines are named as the rules say, or the whole block with its subtitle is */
    if (st != QB_OK || m->naming.n == 0 || e <= b || title_named(m, t) || title_named(m, all.s ? all.s : "")) {
        qb_buf_free(&main);
        qb_buf_free(&all);
        return st;
    }
    qb_severity sev = QB_SEV_WARNING;
    const char *sv = qb_edition_get(ed, "title", "naming_severity");
    if (sv)
        qb_severity_parse(sv, &sev);
    const char *example = qb_edition_get(ed, "title", "example");
    char *zh = qb_asprintf("标题应按“（企业）+（典型方法技术）+（经验）”命名%s%s%s",
                           example ? "，如：“" : "", example ? example : "", example ? "”" : "");
    char *ex = qb_utf8_excerpt(t + b, 60);
    st = zh && ex ? qb_findings_add(&d->findings, "title.naming", sev, d->file, "title", p->number, ex, zh,
                                    "the title should read (organisation)+(method)+经验, e.g. "
                                    "\"××公司实施六西格玛设计的经验\"")
                  : QB_ERR_NOMEM;
    free(zh);
    free(ex);
    qb_buf_free(&main);
    qb_buf_free(&all);
    return st;
}

/* A heading with nothing under it would count 0 字 and pass every limit: say so, and
 * what to change (the usual cause is an outline or contents list typed by hand). */
static qb_status add_empty(qb_doc *d, qb_secid s)
{
    const qb_para *hp = &d->paras[d->sec[s].head];
    char *zh = qb_asprintf("“%s”标题（第 %d 段）下没有文字，字数为 0：请在该标题下填写“%s”的内容；"
                           "若这些标题是手工输入的目录或提纲，请删除，或改用 Word 的“引用→目录”自动生成目录",
                           qb_sec_name_zh(s), hp->number, qb_sec_name_zh(s));
    char *en = qb_asprintf("the heading of %s (paragraph %d) has no text under it (0 words): write the section "
                           "under it; if these headings are a contents list typed by hand, delete it or let "
                           "Word insert a table of contents", qb_sec_name_en(s), hp->number);
    char *ex = qb_utf8_excerpt(qb_para_body(hp), 40);
    qb_status st = zh && en && ex ? qb_findings_add(&d->findings, "section.empty", QB_SEV_ERROR, d->file,
                                                    qb_sec_key(s), hp->number, ex, zh, en)
                                  : QB_ERR_NOMEM;
    free(zh);
    free(en);
    free(ex);
    return st;
}

/* The roles that come from the sections: the title, each section's heading, what
 * stands before the title (labels) and what follows the write-up's end (appendix:
 * after an end marker such as 附件, outside every section; its captions stay captions). */
static void mark_roles(qb_doc *d, long first_heading)
{
    for (int s = 0; s < QB_NSEC; s++) {
        const qb_section *sec = &d->sec[s];
        if (!sec->found)
            continue;
        d->paras[sec->head].role = s == QB_SEC_TITLE ? QB_PARA_TITLE : QB_PARA_HEADING;
        d->paras[sec->head].role_sec = s;
    }
    if (d->sec[QB_SEC_TITLE].found) /* a title over several lines: each line is the title */
        for (size_t i = d->sec[QB_SEC_TITLE].head + 1; i < d->sec[QB_SEC_TITLE].end; i++)
            if (d->paras[i].role != QB_PARA_EMPTY) {
                d->paras[i].role = QB_PARA_TITLE;
                d->paras[i].role_sec = QB_SEC_TITLE;
            }
    size_t front = d->sec[QB_SEC_TITLE].found ? d->sec[QB_SEC_TITLE].head
                   : first_heading >= 0       ? (size_t)first_heading : 0;
    for (size_t i = 0; i < d->npara; i++) {
        qb_para *p = &d->paras[i];
        if (p->role == QB_PARA_EMPTY || p->role == QB_PARA_TITLE || p->role == QB_PARA_HEADING ||
            p->role == QB_PARA_TABLE_CAPTION || p->role == QB_PARA_FIGURE_CAPTION || p->role == QB_PARA_TOC)
            continue;
        if (i < front)
            p->role = QB_PARA_FRONT;
        else if (first_heading >= 0 && i >= (size_t)first_heading && qb_sections_of_para(d, i) < 0)
            p->role = QB_PARA_APPENDIX;
    }
}

static int nbits(unsigned v)
{
    int n = 0;
    for (; v; v &= v - 1)
        n++;
    return n;
}

/* For each paragraph: is it the first with text in its table cell (a heading opens a
 * cell)? One pass: a cell's paragraphs come one after another. */
static char *first_in_cells(const qb_doc *d)
{
    char *f = calloc(d->npara ? d->npara : 1, 1);
    if (!f)
        return NULL;
    int seen = 0;
    for (size_t i = 0; i < d->npara; i++) {
        const qb_para *p = &d->paras[i], *q = i ? &d->paras[i - 1] : NULL;
        if (p->where != QB_IN_TABLE)
            continue;
        if (!q || q->where != QB_IN_TABLE || q->table != p->table || q->row != p->row || q->cell != p->cell)
            seen = 0;
        f[i] = !seen && p->role != QB_PARA_EMPTY;
        seen |= p->role != QB_PARA_EMPTY;
    }
    return f;
}

/* Form-like drafts put the headings in a table: the first column (the text beside them)
 * or a one-column table's rows (the text below). Such a table opens with a heading or
 * holds two sections' headings; ok[t] says which tables do. A table whose first row
 * names several sections side by side has its text in columns, which reading order
 * cannot split: *across gets the first paragraph of such a table (else -1). */
static qb_status heading_tables(qb_doc *d, matcher *m, const char *first, int **ok, long *across)
{
    *across = -1;
    *ok = calloc(d->ntable ? d->ntable : 1, sizeof **ok);
    unsigned *seen = calloc(d->ntable ? d->ntable : 1, sizeof *seen);
    unsigned *row0 = calloc(d->ntable ? d->ntable : 1, sizeof *row0);
    if (!*ok || !seen || !row0) {
        free(seen);
        free(row0);
        return QB_ERR_NOMEM;
    }
    for (size_t i = 0; i < d->npara; i++) {
        const qb_para *p = &d->paras[i];
        if (p->where != QB_IN_TABLE || p->table < 0 || (size_t)p->table >= d->ntable ||
            d->tables[p->table].depth != 1 || !first[i])
            continue;
        heading h;
        if (p->cell != 0 && p->row != 0)
            continue;
        if (!classify(m, p->text, &h) || h.sec < 0)
            continue;
        if (p->row == 0)
            row0[p->table] |= 1u << h.sec;
        if (p->cell != 0)
            continue;
        seen[p->table] |= 1u << h.sec;
        if (p->row == 0 && d->tables[p->table].first_para == i)
            (*ok)[p->table] = 1; /* the table opens with a heading */
    }
    for (size_t t = 0; t < d->ntable; t++) {
        if (nbits(seen[t]) >= 2)
            (*ok)[t] = 1;
        if (nbits(row0[t]) >= 2 && d->tables[t].cols > 1 && nbits(seen[t]) < 2) {
            (*ok)[t] = 0;
            if (*across < 0)
                *across = (long)d->tables[t].first_para;
        }
    }
    free(seen);
    free(row0);
    return QB_OK;
}

/* Where a heading may stand: the body, or the first column of a heading table. */
static int heading_place(const qb_doc *d, const int *ok, const char *first, size_t i)
{
    const qb_para *p = &d->paras[i];
    if (p->where == QB_IN_BODY)
        return 1;
    return p->where == QB_IN_TABLE && p->table >= 0 && (size_t)p->table < d->ntable && ok[p->table] &&
           p->cell == 0 && first[i];
}

static qb_status add_across(qb_doc *d, size_t para)
{
    const qb_para *p = &d->paras[para];
    char *ex = qb_utf8_excerpt(qb_para_body(p), 40);
    qb_status st = ex ? qb_findings_add(&d->findings, "section.layout", QB_SEV_ERROR, d->file, NULL, p->number, ex,
                                        "表格第一行并排写了几个部分的标题，无法分清各部分的正文：请把各部分标题"
                                        "放在表格第一列、内容放在其右侧单元格，或把标题和内容写在表格外的正文中",
                                        "a table names several sections side by side in its first row, so their "
                                        "text cannot be told apart: put the headings in the first column with the "
                                        "text beside them, or write the sections outside the table")
                      : QB_ERR_NOMEM;
    free(ex);
    return st;
}

/* The formatting a line shows: its first run with text. */
static const qb_rfmt *line_look(const qb_para *p)
{
    for (size_t r = 0; r < p->nruns; r++) {
        const char *t = p->runs[r].text;
        if (qb_skip_space(t, strlen(t), 0) < strlen(t))
            return &p->runs[r].f;
    }
    return &p->mark;
}

#define TITLE_LINE_MAX_CP 40 /* a title line is short: the whole title's limit */
#define TITLE_MAX_LINES 3

/* Does line q continue the title that starts with line p? Centred like it, in the same
 * font, size and weight, short and with no full stop; a subtitle (——…) may differ in
 * formatting but is centred too. */
static int title_continues(const qb_para *p, const qb_para *q, int subtitle)
{
    const char *t = qb_para_body(q);
    if (q->where != p->where || q->f.jc != QB_JC_CENTER || strstr(t, "。") ||
        qb_utf8_length(t) > TITLE_LINE_MAX_CP)
        return 0;
    if (subtitle)
        return 1;
    const qb_rfmt *a = line_look(p), *b = line_look(q);
    return p->f.jc == QB_JC_CENTER && strcmp(a->font_ea, b->font_ea) == 0 && a->size_hp == b->size_hp &&
           a->bold == b->bold;
}

/* Extend the title found at paragraph i over its further lines, before limit. */
static void title_block(qb_doc *d, matcher *m, size_t i, size_t limit)
{
    qb_section *sec = &d->sec[QB_SEC_TITLE];
    const qb_para *p = &d->paras[i];
    int lines = 1;
    for (size_t j = i + 1; j < limit && lines < TITLE_MAX_LINES + 1; j++) {
        const qb_para *q = &d->paras[j];
        if (q->role == QB_PARA_EMPTY)
            continue;
        const char *t = qb_para_body(q);
        size_t len = strlen(t), b = qb_skip_space(t, len, 0), e = trim_end(t, len);
        int sub = is_subtitle(t);
        if (q->role == QB_PARA_TOC || match_any(m, &m->skip, t + b, e - b) >= 0 || (!sub && lines == TITLE_MAX_LINES) ||
            !title_continues(p, q, sub))
            break;
        sec->end = j + 1;
        lines++;
        if (sub)
            break; /* the subtitle closes the title */
    }
}

qb_status qb_sections_run(qb_doc *d, const qb_edition *ed)
{
    matcher m;
    int *tab_ok = NULL;
    char *first = NULL;
    long across = -1;
    qb_status st = qb_roles_content(d, ed);
    if (st == QB_OK)
        st = matcher_init(&m, ed);
    else
        memset(&m, 0, sizeof m);
    if (st == QB_OK && !(first = first_in_cells(d)))
        st = QB_ERR_NOMEM;
    if (st == QB_OK)
        st = heading_tables(d, &m, first, &tab_ok, &across);
    if (st != QB_OK) {
        free(first);
        free(tab_ok);
        matcher_free(&m);
        return st;
    }
    memset(d->sec, 0, sizeof d->sec);
    for (int s = 0; s < QB_NSEC; s++)
        d->sec[s].limit = ed->limit[s];
    /* Pass 1: headings in the body, in order; each section's first heading wins. */
    long open = -1;          /* section whose body is running */
    long first_heading = -1; /* paragraph index of the first heading found */
    for (size_t i = 0; i < d->npara; i++) {
        qb_para *p = &d->paras[i];
        if (!heading_place(d, tab_ok, first, i) || p->role == QB_PARA_TOC)
            continue; /* a table of contents repeats the headings: its lines are not them */
        heading h;
        if (!classify(&m, p->text, &h))
            continue;
        if (h.sec >= 0 && d->sec[h.sec].found)
            continue; /* the same words again later are body text */
        if (h.sec < 0 && first_heading < 0)
            continue; /* "附件1" above the title is a label, not the end of anything */
        if (open >= 0)
            d->sec[open].end = i;
        if (first_heading < 0)
            first_heading = (long)i;
        if (h.sec < 0) { /* appendices: nothing after this belongs to a section */
            open = -1;
            if (d->sec[QB_SEC_RESULTS].found || d->sec[QB_SEC_PRACTICE].found)
                break;
            continue;
        }
        qb_section *sec = &d->sec[h.sec];
        sec->found = 1;
        sec->head = i;
        sec->head_bytes = h.head_bytes;
        sec->inline_head = h.inline_text;
        sec->first = i + 1;
        sec->end = d->npara;
        open = h.sec;
    }
    /* The title: the first paragraph with text before the first heading that is not a
     * label (in the body, or in a heading table), with its further lines. */
    size_t limit = first_heading >= 0 ? (size_t)first_heading : d->npara;
    for (size_t i = 0; i < limit; i++) {
        qb_para *p = &d->paras[i];
        if (!heading_place(d, tab_ok, first, i) || p->role == QB_PARA_TOC)
            continue;
        const char *t = qb_para_body(p);
        size_t len = strlen(t), b = qb_skip_space(t, len, 0), e = trim_end(t, len);
        if (b >= e || match_any(&m, &m.skip, t + b, e - b) >= 0)
            continue;
        qb_section *sec = &d->sec[QB_SEC_TITLE];
        sec->found = 1;
        sec->head = i;
        sec->first = i;
        sec->end = i + 1;
        long lab = match_any(&m, &m.title_label, t + b, e - b);
        if (lab > 0 && b + (size_t)lab < e) { /* "质量标杆名称：…": the label is not the title */
            sec->inline_head = 1;
            sec->head_bytes = p->label_len + b + (size_t)lab;
            sec->first = sec->end = i + 1;
        }
        title_block(d, &m, i, limit);
        break;
    }
    if (across >= 0)
        st = add_across(d, (size_t)across);
    for (int s = 0; s < QB_NSEC && st == QB_OK; s++) {
        qb_section *sec = &d->sec[s];
        if (!sec->found) {
            st = add_missing(d, (qb_secid)s);
            continue;
        }
        count_range(d, sec, ed);
        if (sec->limit > 0 && sec->count > sec->limit)
            st = add_over(d, (qb_secid)s, ed);
        if (st == QB_OK && s != QB_SEC_TITLE && sec->count == 0)
            st = add_empty(d, (qb_secid)s);
        if (st == QB_OK && s == QB_SEC_TITLE)
            st = check_title(d, &m, ed);
    }
    d->sectioned = 1;
    mark_roles(d, first_heading);
    free(first);
    free(tab_ok);
    matcher_free(&m);
    return st;
}

char *qb_sections_title(const qb_doc *d)
{
    if (!d->sectioned || !d->sec[QB_SEC_TITLE].found || d->sec[QB_SEC_TITLE].head >= d->npara)
        return NULL;
    qb_buf b = {0};
    if (title_text(d, 1, &b) != QB_OK || !b.s || !b.s[0]) {
        qb_buf_free(&b);
        return NULL;
    }
    return qb_buf_take(&b);
}

int qb_sections_of_para(const qb_doc *d, size_t para)
{
    for (int s = 0; s < QB_NSEC; s++) {
        const qb_section *sec = &d->sec[s];
        if (sec->found && (para == sec->head || (para >= sec->first && para < sec->end)))
            return s;
    }
    return -1;
}
