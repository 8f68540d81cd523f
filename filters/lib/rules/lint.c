/* lint.c — format.page, format.title, format.abstract-heading and the body rules
 * (format.body-font / -size / line-spacing); captions are lint_caption.c's.
 *
 * Which font a character shows in decides which slot is checked: Chinese characters
 * (ideographs, CJK and full-width punctuation, kana, hangul) use the East Asian font;
 * Latin letters and digits use ascii / hAnsi and are only faulted when set in a
 * Chinese font other than the required one (Times New Roman digits are fine). Marks
 * Word may draw in either font (“ ” — … · ①) are not checked for font. White space
 * and hidden text are not checked at all. What a paragraph is (body, heading, caption,
 * TOC entry …) is its role, decided by the section finder (roles.c, sections.c). */
#include "lint_int.h"

#include "buf.h"
#include "count.h"
#include "sections.h"
#include "utf8.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- grouped findings -------------------------------------------------------- */

qb_status lint_group_add(lint_group *g, size_t para, const char *quote,
                         const char *what, const char *what_en)
{
    qb_status st = qb_grow((void **)&g->v, &g->cap, g->n + 1, sizeof *g->v);
    if (st != QB_OK)
        return st;
    lint_item *it = &g->v[g->n];
    it->para = para;
    it->quote = qb_strdup(quote ? quote : "");
    it->what = qb_strdup(what);
    it->what_en = qb_strdup(what_en);
    if (!it->quote || !it->what || !it->what_en) {
        free(it->quote);
        free(it->what);
        free(it->what_en);
        return QB_ERR_NOMEM;
    }
    g->n++;
    return QB_OK;
}

void lint_group_free(lint_group *g)
{
    for (size_t i = 0; i < g->n; i++) {
        free(g->v[i].quote);
        free(g->v[i].what);
        free(g->v[i].what_en);
    }
    free(g->v);
    memset(g, 0, sizeof *g);
}

qb_status lint_group_emit(lint_ctx *c, lint_group *g, const char *rule, int sec, const char *label,
                          const char *label_en, const char *want, const char *want_en, int force_error)
{
    if (g->n == 0) {
        lint_group_free(g);
        return QB_OK;
    }
    qb_doc *d = c->doc;
    size_t shown = (size_t)c->quote_first < g->n ? (size_t)c->quote_first : g->n;
    if (shown == 0)
        shown = 1;
    qb_severity sev = QB_SEV_ERROR;
    long pct = g->total > 0 ? (long)((g->bad * 100 + g->total / 2) / g->total) : 100;
    if (!force_error && g->total > 0 && g->bad * 100 < c->stray_pct * g->total)
        sev = QB_SEV_WARNING;
    qb_buf zh = {0}, en = {0};
    qb_status st = qb_buf_adds(&zh, label);
    if (st == QB_OK)
        st = qb_buf_adds(&en, label_en);
    for (size_t i = 0; i < shown && st == QB_OK; i++) {
        const lint_item *it = &g->v[i];
        int num = d->paras[it->para].number;
        if (it->quote[0])
            st = qb_buf_addf(&zh, "%s第 %d 段“%s”%s", i ? "；" : "", num, it->quote, it->what);
        else
            st = qb_buf_addf(&zh, "%s第 %d 段%s", i ? "；" : "", num, it->what);
        if (st == QB_OK)
            st = qb_buf_addf(&en, "%sparagraph %d%s%s%s %s", i ? "; " : "", num, it->quote[0] ? " \"" : "",
                             it->quote, it->quote[0] ? "\"" : "", it->what_en);
    }
    if (st == QB_OK && g->n > shown) {
        st = qb_buf_addf(&zh, "；另有 %zu 处", g->n - shown);
        if (st == QB_OK)
            st = qb_buf_addf(&en, "; and %zu more", g->n - shown);
    }
    if (st == QB_OK && want) {
        st = qb_buf_addf(&zh, "%s应为%s", g->n > 1 ? "；均" : "，", want);
        if (st == QB_OK)
            st = qb_buf_addf(&en, "; should be %s", want_en);
    }
    if (st == QB_OK && sev == QB_SEV_ERROR && !force_error && g->total > 0 && g->n > 1) {
        st = qb_buf_addf(&zh, "（约占%s的 %ld%%）", sec >= 0 ? "该部分" : "全文", pct);
        if (st == QB_OK)
            st = qb_buf_addf(&en, " (about %ld%% of it)", pct);
    }
    if (st == QB_OK)
        st = qb_buf_adds(&zh, "。");
    if (st == QB_OK && zh.s && en.s) {
        const lint_item *first = &g->v[0];
        st = qb_findings_add(&d->findings, rule, sev, d->file, sec >= 0 ? qb_sec_key((qb_secid)sec) : NULL,
                             d->paras[first->para].number, first->quote[0] ? first->quote : NULL, zh.s, en.s);
    }
    qb_buf_free(&zh);
    qb_buf_free(&en);
    lint_group_free(g);
    return st;
}

/* ---- small helpers ----------------------------------------------------------- */

int lint_body_section(const lint_ctx *c, size_t para)
{
    int s = qb_sections_of_para(c->doc, para);
    return s >= QB_SEC_ABSTRACT ? s : -1;
}

char *lint_quote(const char *s, size_t max_cp)
{
    size_t i = qb_skip_space(s, strlen(s), 0);
    /* only the start matters (at most max_cp characters of up to 4 bytes, and one more
     * to know it was cut): a long paragraph is not copied whole for a 20-字 quote */
    char *t = qb_strndup(s + i, qb_utf8_clip(s + i, max_cp * 4 + 8));
    /* one line: breaks and tabs become spaces */
    if (!t)
        return NULL;
    for (char *p = t; *p; p++)
        if (*p == '\n' || *p == '\t' || *p == '\r')
            *p = ' ';
    size_t e = strlen(t);
    while (e > 0 && t[e - 1] == ' ')
        t[--e] = '\0';
    char *q = qb_utf8_excerpt(t, max_cp);
    free(t);
    return q;
}

const char *lint_size_name(int hp, char *buf, size_t size)
{
    const char *n = qb_size_name(hp);
    if (n)
        return n;
    if (hp % 2)
        snprintf(buf, size, "%d.5 磅", hp / 2);
    else
        snprintf(buf, size, "%d 磅", hp / 2);
    return buf;
}

static const char *const jc_zh[] = {"左对齐", "左对齐", "居中", "右对齐", "两端对齐", "分散对齐"};
static const char *const jc_en[] = {"left", "left", "centred", "right", "justified", "distributed"};

const char *lint_jc_name(qb_jc jc) { return (unsigned)jc < 6 ? jc_zh[jc] : "?"; }
const char *lint_jc_name_en(qb_jc jc) { return (unsigned)jc < 6 ? jc_en[jc] : "?"; }

/* Which font slot shows a character: 1 East Asian, 2 ascii, 3 hAnsi, 0 not checked. */
static int char_slot(unsigned cp)
{
    if (cp >= 0x2E80 && qb_cp_counts_alone(cp))
        return 1;
    if (cp < 0x80)
        return cp > 0x20 ? 2 : 0;
    if (cp < 0x250 && cp != 0xB7 && cp != 0xA0)
        return 3;
    return 0;
}

/* Wrong values seen, with how many characters had each. */
typedef struct {
    char name[4][QB_FONT_MAX];
    int hp[4];
    long n[4];
    int used;
} tally;

static void tally_font(tally *t, const char *name, long k)
{
    for (int i = 0; i < t->used; i++)
        if (strcmp(t->name[i], name) == 0) {
            t->n[i] += k;
            return;
        }
    if (t->used < 4) {
        snprintf(t->name[t->used], QB_FONT_MAX, "%s", name);
        t->n[t->used++] = k;
    }
}

static void tally_size(tally *t, int hp, long k)
{
    for (int i = 0; i < t->used; i++)
        if (t->hp[i] == hp) {
            t->n[i] += k;
            return;
        }
    if (t->used < 4) {
        t->hp[t->used] = hp;
        t->n[t->used++] = k;
    }
}

static int tally_top(const tally *t)
{
    int best = 0;
    for (int i = 1; i < t->used; i++)
        if (t->n[i] > t->n[best])
            best = i;
    return best;
}

void lint_span_check(const lint_ctx *c, const qb_para *p, size_t from, size_t to,
                     const lint_want *w, lint_span *s)
{
    memset(s, 0, sizeof *s);
    s->bad_run = s->font_run = s->size_run = (size_t)-1;
    tally fonts = {0}, sizes = {0};
    size_t off = p->label_len;
    for (size_t r = 0; r < p->nruns; r++) {
        const qb_run *run = &p->runs[r];
        size_t len = strlen(run->text);
        size_t b = off, e = off + len;
        off = e;
        if (run->f.vanish == 1 || run->f.math || e <= from || b >= to)
            continue; /* hidden text and equations (set in Cambria Math by Word) */
        size_t i = b < from ? from - b : 0, end = (e > to ? to : e) - b;
        long nfont = 0, nfont_bad = 0, nsize = 0;
        /* canonical names of the run's three font slots, looked up once per run */
        const char *slot_font[4] = {NULL, run->f.font_ea, run->f.font_ascii, run->f.font_hansi};
        const char *slot_canon[4] = {NULL, NULL, NULL, NULL};
        int slot_wrong[4] = {0, 0, 0, 0}; /* its canonical name is not the one wanted */
        if (w->font)
            for (int k = 1; k < 4; k++) {
                slot_canon[k] = qb_edition_font_canonical(c->ed, slot_font[k]);
                slot_wrong[k] = slot_canon[k] && strcmp(slot_canon[k], w->font) != 0;
            }
        while (i < end) {
            unsigned cp;
            size_t n = qb_utf8_decode(run->text + i, len - i, &cp);
            if (!n) {
                i++;
                continue;
            }
            i += n;
            if (qb_cp_is_space(cp))
                continue;
            nsize++;
            int slot = char_slot(cp);
            if (!w->font || !slot)
                continue;
            const char *font = slot_font[slot];
            const char *canon = slot_canon[slot];
            int known = canon != font; /* one of the Chinese families the edition names */
            if (slot == 1 || known)
                nfont++;
            if ((slot == 1 || known) && slot_wrong[slot]) {
                nfont_bad++;
                tally_font(&fonts, canon, 1); /* named as the edition names it: SimSun is 宋体 */
            }
        }
        int bad = 0;
        s->font_total += nfont;
        s->font_bad += nfont_bad;
        bad |= nfont_bad > 0;
        if (nfont_bad && s->font_run == (size_t)-1)
            s->font_run = r;
        if (w->hp > 0 && nsize) {
            s->size_total += nsize;
            if (fabs((double)run->f.size_hp - w->hp) > c->tol_hp + 1e-9) {
                s->size_bad += nsize;
                tally_size(&sizes, run->f.size_hp, nsize);
                if (s->size_run == (size_t)-1)
                    s->size_run = r;
                bad = 1;
            }
        }
        if (w->bold >= 0 && nsize) {
            s->bold_total += nsize;
            if ((run->f.bold == 1) != (w->bold == 1)) {
                s->bold_bad += nsize;
                bad = 1;
            }
        }
        if (bad && s->bad_run == (size_t)-1)
            s->bad_run = r;
    }
    if (fonts.used)
        snprintf(s->bad_font, sizeof s->bad_font, "%s", fonts.name[tally_top(&fonts)]);
    if (sizes.used)
        s->bad_hp = sizes.hp[tally_top(&sizes)];
}

/* ---- the edition's requirements ---------------------------------------------- */

static qb_jc align_of(const char *v)
{
    if (!v) return QB_JC_UNSET;
    if (strcmp(v, "center") == 0) return QB_JC_CENTER;
    if (strcmp(v, "left") == 0) return QB_JC_LEFT;
    if (strcmp(v, "right") == 0) return QB_JC_RIGHT;
    if (strcmp(v, "both") == 0) return QB_JC_BOTH;
    if (strcmp(v, "distribute") == 0) return QB_JC_DISTRIBUTE;
    return QB_JC_UNSET;
}

static void want_of(const qb_edition *ed, const char *prefix, lint_want *w)
{
    char key[64];
    snprintf(key, sizeof key, "%s_font", prefix);
    const char *f = qb_edition_get(ed, "format", key);
    w->font = f ? qb_edition_font_canonical(ed, f) : NULL;
    snprintf(key, sizeof key, "%s_size", prefix);
    const char *sz = qb_edition_get(ed, "format", key);
    w->hp = sz ? qb_size_halfpoints(sz) : 0;
    snprintf(key, sizeof key, "%s_bold", prefix);
    const char *b = qb_edition_get(ed, "format", key);
    w->bold = b && (strcmp(b, "yes") == 0 || strcmp(b, "true") == 0) ? 1 : -1;
    snprintf(key, sizeof key, "%s_align", prefix);
    w->jc = align_of(qb_edition_get(ed, "format", key));
}

static void ctx_init(lint_ctx *c, qb_doc *doc, const qb_edition *ed)
{
    memset(c, 0, sizeof *c);
    c->doc = doc;
    c->ed = ed;
    want_of(ed, "title", &c->title);
    want_of(ed, "abstract_heading", &c->abstract_head);
    want_of(ed, "body", &c->body);
    want_of(ed, "caption", &c->caption);
    const char *ls = qb_edition_get(ed, "format", "line_spacing");
    c->single_spacing = ls && strcmp(ls, "single") == 0;
    const char *tol = qb_edition_get(ed, "format", "size_tolerance_pt");
    c->tol_hp = tol ? strtod(tol, NULL) * 2 : 0;
    c->stray_pct = qb_edition_int(ed, "format", "stray_share_percent", 0);
    /* how many places a grouped finding quotes: a display choice, 3 when unset */
    c->quote_first = qb_edition_int(ed, "format", "quote_first", 3);
}

/* ---- format.page ------------------------------------------------------------- */

#define A4_SHORT 11906 /* 210 mm in twips */
#define A4_LONG 16838  /* 297 mm */
#define PAGE_SLACK 30  /* writers round millimetres differently (≈0.5 mm) */

/* The first paragraph of [first, end) with text, for a quote. */
static char *section_quote(const qb_doc *d, size_t first, size_t end)
{
    size_t q = first;
    while (q + 1 < end && !qb_para_has_text(&d->paras[q]))
        q++;
    return lint_quote(qb_para_body(&d->paras[q]), 20);
}

/* A section with no page size (no w:pgSz; a DOCX written by pandoc has no page setup
 * at all): the paper is whatever the program opening it defaults to — A4 in Chinese
 * Word, Letter in US Word — so A4 is not assured. A warning: the applicant should set
 * it, the secretariat's own Word will most likely show A4. */
static qb_status page_unset(lint_ctx *c, size_t first, size_t end, const char *want, const char *want_en)
{
    qb_doc *d = c->doc;
    char *quote = section_quote(d, first, end);
    char *zh = quote ? qb_asprintf("第 %d 段“%s”所在的节未设置页面大小，Word 将使用其自身默认的纸张（中文版多为 A4，"
                                   "英文版为 Letter），应设为%s。", d->paras[first].number, quote, want)
                     : NULL;
    char *en = quote ? qb_asprintf("paragraph %d \"%s\" is in a section whose page size is not set, so Word will "
                                   "use its own default paper (A4 in Chinese Word, Letter in US Word); set %s",
                                   d->paras[first].number, quote, want_en)
                     : NULL;
    qb_status st = zh && en ? qb_findings_add(&d->findings, "format.page", QB_SEV_WARNING, d->file, NULL,
                                              d->paras[first].number, quote, zh, en)
                            : QB_ERR_NOMEM;
    free(quote);
    free(zh);
    free(en);
    return st;
}

static qb_status check_page(lint_ctx *c)
{
    const char *page = qb_edition_get(c->ed, "format", "page");
    if (!page)
        return QB_OK;
    int want_land = strcmp(page, "A4 landscape") == 0;
    const char *want = want_land ? "“A4 横向”" : "“A4 纵向”", *want_en = want_land ? "A4 landscape" : "A4 portrait";
    qb_doc *d = c->doc;
    lint_group g = {0};
    qb_status st = QB_OK;
    size_t start = 0;
    long unset = -1; /* the first section with no page size */
    size_t unset_end = 0;
    for (size_t k = 0; k < d->nsect && st == QB_OK; k++) {
        const qb_sect *s = &d->sects[k];
        size_t end = s->end_para;
        size_t first = start;
        start = end > start ? end : start;
        if (end <= first)
            continue; /* an empty section */
        int invalid = s->w == QB_PAGE_INVALID || s->h == QB_PAGE_INVALID;
        if (!invalid && (s->w <= 0 || s->h <= 0)) {
            if (unset < 0) {
                unset = (long)first;
                unset_end = end;
            }
            continue;
        }
        long shortside = s->w < s->h ? s->w : s->h, longside = s->w < s->h ? s->h : s->w;
        int a4 = !invalid && labs(shortside - A4_SHORT) <= PAGE_SLACK && labs(longside - A4_LONG) <= PAGE_SLACK;
        int land = s->landscape || s->w > s->h;
        g.total++;
        if (a4 && land == want_land)
            continue;
        g.bad++;
        char *what, *what_en;
        if (invalid) {
            what = qb_strdup("所在的节页面大小为“0×0”（无效的页面设置）");
            what_en = qb_strdup("is in a section whose page size is 0 × 0 (no valid page setup)");
        } else if (a4) {
            what = qb_asprintf("所在的节页面为“A4 %s”", land ? "横向" : "纵向");
            what_en = qb_asprintf("is in a section set to A4 %s", land ? "landscape" : "portrait");
        } else {
            what = qb_asprintf("所在的节页面为“%.1f×%.1f 厘米，%s”", s->w * 2.54 / 1440, s->h * 2.54 / 1440,
                               land ? "横向" : "纵向");
            what_en = qb_asprintf("is in a section with a %.1f × %.1f cm page", s->w * 2.54 / 1440,
                                  s->h * 2.54 / 1440);
        }
        char *quote = section_quote(d, first, end);
        st = what && what_en && quote ? lint_group_add(&g, first, quote, what, what_en) : QB_ERR_NOMEM;
        free(what);
        free(what_en);
        free(quote);
    }
    if (st == QB_OK)
        st = lint_group_emit(c, &g, "format.page", -1, "", "", want, want_en, 1);
    lint_group_free(&g);
    if (st == QB_OK && unset >= 0)
        st = page_unset(c, (size_t)unset, unset_end, want, want_en);
    return st;
}

/* ---- one paragraph against all of a lint_want (title, 摘要 heading) ----------- */

qb_status lint_describe(lint_ctx *c, size_t i, size_t from, size_t to, const lint_want *w, int inline_head,
                        qb_buf *zh, qb_buf *en, lint_span *s, int *jc_bad)
{
    const qb_para *p = &c->doc->paras[i];
    lint_span_check(c, p, from, to, w, s);
    char a[32], b[32];
    qb_status st = QB_OK;
    const char *sep = "";
    *jc_bad = 0;
    if (s->font_bad) {
        st = qb_buf_addf(zh, "字体为“%s”（应为“%s”）", s->bad_font, w->font);
        if (st == QB_OK)
            st = qb_buf_addf(en, "font %s (should be %s)", s->bad_font, w->font);
        sep = "、";
    }
    if (st == QB_OK && s->size_bad) {
        st = qb_buf_addf(zh, "%s字号为“%s”（应为“%s”）", sep, lint_size_name(s->bad_hp, a, sizeof a),
                         lint_size_name(w->hp, b, sizeof b));
        if (st == QB_OK)
            st = qb_buf_addf(en, "%ssize %g pt (should be %g pt)", *sep ? ", " : "", s->bad_hp / 2.0, w->hp / 2.0);
        sep = "、";
    }
    if (st == QB_OK && s->bold_bad) {
        st = qb_buf_addf(zh, "%s%s", sep, w->bold == 1 ? "未加粗（应加粗）" : "加粗了（不应加粗）");
        if (st == QB_OK)
            st = qb_buf_addf(en, "%s%s", *sep ? ", " : "", w->bold == 1 ? "not bold" : "bold");
        sep = "、";
    }
    if (st == QB_OK && w->jc != QB_JC_UNSET && (inline_head || p->f.jc != w->jc)) {
        *jc_bad = 1;
        if (inline_head)
            st = qb_buf_addf(zh, "%s与后面的文字同在一段，无法%s（应单独成行并%s）", sep, lint_jc_name(w->jc),
                             lint_jc_name(w->jc));
        else
            st = qb_buf_addf(zh, "%s对齐方式为“%s”（应为“%s”）", sep, lint_jc_name(p->f.jc), lint_jc_name(w->jc));
        if (st == QB_OK)
            st = qb_buf_addf(en, "%s%s (should be %s)", *sep ? ", " : "",
                             inline_head ? "shares its paragraph with text" : lint_jc_name_en(p->f.jc),
                             lint_jc_name_en(w->jc));
    }
    return st;
}

static qb_status check_heading_para(lint_ctx *c, int sec, size_t i, size_t from, size_t to, const lint_want *w,
                                    int inline_head, const char *rule, const char *label, const char *label_en)
{
    qb_buf zh = {0}, en = {0};
    lint_span s;
    int jc_bad;
    qb_status st = lint_describe(c, i, from, to, w, inline_head, &zh, &en, &s, &jc_bad);
    if (st == QB_OK && zh.len) {
        lint_group g = {0};
        /* extent: the share of characters in a wrong font or size */
        g.total = s.size_total > s.font_total ? s.size_total : s.font_total;
        g.bad = s.size_bad > s.font_bad ? s.size_bad : s.font_bad;
        if (s.bold_bad > g.bad)
            g.bad = s.bold_bad;
        const qb_para *p = &c->doc->paras[i];
        char *quote = lint_quote(p->text + from, 30);
        st = quote ? lint_group_add(&g, i, quote, zh.s, en.s) : QB_ERR_NOMEM;
        free(quote);
        if (st == QB_OK)
            st = lint_group_emit(c, &g, rule, sec, label, label_en, NULL, NULL, jc_bad);
        lint_group_free(&g);
    }
    qb_buf_free(&zh);
    qb_buf_free(&en);
    return st;
}

static qb_status check_title(lint_ctx *c)
{
    const qb_section *sec = &c->doc->sec[QB_SEC_TITLE];
    if (!sec->found)
        return QB_OK;
    const qb_para *p = &c->doc->paras[sec->head];
    return check_heading_para(c, QB_SEC_TITLE, sec->head, p->label_len, strlen(p->text), &c->title, 0,
                              "format.title", "标题", "title: ");
}

static qb_status check_abstract_heading(lint_ctx *c)
{
    const qb_section *sec = &c->doc->sec[QB_SEC_ABSTRACT];
    if (!sec->found)
        return QB_OK;
    const qb_para *p = &c->doc->paras[sec->head];
    size_t to = sec->inline_head ? sec->head_bytes : strlen(p->text);
    return check_heading_para(c, QB_SEC_ABSTRACT, sec->head, 0, to, &c->abstract_head, sec->inline_head,
                              "format.abstract-heading", "“摘要”标题", "abstract heading: ");
}

/* ---- body text ---------------------------------------------------------------- */

static const char *spacing_name(const qb_pfmt *f, char *buf, size_t size)
{
    if (f->line_rule == QB_LINE_EXACT)
        snprintf(buf, size, "固定值 %g 磅", f->line / 20.0);
    else if (f->line_rule == QB_LINE_AT_LEAST)
        snprintf(buf, size, "最小值 %g 磅", f->line / 20.0);
    else if (f->line == 240)
        snprintf(buf, size, "单倍行距");
    else if (f->line == 360)
        snprintf(buf, size, "1.5 倍行距");
    else if (f->line == 480)
        snprintf(buf, size, "2 倍行距");
    else
        snprintf(buf, size, "多倍行距 %g", f->line / 240.0);
    return buf;
}

static int is_single(const qb_pfmt *f)
{
    return f->line_rule == QB_LINE_AUTO && f->line == 240;
}

typedef struct {
    lint_group font, size, spacing;
} body_groups;

static qb_status body_range(lint_ctx *c, size_t i, size_t from, body_groups *g)
{
    const qb_para *p = &c->doc->paras[i];
    lint_span s;
    lint_want w = c->body;
    w.bold = -1;
    w.jc = QB_JC_UNSET;
    lint_span_check(c, p, from, strlen(p->text), &w, &s);
    if (s.size_total == 0)
        return QB_OK; /* nothing visible */
    qb_status st = QB_OK;
    /* each finding quotes the first run that breaks it; line spacing the paragraph */
    char *fq = lint_quote(s.font_run != (size_t)-1 ? p->runs[s.font_run].text : p->text + from, 20);
    char *sq = lint_quote(s.size_run != (size_t)-1 ? p->runs[s.size_run].text : p->text + from, 20);
    char *pq = lint_quote(p->text + from, 20);
    if (!fq || !sq || !pq) {
        free(fq);
        free(sq);
        free(pq);
        return QB_ERR_NOMEM;
    }
    g->font.total += s.font_total;
    g->font.bad += s.font_bad;
    if (s.font_bad) {
        char *zh = qb_asprintf("字体为“%s”", s.bad_font);
        char *en = qb_asprintf("font is %s", s.bad_font);
        st = zh && en ? lint_group_add(&g->font, i, fq, zh, en) : QB_ERR_NOMEM;
        free(zh);
        free(en);
    }
    g->size.total += s.size_total;
    g->size.bad += s.size_bad;
    if (st == QB_OK && s.size_bad) {
        char a[32];
        char *zh = qb_asprintf("字号为“%s”", lint_size_name(s.bad_hp, a, sizeof a));
        char *en = qb_asprintf("size is %g pt", s.bad_hp / 2.0);
        st = zh && en ? lint_group_add(&g->size, i, sq, zh, en) : QB_ERR_NOMEM;
        free(zh);
        free(en);
    }
    if (c->single_spacing) {
        g->spacing.total += s.size_total;
        if (st == QB_OK && !is_single(&p->f)) {
            char a[48];
            g->spacing.bad += s.size_total;
            char *zh = qb_asprintf("行距为“%s”", spacing_name(&p->f, a, sizeof a));
            char *en = qb_asprintf("line spacing is %s", p->f.line_rule == QB_LINE_AUTO ? "multiple" :
                                   p->f.line_rule == QB_LINE_EXACT ? "exact" : "at least");
            st = zh && en ? lint_group_add(&g->spacing, i, pq, zh, en) : QB_ERR_NOMEM;
            free(zh);
            free(en);
        }
    }
    free(fq);
    free(sq);
    free(pq);
    return st;
}

static qb_status check_body(lint_ctx *c)
{
    qb_doc *d = c->doc;
    char want_font[QB_FONT_MAX + 8], want_size[48], a[32];
    if (c->body.font)
        snprintf(want_font, sizeof want_font, "“%s”", c->body.font);
    if (c->body.hp)
        snprintf(want_size, sizeof want_size, "“%s”", lint_size_name(c->body.hp, a, sizeof a));
    qb_status st = QB_OK;
    for (int s = QB_SEC_ABSTRACT; s < QB_NSEC && st == QB_OK; s++) {
        const qb_section *sec = &d->sec[s];
        if (!sec->found)
            continue;
        body_groups g;
        memset(&g, 0, sizeof g);
        if (sec->inline_head)
            st = body_range(c, sec->head, sec->head_bytes, &g);
        for (size_t i = sec->first; i < sec->end && st == QB_OK; i++) {
            const qb_para *p = &d->paras[i];
            /* body text and list items; headings, captions, a TOC and empty lines are not */
            if (p->where != QB_IN_BODY || (p->role != QB_PARA_BODY && p->role != QB_PARA_LIST))
                continue;
            st = body_range(c, i, p->label_len, &g);
        }
        char label[64], label_en[64];
        snprintf(label, sizeof label, "%s", qb_sec_name_zh((qb_secid)s));
        snprintf(label_en, sizeof label_en, "%s: ", qb_sec_name_en((qb_secid)s));
        if (st == QB_OK && c->body.font)
            st = lint_group_emit(c, &g.font, "format.body-font", s, label, label_en, want_font, c->body.font, 0);
        if (st == QB_OK && c->body.hp) {
            char en[32];
            snprintf(en, sizeof en, "%g pt", c->body.hp / 2.0);
            st = lint_group_emit(c, &g.size, "format.body-size", s, label, label_en, want_size, en, 0);
        }
        if (st == QB_OK && c->single_spacing)
            st = lint_group_emit(c, &g.spacing, "format.line-spacing", s, label, label_en, "“单倍行距”",
                                 "single", 0);
        lint_group_free(&g.font);
        lint_group_free(&g.size);
        lint_group_free(&g.spacing);
    }
    return st;
}

qb_status qb_lint_run(qb_doc *doc, const qb_edition *ed)
{
    lint_ctx c;
    ctx_init(&c, doc, ed);
    qb_status st = check_page(&c);
    if (st == QB_OK && doc->sectioned) {
        if ((st = check_title(&c)) == QB_OK && (st = check_abstract_heading(&c)) == QB_OK &&
            (st = check_body(&c)) == QB_OK)
            st = lint_captions(&c);
    }
    return st;
}
