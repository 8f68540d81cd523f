/* render_text.c — characters to faces, paragraphs to lines, lines to pages. */
#include "render_int.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "sections.h"
#include "utf8.h"

rd_pstyle rd_ps(qb_font_id font, float size, rd_align align)
{
    rd_pstyle ps;
    memset(&ps, 0, sizeof ps);
    ps.st.font = font;
    ps.st.size = size;
    ps.align = align;
    ps.leading = 1.3f; /* Word's "single" spacing for 宋体 is about 1.3 × the size */
    return ps;
}

rd_span rd_sp(const char *s, rd_style st)
{
    rd_span sp = {s, strlen(s), st};
    return sp;
}

qb_status rd_warn(rd *r, const char *rule, const char *file, const char *zh, const char *en)
{
    if (!r->warn)
        return QB_OK;
    return qb_findings_add(r->warn, rule, QB_SEV_WARNING, file, NULL, 0, NULL, zh, en);
}

qb_status rd_hpdf_status(rd *r)
{
    if (!r->hpdf_err)
        return QB_OK;
    HPDF_STATUS e = r->hpdf_err;
    r->hpdf_err = 0;
    HPDF_ResetError(r->pdf);
    return e == HPDF_FAILD_TO_ALLOC_MEM ? QB_ERR_NOMEM
           : e == HPDF_FILE_IO_ERROR || e == HPDF_FILE_OPEN_ERROR ? QB_ERR_IO
                                                                  : QB_ERR_FORMAT;
}

/* Characters that are not drawn at all: controls, soft hyphen, zero-width and
 * bidi marks, variation selectors. */
static int ignorable(unsigned cp)
{
    return (cp < 0x20 && cp != '\n' && cp != '\t') || (cp >= 0x7F && cp <= 0x9F) || cp == 0xAD ||
           (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2060 && cp <= 0x2064) || cp == 0xFEFF || (cp >= 0xFE00 && cp <= 0xFE0F) ||
           (cp >= 0xE0100 && cp <= 0xE01EF);
}

/* Characters Word documents use that uming and zenhei lack, and what draws them
 * without changing the meaning. 0 when there is none. */
static unsigned lookalike(unsigned cp)
{
    switch (cp) {
    case 0x2212: return '-';     /* minus sign */
    case 0x2010: case 0x2011: return '-';
    case 0x2013: return '-'; /* en dash */
    case 0x2022: case 0x2219: return 0x00B7; /* bullets */
    case 0x00A0: case 0x2002: case 0x2003: case 0x2004: case 0x2005: case 0x2006: case 0x2007:
    case 0x2008: case 0x2009: case 0x200A: case 0x202F: case 0x205F: return ' ';
    case 0x2024: return '.';
    case 0xFF5E: return '~';
    /* ballot boxes and ticks of forms, also as Word's Wingdings/Symbol private-use codes */
    case 0x2610: case 0xF0A8: case 0xF06F: return 0x25A1;            /* □ */
    case 0x2611: case 0x2612: case 0xF0FE: case 0xF0FD: return 0x25A0; /* ■ (ticked) */
    case 0x2713: case 0x2714: case 0xF0FC: return 0x221A;            /* √ */
    case 0x2717: case 0x2718: case 0xF0FB: return 0x00D7;            /* × */
    case 0xF06C: return 0x25CF;                                      /* ● */
    case 0xF0B7: case 0xF0A7: return 0x00B7;                         /* bullets */
    default: return 0;
    }
}

static qb_status note_missing(rd *r, unsigned cp)
{
    r->missing_total++;
    size_t lo = 0, hi = r->nmissing;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (r->missing[mid] < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < r->nmissing && r->missing[lo] == cp)
        return QB_OK;
    qb_status st = qb_grow((void **)&r->missing, &r->capmissing, r->nmissing + 1, sizeof *r->missing);
    if (st != QB_OK)
        return st;
    memmove(r->missing + lo + 1, r->missing + lo, (r->nmissing - lo) * sizeof *r->missing);
    r->missing[lo] = cp;
    r->nmissing++;
    return QB_OK;
}

/* The face and code point that draw cp in style st (fallback face, or the visible
 * missing-glyph mark). Returns 0 for characters that are not drawn. */
static int resolve(rd *r, const rd_style *st, unsigned *cp, qb_font_id *face, qb_status *err)
{
    *err = QB_OK;
    if (*cp == '\r' || ignorable(*cp))
        return 0;
    if (*cp == 0x2028 || *cp == 0x2029 || *cp == 0x0B || *cp == 0x0C)
        *cp = '\n';
    if (*cp == '\n') {
        *face = st->font;
        return 1;
    }
    if (*cp == '\t') /* a tab becomes one ideographic space: forms use tabs to align */
        *cp = 0x3000;
    int f = qb_fonts_pick(r->fonts, st->font, *cp);
    if (f < 0) { /* a look-alike the faces have is no loss: − for -, • for ·, odd spaces */
        unsigned alt = lookalike(*cp);
        if (alt && (f = qb_fonts_pick(r->fonts, st->font, alt)) >= 0)
            *cp = alt;
    }
    if (f < 0 && qb_fonts_covers(r->fonts, QB_FONT_SYMBOL, *cp)) /* ⬤ ⊗: the symbol face */
        f = QB_FONT_SYMBOL;
    if (f < 0) {
        if (r->collect)
            *err = note_missing(r, *cp);
        *cp = QB_FONTS_MISSING_CP;
        f = qb_fonts_pick(r->fonts, st->font, *cp);
        if (f < 0) {
            *cp = '?';
            f = (int)st->font;
        }
    }
    *face = (qb_font_id)f;
    return 1;
}

/* Field by field: the struct's padding bytes are not initialised, so memcmp would
 * make equal styles differ at random (and the PDF's bytes with them). */
static int style_eq(const rd_style *a, const rd_style *b)
{
    return a->font == b->font && a->size == b->size && a->bold == b->bold && a->gray == b->gray &&
           a->italic == b->italic && a->rise == b->rise && a->underline == b->underline;
}

static unsigned style_index(rd_shaped *s, const rd_style *st, qb_status *err)
{
    for (size_t i = 0; i < s->nst; i++)
        if (style_eq(&s->st[i], st))
            return (unsigned)i;
    *err = qb_grow((void **)&s->st, &s->capst, s->nst + 1, sizeof *s->st);
    if (*err != QB_OK)
        return 0;
    s->st[s->nst] = *st;
    return (unsigned)s->nst++;
}

qb_status rd_shape(rd *r, const rd_pstyle *ps, const rd_span *sp, size_t n, float width, rd_shaped *out)
{
    out->n = 0;
    out->nst = 0;
    out->lines.n = 0;
    out->ps = *ps;
    out->width = width;
    out->height = 0;
    out->noted = r->span_note != NULL;
    qb_status st = QB_OK;
    for (size_t k = 0; k < n && st == QB_OK; k++) {
        const char *s = sp[k].s;
        size_t len = sp[k].len;
        for (size_t i = 0; i < len && st == QB_OK;) {
            unsigned cp;
            size_t used = qb_utf8_decode(s + i, len - i, &cp);
            if (!used) { /* the model holds valid UTF-8; skip a stray byte all the same */
                i++;
                continue;
            }
            i += used;
            qb_font_id face;
            if (!resolve(r, &sp[k].st, &cp, &face, &st))
                continue;
            if (r->collect) {
                if (cp != '\n' && st == QB_OK)
                    st = qb_fonts_use(r->fonts, face, cp);
                continue;
            }
            rd_style cst = sp[k].st;
            cst.font = face;
            unsigned si = style_index(out, &cst, &st);
            if (st == QB_OK)
                st = qb_grow((void **)&out->ch, &out->cap, out->n + 1, sizeof *out->ch);
            if (st == QB_OK && r->span_note)
                st = qb_grow((void **)&out->note, &out->capnote, out->n + 1, sizeof *out->note);
            if (st != QB_OK)
                break;
            if (r->span_note)
                out->note[out->n] = r->span_note[k];
            float w = cp == '\n' ? 0 : (float)qb_fonts_width(r->fonts, face, cp) * cst.size / 1000.0f;
            out->ch[out->n++] = (qb_lchar){cp, si, w};
        }
    }
    if (st != QB_OK || r->collect)
        return st;
    float avail = width - ps->left_indent;
    if ((st = qb_layout_break(out->ch, out->n, avail, ps->first_indent, &out->lines)) != QB_OK)
        return st;
    if ((st = qb_grow((void **)&out->lh, &out->caplh, out->lines.n + 1, sizeof *out->lh)) != QB_OK)
        return st;
    out->height = ps->before + ps->after;
    for (size_t i = 0; i < out->lines.n; i++) {
        float size = 0;
        for (size_t j = out->lines.v[i].start; j < out->lines.v[i].end; j++)
            if (out->st[out->ch[j].style].size > size)
                size = out->st[out->ch[j].style].size;
        if (size == 0)
            size = ps->st.size;
        out->lh[i] = size * ps->leading;
        out->height += out->lh[i];
    }
    return QB_OK;
}

void rd_shaped_free(rd_shaped *s)
{
    free(s->ch);
    free(s->st);
    free(s->lh);
    free(s->note);
    qb_llines_free(&s->lines);
    memset(s, 0, sizeof *s);
}

static void text_state(rd *r, const rd_style *st, float cs)
{
    HPDF_Font f = qb_fonts_hpdf(r->fonts, st->font);
    if (f != r->cur_font || st->size != r->cur_size) {
        HPDF_Page_SetFontAndSize(r->page, f, st->size);
        r->cur_font = f;
        r->cur_size = st->size;
    }
    if (cs != r->cur_cs) {
        HPDF_Page_SetCharSpace(r->page, cs);
        r->cur_cs = cs;
    }
    if (st->bold != r->cur_bold) {
        HPDF_Page_SetTextRenderingMode(r->page, st->bold ? HPDF_FILL_THEN_STROKE : HPDF_FILL);
        r->cur_bold = st->bold;
    }
    if (st->bold) /* the stroke that makes the bold, proportional to the size */
        HPDF_Page_SetLineWidth(r->page, st->size * 0.035f);
    if (st->gray != r->cur_gray) {
        HPDF_Page_SetGrayFill(r->page, st->gray / 100.0f);
        HPDF_Page_SetGrayStroke(r->page, st->gray / 100.0f);
        r->cur_gray = st->gray;
    }
}

qb_status rd_draw_line(rd *r, const rd_shaped *s, size_t i, float x, float y_top)
{
    if (r->collect || i >= s->lines.n)
        return QB_OK;
    const qb_lline *l = &s->lines.v[i];
    const rd_pstyle *ps = &s->ps;
    float lh = s->lh[i], size = lh / ps->leading;
    /* CJK faces sit about 0.88 em above the baseline; centre the em box in the line. */
    float base = y_top - (lh - size) / 2 - 0.88f * size;
    float frame = s->width - ps->left_indent;
    float x0 = x + ps->left_indent + l->indent;
    float slack = frame - l->indent - l->width;
    float gap = 0, word_gap = 0; /* after every character; after every space */
    if (ps->align == RD_CENTER)
        x0 += slack / 2;
    else if (ps->align == RD_RIGHT)
        x0 += slack;
    else if (ps->align == RD_JUSTIFY && !(word_gap = qb_layout_space_gap(s->ch, l, frame, 1.5f * size)) &&
             !qb_layout_western(s->ch, l))
        gap = qb_layout_gap(s->ch, l, frame, 0.25f * size);
    if (l->end == l->start)
        return QB_OK;
    HPDF_Page_BeginText(r->page);
    float xpos = x0;
    for (size_t j = l->start; j < l->end;) {
        /* one ShowText per run of a style; between words when they are spread */
        size_t k = j;
        qb_buf_reset(&r->utf8);
        float w = 0;
        /* in a spread line a Latin word is a piece of its own, its letters not spaced */
        int glued = gap > 0 && !qb_layout_spread_after(s->ch, j, l->end);
        float cs = glued ? 0 : gap, tail = cs;
        while (k < l->end && s->ch[k].style == s->ch[j].style) {
            if (k > j && gap > 0 && (glued ? qb_layout_spread_after(s->ch, k - 1, l->end)
                                           : !qb_layout_spread_after(s->ch, k, l->end)))
                break;
            char u[4];
            size_t m = qb_utf8_encode(s->ch[k].cp, u);
            if (qb_buf_add(&r->utf8, u, m) != QB_OK)
                return QB_ERR_NOMEM;
            w += s->ch[k].w + cs;
            k++;
            if (word_gap > 0 && qb_layout_is_break_space(s->ch[k - 1].cp)) {
                w += word_gap;
                break;
            }
        }
        if (glued && qb_layout_spread_after(s->ch, k - 1, l->end)) {
            w += gap; /* the gap after the word */
            tail = gap;
        }
        text_state(r, &s->st[s->ch[j].style], cs);
        /* italic: slanted by about 12°, as word processors slant a face without one */
        const rd_style *rs = &s->st[s->ch[j].style];
        HPDF_Page_SetTextMatrix(r->page, 1, 0, rs->italic ? 0.21f : 0, 1, xpos, base + rs->rise);
        HPDF_Page_ShowText(r->page, r->utf8.s);
        if (rs->underline) { /* drawn after the text object: no paths inside one */
            if (qb_grow((void **)&r->ul, &r->capul, r->nul + 4, sizeof *r->ul) != QB_OK)
                return QB_ERR_NOMEM;
            float lw = w - (word_gap > 0 && k > j && qb_layout_is_break_space(s->ch[k - 1].cp) ? word_gap : 0);
            r->ul[r->nul++] = xpos;
            r->ul[r->nul++] = xpos + lw - tail;
            r->ul[r->nul++] = base + rs->rise - 0.12f * rs->size;
            r->ul[r->nul++] = 0.05f * rs->size;
        }
        xpos += w;
        j = k;
    }
    HPDF_Page_EndText(r->page);
    for (size_t u = 0; u + 3 < r->nul; u += 4)
        rd_line(r, r->ul[u], r->ul[u + 2], r->ul[u + 1], r->ul[u + 2], r->ul[u + 3]);
    r->nul = 0;
    return rd_hpdf_status(r);
}

static qb_status running_header(rd *r)
{
    rd_style st = {QB_FONT_SONG, RD_XIAOWU, 0, 45, 0, 0, 0};
    const char *who = r->in->applicant && *r->in->applicant ? r->in->applicant : "申报单位未识别";
    rd_pstyle ps = rd_ps(QB_FONT_SONG, RD_XIAOWU, RD_LEFT);
    ps.st = st;
    ps.leading = 1.2f;
    /* a proof's page names the proof (the part is then clear from it) */
    char *right = r->part_own ? qb_strdup(r->part_own) : qb_asprintf("质量标杆评审卷宗 · %s", r->part ? r->part : "");
    if (!right)
        return QB_ERR_NOMEM;
    rd_span a = rd_sp(who, st), b = rd_sp(right, st);
    rd_shaped s = {0};
    float top = r->ph - r->mt + 26;
    qb_status rc = rd_shape(r, &ps, &a, 1, rd_width(r) * 0.55f, &s);
    if (rc == QB_OK && s.lines.n)
        rc = rd_draw_line(r, &s, 0, r->ml, top);
    ps.align = RD_RIGHT;
    if (rc == QB_OK)
        rc = rd_shape(r, &ps, &b, 1, rd_width(r) * 0.45f, &s);
    if (rc == QB_OK && s.lines.n)
        rc = rd_draw_line(r, &s, 0, r->ml + rd_width(r) * 0.55f, top);
    rd_shaped_free(&s);
    free(right);
    if (rc == QB_OK)
        rd_line(r, r->ml, top - 13, r->pw - r->mr, top - 13, 0.5f);
    return rc;
}

qb_status rd_new_page(rd *r)
{
    qb_status fst = rd_foot_flush(r);
    if (fst != QB_OK)
        return fst;
    if (r->collect) { /* the header's characters are needed all the same */
        r->npages++;
        return running_header(r);
    }
    HPDF_Page p = HPDF_AddPage(r->pdf);
    if (!p) {
        qb_status e = rd_hpdf_status(r);
        return e ? e : QB_ERR_NOMEM;
    }
    HPDF_Page_SetSize(p, HPDF_PAGE_SIZE_A4, r->landscape ? HPDF_PAGE_LANDSCAPE : HPDF_PAGE_PORTRAIT);
    qb_status st = qb_grow((void **)&r->pages, &r->cappages, r->npages + 1, sizeof *r->pages);
    if (st != QB_OK)
        return st;
    r->pages[r->npages++] = p;
    r->page = p;
    r->pw = HPDF_Page_GetWidth(p);
    r->ph = HPDF_Page_GetHeight(p);
    r->y = r->ph - r->mt;
    r->cur_font = NULL;
    r->cur_size = r->cur_cs = -1;
    r->cur_bold = r->cur_gray = -1;
    r->stats.pages = (unsigned)r->npages;
    return running_header(r);
}

qb_status rd_need(rd *r, float h)
{
    if (r->collect)
        return QB_OK;
    if (r->y - h < r->mb && r->y < r->ph - r->mt - 0.5f)
        return rd_new_page(r);
    return QB_OK;
}

void rd_space(rd *r, float h)
{
    if (r->collect || r->y >= r->ph - r->mt - 0.5f)
        return;
    r->y -= h;
    if (r->y < r->mb)
        r->y = r->mb;
}

#define FOOT_RULE 8.0f /* the room of the short rule above a page's footnotes */

size_t rd_foot_wait(rd *r, rd_shaped *note)
{
    if (qb_grow((void **)&r->wait, &r->capwait, r->nwait + 1, sizeof *r->wait) != QB_OK || r->nwait >= 250) {
        rd_shaped_free(note);
        return 0;
    }
    r->wait[r->nwait] = *note;
    memset(note, 0, sizeof *note);
    return ++r->nwait;
}

void rd_foot_wait_clear(rd *r)
{
    for (size_t k = 0; k < r->nwait; k++)
        rd_shaped_free(&r->wait[k]);
    r->nwait = 0;
}

int rd_foot_waiting(const rd *r, size_t k)
{
    return k > 0 && k <= r->nwait && r->wait[k - 1].lines.n > 0;
}

/* A placed note's slot is emptied: placed once. A mark's digits are consecutive
 * characters. */
float rd_foot_line(rd *r, const rd_shaped *s, size_t i, int place)
{
    float h = 0;
    unsigned last = 0;
    const qb_lline *l = &s->lines.v[i];
    for (size_t j = l->start; j < l->end && s->noted; j++) {
        unsigned k = s->note[j];
        if (k == last || !rd_foot_waiting(r, k))
            continue;
        last = k;
        rd_shaped *note = &r->wait[k - 1];
        float nh = note->height + (r->nfoot || h > 0 ? 0 : FOOT_RULE);
        h += nh;
        if (!place || qb_grow((void **)&r->foot, &r->capfoot, r->nfoot + 1, sizeof *r->foot) != QB_OK)
            continue; /* out of memory: the note is dropped with the waiting ones */
        r->foot[r->nfoot++] = *note;
        memset(note, 0, sizeof *note);
        r->foot_h += nh;
        r->mb += nh;
    }
    return h;
}

qb_status rd_foot_flush(rd *r)
{
    qb_status st = QB_OK;
    if (!r->nfoot)
        return QB_OK;
    float y = r->mb; /* the top of the foot: the body ended above it */
    if (!r->collect && r->page) {
        rd_line(r, r->ml, y - FOOT_RULE / 2, r->ml + rd_width(r) / 4, y - FOOT_RULE / 2, 0.5f);
        y -= FOOT_RULE;
    }
    for (size_t k = 0; k < r->nfoot; k++) {
        rd_shaped *s = &r->foot[k];
        y -= s->ps.before;
        for (size_t i = 0; i < s->lines.n && st == QB_OK && !r->collect && r->page; i++) {
            st = rd_draw_line(r, s, i, r->ml, y);
            y -= s->lh[i];
        }
        y -= s->ps.after;
        rd_shaped_free(s);
    }
    r->nfoot = 0;
    r->mb -= r->foot_h;
    r->foot_h = 0;
    return st;
}

qb_status rd_para(rd *r, const rd_pstyle *ps, const rd_span *sp, size_t n)
{
    rd_shaped *s = &r->scratch;
    qb_status st = rd_shape(r, ps, sp, n, rd_width(r), s);
    if (st != QB_OK || r->collect)
        return st;
    /* Headings and captions stay with what follows: room for themselves and three lines. */
    float keep = ps->keep_next ? s->height + 3 * RD_XIAOSI * 1.3f : 0;
    /* No lone first line at the foot of a page. */
    float first = s->lines.n >= 2 ? s->lh[0] + s->lh[1] : s->lh[0];
    if ((st = rd_need(r, ps->before + (keep > first ? keep : first))) != QB_OK)
        return st;
    rd_space(r, ps->before);
    for (size_t i = 0; i < s->lines.n; i++) {
        /* a lone last line goes over together with the one before it */
        int widow = s->lines.n >= 3 && i == s->lines.n - 2 && r->y - s->lh[i] - s->lh[i + 1] < r->mb;
        if (widow || r->y - s->lh[i] < r->mb + rd_foot_line(r, s, i, 0))
            if ((st = rd_new_page(r)) != QB_OK)
                return st;
        if ((st = rd_draw_line(r, s, i, r->ml, r->y)) != QB_OK)
            return st;
        rd_foot_line(r, s, i, 1);
        r->y -= s->lh[i];
    }
    rd_space(r, ps->after);
    return QB_OK;
}

qb_status rd_text(rd *r, const rd_pstyle *ps, const char *text)
{
    rd_span sp = rd_sp(text ? text : "", ps->st);
    return rd_para(r, ps, &sp, 1);
}

qb_status rd_textf(rd *r, const rd_pstyle *ps, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = qb_vasprintf(fmt, ap);
    va_end(ap);
    if (!s)
        return QB_ERR_NOMEM;
    qb_status st = rd_text(r, ps, s);
    free(s);
    return st;
}

static HPDF_Destination here(rd *r)
{
    HPDF_Destination d = HPDF_Page_CreateDestination(r->page);
    if (d)
        HPDF_Destination_SetFitH(d, r->y + 20 > r->ph ? r->ph : r->y + 20);
    return d;
}

/* A top-level bookmark pointing at the current position. */
static qb_status part_outline(rd *r, const char *title)
{
    r->outline = HPDF_CreateOutline(r->pdf, NULL, title, r->enc);
    HPDF_Destination d = here(r);
    if (r->outline && d)
        HPDF_Outline_SetDestination(r->outline, d);
    return rd_hpdf_status(r);
}

qb_status rd_begin_part(rd *r, const char *title)
{
    r->part = title;
    qb_status st = rd_new_page(r);
    if (st != QB_OK || r->collect)
        return st;
    return part_outline(r, title);
}

qb_status rd_begin_part_here(rd *r, const char *title)
{
    qb_status st = rd_need(r, 5 * RD_XIAOSI * 1.3f);
    if (st != QB_OK || r->collect)
        return st;
    return part_outline(r, title);
}

qb_status rd_bookmark(rd *r, const char *title)
{
    if (r->collect || !r->outline)
        return QB_OK;
    HPDF_Outline o = HPDF_CreateOutline(r->pdf, r->outline, title, r->enc);
    HPDF_Destination d = here(r);
    if (o && d)
        HPDF_Outline_SetDestination(o, d);
    HPDF_Outline_SetOpened(r->outline, HPDF_TRUE);
    return rd_hpdf_status(r);
}

void rd_line(rd *r, float x1, float y1, float x2, float y2, float w)
{
    if (r->collect)
        return;
    HPDF_Page_SetLineWidth(r->page, w);
    HPDF_Page_SetGrayStroke(r->page, 0);
    HPDF_Page_MoveTo(r->page, x1, y1);
    HPDF_Page_LineTo(r->page, x2, y2);
    HPDF_Page_Stroke(r->page);
    r->cur_gray = -1;
}

void rd_rect(rd *r, float x, float y, float w, float h, float lw, int fill_gray)
{
    if (r->collect)
        return;
    /* colours and widths first: libharu refuses them once a path is open */
    HPDF_Page_SetGrayStroke(r->page, 0);
    if (lw > 0)
        HPDF_Page_SetLineWidth(r->page, lw);
    if (fill_gray >= 0)
        HPDF_Page_SetGrayFill(r->page, fill_gray / 100.0f);
    HPDF_Page_Rectangle(r->page, x, y, w, h);
    if (fill_gray >= 0 && lw > 0)
        HPDF_Page_FillStroke(r->page);
    else if (fill_gray >= 0)
        HPDF_Page_Fill(r->page);
    else
        HPDF_Page_Stroke(r->page);
    r->cur_gray = -1;
}

const char *rd_status_zh(const char *status)
{
    if (!status)
        return "未知";
    if (strcmp(status, "pass") == 0)
        return "通过（未发现错误）";
    if (strcmp(status, "fail") == 0)
        return "未通过（存在错误）";
    if (strcmp(status, "error") == 0)
        return "无法处理";
    return status;
}

char *rd_title_text(const qb_doc *d)
{
    return d ? qb_sections_title(d) : NULL;
}
