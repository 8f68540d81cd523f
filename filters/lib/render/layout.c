/* layout.c — greedy line breaking with kinsoku rules (layout.h). */
#include "layout.h"

#include <stdlib.h>

/* Never at the start of a line: closing brackets and quotes, pause and stop marks,
 * iteration marks, small kana, the prolonged sound mark, and their ASCII and
 * full-width forms. */
int qb_kinsoku_no_start(unsigned cp)
{
    switch (cp) {
    case 0xFF0C: case 0x3002: case 0x3001: case 0xFF1B: case 0xFF1A: case 0xFF1F: case 0xFF01:
    case 0xFF09: case 0x300D: case 0x300F: case 0x300B: case 0x2026: case 0x2025: case 0x3009:
    case 0x3011: case 0x3015: case 0x3017: case 0x3019: case 0x301B: case 0xFF3D: case 0xFF5D:
    case 0x201D: case 0x2019: case 0x00BB: case 0x203A: case 0xFF0E: case 0x30FB: case 0x00B7:
    case 0xFF05: case 0x2030: case 0x2103: case 0x00B0: case 0x2032: case 0x2033:
    case 0x3005: case 0x309D: case 0x309E: case 0x30FD: case 0x30FE: case 0x30FC: case 0xFF70:
    case ',': case '.': case ';': case ':': case '?': case '!': case ')': case ']': case '}':
    case '%':
        return 1;
    default:
        /* small hiragana and katakana (ぁぃぅぇぉっゃゅょゎ …) */
        return (cp >= 0x3041 && cp <= 0x3049 && cp % 2 == 1) || cp == 0x3063 || cp == 0x3083 ||
               cp == 0x3085 || cp == 0x3087 || cp == 0x308E || cp == 0x3095 || cp == 0x3096 ||
               (cp >= 0x30A1 && cp <= 0x30A9 && cp % 2 == 1) || cp == 0x30C3 || cp == 0x30E3 ||
               cp == 0x30E5 || cp == 0x30E7 || cp == 0x30EE || cp == 0x30F5 || cp == 0x30F6;
    }
}

/* Never at the end of a line: opening brackets and quotes. */
int qb_kinsoku_no_end(unsigned cp)
{
    switch (cp) {
    case 0xFF08: case 0x300C: case 0x300E: case 0x300A: case 0x3008: case 0x3010: case 0x3014:
    case 0x3016: case 0x3018: case 0x301A: case 0xFF3B: case 0xFF5B: case 0x201C: case 0x2018:
    case 0x00AB: case 0x2039: case 0xFFE5: case 0xFF04:
    case '(': case '[': case '{': case '$':
        return 1;
    default:
        return 0;
    }
}

int qb_layout_is_break_space(unsigned cp)
{
    return cp == ' ' || cp == '\t';
}

int qb_layout_is_word_char(unsigned cp)
{
    if (cp > ' ' && cp < 0x7F)
        return 1;
    /* Latin-1 letters, Latin Extended, Greek, Cyrillic: words of other scripts. */
    if ((cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) || (cp >= 0x370 && cp <= 0x52F))
        return 1;
    /* No-break space and word joiner glue their neighbours. */
    return cp == 0xA0 || cp == 0x2060 || cp == 0x2011;
}

/* May the line break between c[b-1] and c[b] (0 < b < n)? At spaces the marks on
 * either side still count: "ISO ，" must not leave the comma at a line start. */
static int can_break(const qb_lchar *c, size_t n, size_t b)
{
    unsigned a = c[b - 1].cp, z = c[b].cp;
    if (qb_layout_is_break_space(z) || qb_layout_is_break_space(a)) {
        size_t j = b;
        while (j < n && qb_layout_is_break_space(c[j].cp))
            j++;
        size_t k = b;
        while (k > 0 && qb_layout_is_break_space(c[k - 1].cp))
            k--;
        return !(j < n && qb_kinsoku_no_start(c[j].cp)) && !(k > 0 && qb_kinsoku_no_end(c[k - 1].cp));
    }
    if (qb_kinsoku_no_start(z) || qb_kinsoku_no_end(a))
        return 0;
    if (qb_layout_is_word_char(a) && qb_layout_is_word_char(z))
        return 0;
    /* ——, …… and ── are one mark drawn as two characters. */
    if (a == z && (a == 0x2014 || a == 0x2026 || a == 0x2500 || a == 0x2015))
        return 0;
    return 1;
}

/* Where a word wider than the line is cut, when it must overflow at `over`: after
 * its last '.', '-', '/' or '_' that fits (a rule id "format.body-font" in a narrow
 * cell, a URL), else where it overflows; and never so that the next line starts
 * with a closing mark (the character before goes down with it). */
static size_t cut_word(const qb_lchar *c, size_t n, size_t pos, size_t over)
{
    size_t b = over;
    for (size_t k = over; k > pos + 1; k--) {
        unsigned a = c[k - 1].cp;
        if (a == '.' || a == '-' || a == '/' || a == '_') {
            b = k;
            break;
        }
    }
    while (b > pos + 1 && b < n && qb_kinsoku_no_start(c[b].cp))
        b--;
    return b;
}

static qb_status add_line(qb_llines *out, const qb_lchar *c, size_t start, size_t end,
                          float indent, int last)
{
    while (end > start && qb_layout_is_break_space(c[end - 1].cp))
        end--;
    qb_status st = qb_grow((void **)&out->v, &out->cap, out->n + 1, sizeof *out->v);
    if (st != QB_OK)
        return st;
    float w = 0;
    for (size_t i = start; i < end; i++)
        w += c[i].w;
    out->v[out->n++] = (qb_lline){start, end, w, indent, last};
    return QB_OK;
}

qb_status qb_layout_break(const qb_lchar *c, size_t n, float width, float first_indent,
                          qb_llines *out)
{
    /* Rounding in the widths must not push a full line over: allow a hair. */
    const float eps = 0.01f;
    size_t pos = 0;
    int first = 1, wrapped = 0;
    if (n == 0)
        return add_line(out, c, 0, 0, first_indent, 1);
    while (pos < n) {
        /* A wrapped line does not start with the spaces the break consumed. */
        if (wrapped)
            while (pos < n && qb_layout_is_break_space(c[pos].cp))
                pos++;
        if (pos >= n)
            break;
        float indent = first ? first_indent : 0;
        float avail = width - indent, w = 0;
        size_t i = pos;
        while (i < n && c[i].cp != '\n') {
            /* trailing spaces may hang past the margin: they are not drawn */
            if (w + c[i].w > avail + eps && !qb_layout_is_break_space(c[i].cp))
                break;
            w += c[i].w;
            i++;
        }
        qb_status st;
        if (i >= n || c[i].cp == '\n') {
            if ((st = add_line(out, c, pos, i, indent, 1)) != QB_OK)
                return st;
            pos = i + 1;      /* past the '\n' */
            first = 0;
            wrapped = 0;
            if (i + 1 == n && c[i].cp == '\n') /* a final forced break opens an empty line */
                return add_line(out, c, n, n, 0, 1);
            continue;
        }
        /* c[i] does not fit: find the last allowed break at or before i. */
        size_t b = i;
        while (b > pos && !can_break(c, n, b))
            b--;
        if (b == pos) /* nothing allowed (a word wider than the line) */
            b = cut_word(c, n, pos, i > pos ? i : pos + 1);
        if ((st = add_line(out, c, pos, b, indent, 0)) != QB_OK)
            return st;
        pos = b;
        first = 0;
        wrapped = 1;
    }
    return QB_OK;
}

void qb_llines_free(qb_llines *l)
{
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

int qb_layout_spread_after(const qb_lchar *c, size_t i, size_t end)
{
    return i + 1 >= end || !(qb_layout_is_word_char(c[i].cp) && qb_layout_is_word_char(c[i + 1].cp));
}

float qb_layout_gap(const qb_lchar *c, const qb_lline *l, float width, float max_gap)
{
    if (l->last || l->end - l->start < 2)
        return 0;
    float slack = width - l->indent - l->width;
    size_t gaps = 0;
    for (size_t i = l->start; i + 1 < l->end; i++)
        gaps += qb_layout_spread_after(c, i, l->end);
    if (slack <= 0 || !gaps)
        return 0;
    float gap = slack / (float)gaps;
    return gap > max_gap ? 0 : gap;
}

static size_t count_spaces(const qb_lchar *c, const qb_lline *l)
{
    size_t spaces = 0;
    for (size_t i = l->start; i < l->end; i++)
        spaces += qb_layout_is_break_space(c[i].cp);
    return spaces;
}

int qb_layout_western(const qb_lchar *c, const qb_lline *l)
{
    size_t letters = 0;
    for (size_t i = l->start; i < l->end; i++)
        letters += qb_layout_is_word_char(c[i].cp);
    return count_spaces(c, l) > 0 && letters * 10 >= (l->end - l->start) * 6;
}

float qb_layout_space_gap(const qb_lchar *c, const qb_lline *l, float width, float max_gap)
{
    if (l->last || !qb_layout_western(c, l))
        return 0;
    float gap = (width - l->indent - l->width) / (float)count_spaces(c, l);
    return gap > 0 && gap <= max_gap ? gap : 0;
}
