/* count.h — the 字数 counter of DESIGN §4 (Word-compatible) and the character count.
 *
 * 字数 ("count"): every CJK ideograph, CJK or full-width punctuation mark, full-width
 * letter or digit, kana and hangul syllable counts 1 on its own; every maximal run of
 * other non-space characters (Latin letters, digits, ASCII punctuation, ①…) counts 1.
 * Decisions for marks Word users meet in Chinese text (tested in tests/unit):
 *   “ ” ‘ ’  each counts 1 (they are full-width in Chinese typesetting);
 *   ——  is two characters and counts 2;  ……  likewise counts 2;  · counts 1.
 * "chars" counts every character that is not white space (U+3000 is white space).
 */
#ifndef QB_COUNT_H
#define QB_COUNT_H

#include <stddef.h>

typedef struct {
    long words; /* Word's 字数 */
    long chars; /* characters without white space */
} qb_count;

/* Nonzero for code points that Word counts one by one (ideographs, CJK punctuation …). */
int qb_cp_counts_alone(unsigned cp);
/* Nonzero for white space, including U+3000 and no-break spaces. */
int qb_cp_is_space(unsigned cp);
/* s[0..len) as people's typing is compared: white space (U+3000 too) dropped, full-width
 * ASCII (ＡＢ１２：) and the minus sign U+2212 made ASCII; bytes that are not UTF-8
 * skipped. NULL when out of memory. */
char *qb_text_fold(const char *s, size_t len);
/* Nonzero for CJK ideographs (all planes' unified and compatibility blocks). */
int qb_cp_is_han(unsigned cp);

/* The offset of the first character at or after i that is not white space. */
size_t qb_skip_space(const char *s, size_t len, size_t i);

/* Add the figures of one UTF-8 text to *c. Text boundaries also end a Latin run,
 * as paragraph marks do in Word. Invalid UTF-8 bytes count as one character each. */
void qb_count_text(qb_count *c, const char *s, size_t len);

#endif
