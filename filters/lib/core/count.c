/* count.c — Word-compatible 字数 and character counts. */
#include "count.h"
#include "buf.h"
#include "utf8.h"

int qb_cp_is_han(unsigned cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) ||   /* CJK Unified */
           (cp >= 0x3400 && cp <= 0x4DBF) ||   /* Ext A */
           (cp >= 0x20000 && cp <= 0x323AF) || /* Ext B–H (planes 2 and 3) */
           (cp >= 0xF900 && cp <= 0xFAFF) ||   /* Compatibility */
           (cp >= 0x2F800 && cp <= 0x2FA1F) || (cp == 0x3007);
}

int qb_cp_is_space(unsigned cp)
{
    return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0x85 || cp == 0xA0 ||
           cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x2028 || cp == 0x2029 ||
           cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0xFEFF;
}

int qb_cp_counts_alone(unsigned cp)
{
    if (qb_cp_is_han(cp))
        return 1;
    return (cp >= 0x3001 && cp <= 0x303F) ||  /* CJK symbols and punctuation (not U+3000) */
           (cp >= 0x3040 && cp <= 0x30FF) ||  /* hiragana, katakana */
           (cp >= 0x31F0 && cp <= 0x31FF) ||  /* katakana extensions */
           (cp >= 0x3100 && cp <= 0x312F) ||  /* bopomofo */
           (cp >= 0x1100 && cp <= 0x11FF) ||  /* hangul jamo */
           (cp >= 0x3130 && cp <= 0x318F) ||  /* hangul compatibility jamo */
           (cp >= 0xAC00 && cp <= 0xD7AF) ||  /* hangul syllables */
           (cp >= 0xFF01 && cp <= 0xFF60) ||  /* full-width forms */
           (cp >= 0xFFE0 && cp <= 0xFFE6) ||  /* full-width signs */
           (cp >= 0xFE30 && cp <= 0xFE4F) ||  /* CJK compatibility forms */
           (cp >= 0xFE10 && cp <= 0xFE19) ||  /* vertical forms */
           (cp >= 0x2018 && cp <= 0x201F) ||  /* “ ” ‘ ’ */
           cp == 0x2014 || cp == 0x2015 ||    /* —— */
           cp == 0x2026 || cp == 0x00B7;      /* …… and · */
}

size_t qb_skip_space(const char *s, size_t len, size_t i)
{
    while (i < len) {
        unsigned cp;
        size_t n = qb_utf8_decode(s + i, len - i, &cp);
        if (!n || !qb_cp_is_space(cp))
            break;
        i += n;
    }
    return i;
}

void qb_count_text(qb_count *c, const char *s, size_t len)
{
    int in_run = 0;
    size_t i = 0;
    while (i < len) {
        unsigned cp;
        size_t n = qb_utf8_decode(s + i, len - i, &cp);
        if (!n) {
            cp = 0xFFFD; /* a stray byte is still one visible character */
            n = 1;
        }
        i += n;
        if (qb_cp_is_space(cp)) {
            in_run = 0;
            continue;
        }
        c->chars++;
        if (qb_cp_counts_alone(cp)) {
            c->words++;
            in_run = 0;
        } else if (!in_run) {
            c->words++;
            in_run = 1;
        }
    }
}

char *qb_text_fold(const char *s, size_t len)
{
    qb_buf b = {0};
    for (size_t i = 0; i < len;) {
        unsigned cp;
        size_t n = qb_utf8_decode(s + i, len - i, &cp);
        if (!n) {
            i++;
            continue;
        }
        i += n;
        if (cp >= 0xFF01 && cp <= 0xFF5E)
            cp -= 0xFEE0;
        else if (cp == 0x2212)
            cp = '-';
        if (!qb_cp_is_space(cp))
            qb_buf_addc(&b, cp);
    }
    return qb_buf_take(&b);
}
