/* layout.h — Chinese line breaking for the dossier (no libharu here: widths come in).
 *
 * A paragraph is an array of characters, each with its advance in points (the caller
 * takes advances from the embedded font, fonts.h). The breaker is greedy, as Word's
 * is, with the rules of Chinese typesetting (GB/T 15834 and common practice):
 *   - no line starts with a closing or pausing mark: ，。、；：？！）」』》…” etc.;
 *   - no line ends with an opening mark: （「『《“ etc.;
 *   - a run of Latin letters/digits (a word, a number such as 3.5%, a URL) is not
 *     split unless it is wider than a whole line;
 *   - the two halves of —— and …… stay together;
 *   - spaces at a break disappear; '\n' forces a break.
 * The offending character is moved to the next line together with the one before it
 * (push-out). Lines other than a paragraph's last are then justified by spreading the
 * slack over the gaps between characters (qb_layout_gap). */
#ifndef QB_LAYOUT_H
#define QB_LAYOUT_H

#include <stddef.h>

#include "qb.h"

typedef struct {
    unsigned cp;       /* code point ('\n' = forced break) */
    unsigned style;    /* the caller's style index; not interpreted here */
    float w;           /* advance in points */
} qb_lchar;

typedef struct {
    size_t start, end; /* characters [start, end) are drawn (trailing spaces excluded) */
    float width;       /* natural width of [start, end) */
    float indent;      /* x offset of the line within the frame (first-line indent) */
    int last;          /* last line of the paragraph or before a forced break */
} qb_lline;

typedef struct {
    qb_lline *v;
    size_t n, cap;
} qb_llines;

/* Break c[0..n) into lines of at most `width` points, the first indented by
 * first_indent. Appends to *out (reset it first to reuse). An empty paragraph gives
 * one empty line. */
qb_status qb_layout_break(const qb_lchar *c, size_t n, float width, float first_indent,
                          qb_llines *out);
void qb_llines_free(qb_llines *l);

/* Extra space to add after each character of line l (all but its last, and none inside a
 * Latin word or number: "RMSE" spread to "R M S E" is four words to every reader of the
 * PDF's text) so that it fills `width`; 0 for a last line, and 0 when the slack would
 * exceed max_gap per gap (a line cut short before a long Latin word is better ragged than
 * stretched). */
float qb_layout_gap(const qb_lchar *c, const qb_lline *l, float width, float max_gap);
/* Does that gap go after c[i] of a line ending before c[end]? */
int qb_layout_spread_after(const qb_lchar *c, size_t i, size_t end);

/* Lines of Western text (mostly letters, with spaces) are justified between words
 * instead, so that the letters of a word stay together: the extra width to add at
 * each space of line l, or 0 when l is not such a line, has no space, is a last
 * line, or would need more than max_gap per space. */
float qb_layout_space_gap(const qb_lchar *c, const qb_lline *l, float width, float max_gap);

/* Is line l such a line of Western text (at least 60 % letters and digits, and a space)?
 * One whose spaces cannot take its slack is left ragged, never spread between its letters:
 * that would split its words for every reader of the PDF's text (pdftotext, search). */
int qb_layout_western(const qb_lchar *c, const qb_lline *l);

/* The kinsoku classes. */
int qb_kinsoku_no_start(unsigned cp);
int qb_kinsoku_no_end(unsigned cp);
/* Nonzero for characters that form unbreakable runs with their neighbours (Latin
 * letters, digits, ASCII punctuation other than space, Latin-1 letters …). */
int qb_layout_is_word_char(unsigned cp);
/* Spaces that may be dropped at a break (ASCII space, tab; not U+3000 or NBSP). */
int qb_layout_is_break_space(unsigned cp);

#endif
