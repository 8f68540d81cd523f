/* sections.c — the write-up's sections, their 字数, and the findings about them. */
#include "sections.h"
#include "buf.h"
#include "count.h"
#include "utf8.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

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

/* Is paragraph text s a heading of some section (or an end marker)? */
static int classify(matcher *m, const char *s, heading *h)
{
    size_t len = strlen(s);
    size_t start = qb_skip_space(s, len, 0);
    len = trim_end(s, len);
    if (start >= len)
        return 0;
    size_t cps = 0;
    int full_stop = 0;
    for (size_t i = start; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            cps++;
    full_stop = strstr(s, "。") != NULL;
    if (cps > HEADING_MAX_CP) {
        /* a long paragraph is a heading only as "摘要：text": look for the colon early */
        size_t lim = len - start < 64 ? len - start : 64;
        int colon = 0;
        for (size_t i = start; i + 1 < start + lim && !colon; i++)
            colon = s[i] == ':' || (i + 2 < len && memcmp(s + i, "：", 3) == 0);
        if (!colon)
            return 0;
    }
    /* with and without an enumerator prefix */
    size_t starts[2] = {start, start};
    long pm = match_any(m, &m->prefix, s + start, len - start);
    if (pm > 0)
        starts[1] = qb_skip_space(s, len, start + (size_t)pm);
    for (int k = 1; k >= 0; k--) {
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
            /* "摘要：本文……" — heading and text share the paragraph */
            if (strncmp(s + after, "：", 3) == 0 || s[after] == ':') {
                size_t c = after + (s[after] == ':' ? 1 : 3);
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

static void count_range(qb_doc *d, qb_section *sec, const qb_edition *ed)
{
    qb_count c = {0, 0};
    if (sec->inline_head) {
        const qb_para *p = &d->paras[sec->head];
        const char *t = p->text + sec->head_bytes;
        qb_count_text(&c, t, strlen(t));
    }
    for (size_t i = sec->first; i < sec->end; i++) {
        const char *t = qb_para_body(&d->paras[i]);
        qb_count_text(&c, t, strlen(t));
    }
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

static qb_status check_title(qb_doc *d, matcher *m, const qb_edition *ed)
{
    const qb_section *sec = &d->sec[QB_SEC_TITLE];
    const qb_para *p = &d->paras[sec->head];
    const char *t = sec->inline_head ? p->text + sec->head_bytes : qb_para_body(p);
    size_t len = strlen(t);
    size_t b = qb_skip_space(t, len, 0);
    size_t e = trim_end(t, len);
    if (m->naming.n == 0 || e <= b)
        return QB_OK;
    /* whole-title match: the pattern is anchored at the start, and must reach the end */
    if (qb_patterns_match(&m->naming, t + b, e - b, PCRE2_ENDANCHORED, m->md) >= 0)
        return QB_OK;
    qb_severity sev = QB_SEV_WARNING;
    const char *sv = qb_edition_get(ed, "title", "naming_severity");
    if (sv)
        qb_severity_parse(sv, &sev);
    const char *example = qb_edition_get(ed, "title", "example");
    char *zh = qb_asprintf("标题应按“（企业）+（典型方法技术）+（经验）”命名%s%s%s",
                           example ? "，如：“" : "", example ? example : "", example ? "”" : "");
    char *ex = qb_utf8_excerpt(t + b, 60);
    qb_status st = zh && ex
                       ? qb_findings_add(&d->findings, "title.naming", sev, d->file, "title", p->number, ex,
                                         zh, "the title should read (organisation)+(method)+经验, e.g. "
                                             "\"××公司实施六西格玛设计的经验\"")
                       : QB_ERR_NOMEM;
    free(zh);
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

qb_status qb_sections_run(qb_doc *d, const qb_edition *ed)
{
    matcher m;
    qb_status st = qb_roles_content(d, ed);
    if (st == QB_OK)
        st = matcher_init(&m, ed);
    else
        memset(&m, 0, sizeof m);
    if (st != QB_OK) {
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
        if (p->where != QB_IN_BODY || p->role == QB_PARA_TOC)
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
    /* The title: the first body paragraph with text before the first heading that is not a label. */
    size_t limit = first_heading >= 0 ? (size_t)first_heading : d->npara;
    for (size_t i = 0; i < limit; i++) {
        qb_para *p = &d->paras[i];
        if (p->where != QB_IN_BODY || p->role == QB_PARA_TOC)
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
        break;
    }
    for (int s = 0; s < QB_NSEC && st == QB_OK; s++) {
        qb_section *sec = &d->sec[s];
        if (!sec->found) {
            st = add_missing(d, (qb_secid)s);
            continue;
        }
        count_range(d, sec, ed);
        if (sec->limit > 0 && sec->count > sec->limit)
            st = add_over(d, (qb_secid)s, ed);
        if (st == QB_OK && s == QB_SEC_TITLE)
            st = check_title(d, &m, ed);
    }
    d->sectioned = 1;
    mark_roles(d, first_heading);
    matcher_free(&m);
    return st;
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
