/* layout_kinsoku.c — the Chinese line breaker keeps the typesetting rules (TAP).
 * Widths are made up here: a hanzi or full-width mark is 1, a Latin character 0.5,
 * so the expected lines can be worked out by hand. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "tap.h"
#include "utf8.h"

/* Decode s into chars with the made-up widths. */
static size_t chars(const char *s, qb_lchar *c, size_t max)
{
    size_t n = 0, len = strlen(s);
    for (size_t i = 0; i < len && n < max;) {
        unsigned cp;
        size_t k = qb_utf8_decode(s + i, len - i, &cp);
        if (!k)
            break;
        i += k;
        c[n].cp = cp;
        c[n].style = 0;
        c[n].w = cp < 0x2E80 && cp != 0x2026 && cp != 0x2014 && cp != 0x201C && cp != 0x201D ? 0.5f : 1.0f;
        n++;
    }
    return n;
}

/* The lines as text joined by '|'. */
static char *lines_text(const qb_lchar *c, const qb_llines *l)
{
    static char out[4096];
    size_t o = 0;
    for (size_t i = 0; i < l->n; i++) {
        if (i)
            out[o++] = '|';
        for (size_t j = l->v[i].start; j < l->v[i].end; j++) {
            char u[4];
            size_t k = qb_utf8_encode(c[j].cp, u);
            memcpy(out + o, u, k);
            o += k;
        }
    }
    out[o] = '\0';
    return out;
}

static const char *brk(const char *s, float width, float indent)
{
    static qb_lchar c[512];
    size_t n = chars(s, c, 512);
    qb_llines l = {0};
    if (qb_layout_break(c, n, width, indent, &l) != QB_OK)
        return "(error)";
    const char *t = lines_text(c, &l);
    qb_llines_free(&l);
    return t;
}

static void expect(const char *s, float width, float indent, const char *want, const char *what)
{
    const char *got = brk(s, width, indent);
    is_str(got, want, "%s", what);
}

/* A small deterministic generator for the property test. */
static unsigned long rng = 12345;
static unsigned rnd(unsigned n)
{
    rng = rng * 6364136223846793005UL + 1442695040888963407UL;
    return (unsigned)((rng >> 33) % n);
}

/* Text as writers make it: words of hanzi or Latin, now and then one or two
 * punctuation marks in an order real text has them, brackets around words. */
static size_t random_text(char *text, size_t max)
{
    static const char *const han[] = {"质", "量", "标", "杆", "管", "理", "方", "法", "六西格玛"};
    static const char *const latin[] = {"ISO", "9001", "PDCA", "3.5%", "2023", "https://example.com/a/b"};
    static const char *const after[] = {"，", "。", "、", "；", "：", "？", "！", "……", "——", "。”",
                                        "），", "》。", "」", "』", "…", " "};
    static const char *const open[] = {"（", "《", "「", "『", "“"};
    static const char *const close[] = {"）", "》", "」", "』", "”"};
    size_t tl = 0;
    for (int k = 0; k < 60; k++) {
        char piece[64] = "";
        unsigned r = rnd(10);
        if (r < 6)
            strcat(piece, han[rnd(sizeof han / sizeof han[0])]);
        else if (r < 8)
            strcat(piece, latin[rnd(sizeof latin / sizeof latin[0])]);
        else {
            unsigned b = rnd(5);
            strcat(piece, open[b]);
            strcat(piece, han[rnd(sizeof han / sizeof han[0])]);
            strcat(piece, close[b]);
        }
        strcat(piece, han[rnd(sizeof han / sizeof han[0])]);
        if (rnd(3) == 0)
            strcat(piece, after[rnd(sizeof after / sizeof after[0])]);
        size_t pl = strlen(piece);
        if (tl + pl + 1 >= max)
            break;
        memcpy(text + tl, piece, pl);
        tl += pl;
    }
    text[tl] = '\0';
    return tl;
}

static void property_test(void)
{
    int starts_bad = 0, ends_bad = 0, split_words = 0, overfull = 0, lost = 0;
    static qb_lchar c[4096];
    for (int round = 0; round < 400; round++) {
        char text[3000];
        random_text(text, sizeof text);
        size_t n = chars(text, c, 4096);
        float width = 6.0f + (float)rnd(30);
        qb_llines l = {0};
        if (qb_layout_break(c, n, width, 2.0f, &l) != QB_OK) {
            lost++;
            continue;
        }
        size_t next = 0;
        for (size_t i = 0; i < l.n; i++) {
            const qb_lline *x = &l.v[i];
            /* every character is on a line, in order, except the spaces a break ate */
            while (next < x->start && qb_layout_is_break_space(c[next].cp))
                next++;
            if (next != x->start)
                lost++;
            next = x->end;
            if (x->end > x->start && i > 0 && qb_kinsoku_no_start(c[x->start].cp))
                starts_bad++;
            if (x->end > x->start && !x->last && qb_kinsoku_no_end(c[x->end - 1].cp))
                ends_bad++;
            if (!x->last && x->end < n && x->end > x->start &&
                qb_layout_is_word_char(c[x->end - 1].cp) && qb_layout_is_word_char(c[x->end].cp)) {
                /* allowed only for a word wider than the whole line */
                size_t a = x->end, z = x->end;
                while (a > 0 && qb_layout_is_word_char(c[a - 1].cp))
                    a--;
                while (z < n && qb_layout_is_word_char(c[z].cp))
                    z++;
                float ww = 0;
                for (size_t j = a; j < z; j++)
                    ww += c[j].w;
                if (ww <= width - 2.0f)
                    split_words++;
            }
            if (x->indent + x->width > width + 0.01f)
                overfull++;
        }
        while (next < n && qb_layout_is_break_space(c[next].cp))
            next++;
        if (next != n)
            lost++;
        qb_llines_free(&l);
    }
    ok(starts_bad == 0, "random text: no line starts with a closing or pausing mark");
    ok(ends_bad == 0, "random text: no line ends with an opening mark");
    ok(split_words == 0, "random text: Latin words and numbers are not split");
    ok(overfull == 0, "random text: no line is wider than the text width");
    ok(lost == 0, "random text: every character is set once, in order");
}

int main(void)
{
    expect("一二三四五六七八九十", 4, 0, "一二三四|五六七八|九十", "hanzi fill each line");
    expect("一二三四五六七八", 4, 2, "一二|三四五六|七八", "the first line is indented by two characters");
    expect("一二三，四五", 3, 0, "一二|三，四|五", "a comma does not start a line: the hanzi before it moves down");
    expect("一二三。」四", 3, 0, "一二|三。」|四", "a full stop and a closing quote do not start a line");
    expect("一二（三四", 3, 0, "一二|（三四", "an opening bracket does not end a line");
    expect("一二《三》", 3, 0, "一二|《三》", "an opening book-title mark does not end a line");
    expect("中文abcdef中", 4, 0, "中文|abcdef中", "a Latin word is not split");
    expect("价格2023元", 3, 0, "价格|2023元", "a number is not split");
    expect("abcdefghijkl", 2, 0, "abcd|efgh|ijkl", "a word wider than the line is cut where it overflows");
    expect("format.body-font", 4, 0, "format.|body-|font",
           "a rule id wider than the line is cut after its dot and hyphen, not mid-word");
    expect("abc，一", 2, 0, "ab|c，|一", "a word cut where it overflows leaves no comma at a line start");
    expect("一二\n三", 4, 0, "一二|三", "a line break in the text breaks the line");
    expect("ab cd ef", 2, 0, "ab|cd|ef", "spaces at a break are dropped");
    expect("一二三——四", 4, 0, "一二三|——四", "a dash is not split in two");
    expect("", 4, 0, "", "an empty paragraph is one empty line");

    qb_lchar c[8];
    size_t n = chars("一二三四五", c, 8);
    qb_llines l = {0};
    qb_layout_break(c, n, 3.5f, 0, &l);
    ok(l.n == 2 && qb_layout_gap(c, &l.v[0], 3.5f, 1.0f) > 0.249f &&
           qb_layout_gap(c, &l.v[0], 3.5f, 1.0f) < 0.251f && qb_layout_gap(c, &l.v[1], 3.5f, 1.0f) == 0,
       "lines are justified by spreading the slack, the last line is not");
    qb_llines_free(&l);
    n = chars("一RMSE二三四", c, 8);
    qb_layout_break(c, n, 5.5f, 0, &l);
    /* 一RMSE二三 is 5 wide: its 0.5 of slack goes to the 3 gaps 一|R, E|二 and 二|三 */
    ok(l.n == 2 && l.v[0].end == 7 && qb_layout_gap(c, &l.v[0], 5.5f, 1.0f) > 0.166f &&
           qb_layout_gap(c, &l.v[0], 5.5f, 1.0f) < 0.167f && !qb_layout_spread_after(c, 2, 7) &&
           qb_layout_spread_after(c, 4, 7),
       "a Latin word in a spread line is not spread: the slack goes to the gaps beside it");
    qb_llines_free(&l);

    /* Western text is spread at its spaces, not between letters */
    qb_lchar w[16];
    n = chars("abc def ghi", w, 16);
    qb_layout_break(w, n, 5.0f, 0, &l);
    float sg = l.n == 2 ? qb_layout_space_gap(w, &l.v[0], 5.0f, 2.0f) : -1;
    ok(sg > 1.49f && sg < 1.51f, "a line of words gets its slack at the space (%.2f)", sg);
    ok(l.n == 2 && qb_layout_space_gap(w, &l.v[1], 5.0f, 2.0f) == 0, "… but not its last line");
    ok(l.n == 2 && qb_layout_space_gap(w, &l.v[0], 5.0f, 1.0f) == 0 && qb_layout_western(w, &l.v[0]),
       "… nor when its space cannot take the slack: a Western line, left ragged, not letter-spaced");
    qb_llines_free(&l);
    n = chars("一 二三四五六", c, 8);
    qb_layout_break(c, n, 5.2f, 0, &l);
    ok(l.n == 2 && l.v[0].end == 5 && qb_layout_space_gap(c, &l.v[0], 5.2f, 2.0f) == 0 &&
           !qb_layout_western(c, &l.v[0]),
       "a line of hanzi with a space in it is not spread at the space");
    qb_llines_free(&l);
    property_test();
    return tap_done();
}
