/* numbering.c — labels of automatic numbering, computed as Word does. */
#include "numbering.h"
#include "buf.h"
#include "docx.h"
#include "utf8.h"
#include "xmlsafe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define QB_NUM_LEVELS 9

typedef struct {
    int start;
    char fmt[32];
    char text[64];
    int is_lgl;
} num_level;

typedef struct {
    int id;
    num_level lvl[QB_NUM_LEVELS];
    int counter[QB_NUM_LEVELS];
    int used[QB_NUM_LEVELS];
} abstract_num;

typedef struct {
    int id, abstract_id;
    int override_start[QB_NUM_LEVELS]; /* -1 when none */
    int override_pending;
} num_inst;

struct qb_numbering {
    abstract_num *a;
    size_t na, capa;
    num_inst *n;
    size_t nn, capn;
};

/* An integer attribute, clamped to what Word accepts for ids and start values (atoi
 * on "99999999999" is undefined, and a counter at INT_MAX would overflow). */
static int attr_int(xmlNodePtr n, const char *name, int dflt)
{
    xmlChar *v = qb_xml_attr(n, name);
    if (!v)
        return dflt;
    long r = strtol((const char *)v, NULL, 10);
    xmlFree(v);
    return r < -1000000 ? -1000000 : r > 1000000 ? 1000000 : (int)r;
}

static void read_level(xmlNodePtr lvl, num_level *out)
{
    xmlNodePtr c;
    if ((c = qb_xml_child(lvl, "start")))
        out->start = attr_int(c, "val", 1);
    if ((c = qb_xml_child(lvl, "numFmt")))
        qb_xml_attr_buf(c, "val", out->fmt, sizeof out->fmt);
    if ((c = qb_xml_child(lvl, "lvlText")))
        qb_xml_attr_buf(c, "val", out->text, sizeof out->text);
    if ((c = qb_xml_child(lvl, "isLgl")))
        out->is_lgl = qb_xml_onoff(c);
}

qb_status qb_numbering_new(qb_numbering **out)
{
    *out = calloc(1, sizeof **out);
    return *out ? QB_OK : QB_ERR_NOMEM;
}

qb_status qb_numbering_child(qb_numbering *nb, xmlNodePtr n)
{
    if ((qb_xml_node_is(n, "abstractNum") || qb_xml_node_is(n, "num")) && nb->na + nb->nn >= QB_DOCX_MAX_DEFS)
        return QB_ERR_LIMIT;
    if (qb_xml_node_is(n, "abstractNum")) {
        qb_status st = qb_grow((void **)&nb->a, &nb->capa, nb->na + 1, sizeof *nb->a);
        if (st != QB_OK)
            return st;
        abstract_num *a = &nb->a[nb->na++];
        memset(a, 0, sizeof *a);
        a->id = attr_int(n, "abstractNumId", -1);
        for (int i = 0; i < QB_NUM_LEVELS; i++)
            a->lvl[i].start = 1;
        for (xmlNodePtr l = n->children; l; l = l->next)
            if (qb_xml_node_is(l, "lvl")) {
                int il = attr_int(l, "ilvl", -1);
                if (il >= 0 && il < QB_NUM_LEVELS)
                    read_level(l, &a->lvl[il]);
            }
    } else if (qb_xml_node_is(n, "num")) {
        qb_status st = qb_grow((void **)&nb->n, &nb->capn, nb->nn + 1, sizeof *nb->n);
        if (st != QB_OK)
            return st;
        num_inst *ni = &nb->n[nb->nn++];
        memset(ni, 0, sizeof *ni);
        ni->id = attr_int(n, "numId", -1);
        xmlNodePtr an = qb_xml_child(n, "abstractNumId");
        ni->abstract_id = an ? attr_int(an, "val", -1) : -1;
        for (int i = 0; i < QB_NUM_LEVELS; i++)
            ni->override_start[i] = -1;
        for (xmlNodePtr ov = n->children; ov; ov = ov->next) {
            if (!qb_xml_node_is(ov, "lvlOverride"))
                continue;
            int il = attr_int(ov, "ilvl", -1);
            xmlNodePtr so = qb_xml_child(ov, "startOverride");
            if (il >= 0 && il < QB_NUM_LEVELS && so) {
                ni->override_start[il] = attr_int(so, "val", 1);
                ni->override_pending = 1;
            }
        }
    }
    return QB_OK;
}

void qb_numbering_drop(qb_numbering *nb)
{
    nb->na = nb->nn = 0;
}

void qb_numbering_free(qb_numbering *n)
{
    if (!n)
        return;
    free(n->a);
    free(n->n);
    free(n);
}

static const char *const cn_digits[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

/* 1..9999 in Chinese counting: 十一, 二十, 一百零五 … */
static void chinese_counting(qb_buf *b, int v)
{
    static const char *const units[] = {"", "十", "百", "千"};
    if (v <= 0 || v > 9999) {
        qb_buf_addf(b, "%d", v);
        return;
    }
    if (v >= 10 && v < 20) { /* 十, 十一 … not 一十 */
        qb_buf_adds(b, "十");
        if (v % 10)
            qb_buf_adds(b, cn_digits[v % 10]);
        return;
    }
    int d[4] = {v / 1000, v / 100 % 10, v / 10 % 10, v % 10};
    int started = 0, zero = 0;
    for (int i = 0; i < 4; i++) {
        if (d[i] == 0) {
            if (started)
                zero = 1;
            continue;
        }
        if (zero)
            qb_buf_adds(b, "零");
        zero = 0;
        qb_buf_adds(b, cn_digits[d[i]]);
        qb_buf_adds(b, units[3 - i]);
        started = 1;
    }
}

static void roman(qb_buf *b, int v, int upper)
{
    static const struct { int v; const char *u, *l; } t[] = {
        {1000, "M", "m"}, {900, "CM", "cm"}, {500, "D", "d"}, {400, "CD", "cd"}, {100, "C", "c"},
        {90, "XC", "xc"}, {50, "L", "l"}, {40, "XL", "xl"}, {10, "X", "x"}, {9, "IX", "ix"},
        {5, "V", "v"}, {4, "IV", "iv"}, {1, "I", "i"}};
    if (v <= 0 || v >= 4000) {
        qb_buf_addf(b, "%d", v);
        return;
    }
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        while (v >= t[i].v) {
            qb_buf_adds(b, upper ? t[i].u : t[i].l);
            v -= t[i].v;
        }
}

/* Word's bullets in the Symbol and Wingdings fonts (U+F000 + the font's code). */
static unsigned bullet_unicode(unsigned cp)
{
    switch (cp) {
    case 0xF0B7: return 0x2022; /* Symbol • */
    case 0xF0A7: return 0x25AA; /* Wingdings ▪ */
    case 0xF06C: return 0x25CF; /* Wingdings ● */
    case 0xF06E: return 0x25A0; /* Wingdings ■ */
    case 0xF071: return 0x25A1; /* Wingdings ❑, as □ */
    case 0xF075: return 0x25C6; /* Wingdings ◆ */
    case 0xF076: return 0x25C6; /* Wingdings ❖, as ◆ */
    case 0xF0D8: return 0x25B6; /* Wingdings ➢, as ▶ */
    case 0xF0FC: return 0x221A; /* Wingdings ✓, as √ */
    case 0xF0A8: return 0x25A1; /* Wingdings ◻, as □ */
    default: return 0;
    }
}

static void format_value(qb_buf *b, const char *fmt, int v)
{
    if (strcmp(fmt, "chineseCounting") == 0 || strcmp(fmt, "chineseCountingThousand") == 0 ||
        strcmp(fmt, "japaneseCounting") == 0 || strcmp(fmt, "taiwaneseCountingThousand") == 0 ||
        strcmp(fmt, "chineseLegalSimplified") == 0) {
        chinese_counting(b, v);
    } else if (strcmp(fmt, "ideographDigital") == 0 || strcmp(fmt, "taiwaneseDigital") == 0) {
        char tmp[16];
        snprintf(tmp, sizeof tmp, "%d", v);
        for (char *p = tmp; *p; p++)
            qb_buf_adds(b, *p >= '0' && *p <= '9' ? cn_digits[*p - '0'] : "");
    } else if (strcmp(fmt, "ideographTraditional") == 0) {
        static const char *const stems[] = {"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"};
        qb_buf_adds(b, v >= 1 && v <= 10 ? stems[v - 1] : "");
    } else if (strcmp(fmt, "decimalEnclosedCircle") == 0 || strcmp(fmt, "decimalEnclosedCircleChinese") == 0) {
        if (v >= 1 && v <= 20)
            qb_buf_addc(b, 0x2460u + (unsigned)v - 1);
        else
            qb_buf_addf(b, "%d", v);
    } else if (strcmp(fmt, "decimalFullWidth") == 0 || strcmp(fmt, "decimalFullWidth2") == 0) {
        char tmp[16];
        snprintf(tmp, sizeof tmp, "%d", v);
        for (char *p = tmp; *p; p++)
            qb_buf_addc(b, 0xFF10u + (unsigned)(*p - '0'));
    } else if (strcmp(fmt, "upperLetter") == 0 || strcmp(fmt, "lowerLetter") == 0) {
        char c = (char)((fmt[0] == 'u' ? 'A' : 'a') + (v - 1) % 26);
        for (int i = 0; i <= (v - 1) / 26 && v > 0 && i < 64; i++) /* the label is clipped anyway */
            qb_buf_add(b, &c, 1);
    } else if (strcmp(fmt, "upperRoman") == 0 || strcmp(fmt, "lowerRoman") == 0) {
        roman(b, v, fmt[0] == 'u');
    } else if (strcmp(fmt, "decimalZero") == 0) {
        qb_buf_addf(b, "%02d", v);
    } else if (strcmp(fmt, "none") == 0 || strcmp(fmt, "bullet") == 0) {
        /* nothing */
    } else {
        qb_buf_addf(b, "%d", v); /* decimal and anything unknown */
    }
}

size_t qb_numbering_next(qb_numbering *nb, int num_id, int lvl, char *out, size_t size)
{
    out[0] = '\0';
    if (!nb || num_id <= 0 || lvl < 0 || lvl >= QB_NUM_LEVELS || size == 0)
        return 0;
    num_inst *ni = NULL;
    for (size_t i = 0; i < nb->nn; i++)
        if (nb->n[i].id == num_id)
            ni = &nb->n[i];
    if (!ni)
        return 0;
    abstract_num *a = NULL;
    for (size_t i = 0; i < nb->na; i++)
        if (nb->a[i].id == ni->abstract_id)
            a = &nb->a[i];
    if (!a)
        return 0;
    if (ni->override_pending) { /* a restarted list (startOverride) begins afresh */
        for (int i = 0; i < QB_NUM_LEVELS; i++)
            if (ni->override_start[i] >= 0) {
                a->counter[i] = ni->override_start[i] - 1;
                a->used[i] = 1;
            }
        ni->override_pending = 0;
    }
    a->counter[lvl] = a->used[lvl] ? a->counter[lvl] + 1 : a->lvl[lvl].start;
    a->used[lvl] = 1;
    for (int i = lvl + 1; i < QB_NUM_LEVELS; i++) /* deeper levels restart */
        a->used[i] = 0;
    const num_level *L = &a->lvl[lvl];
    qb_buf b = {0};
    if (strcmp(L->fmt, "bullet") == 0) {
        /* Symbol/Wingdings bullets are private-use codes of their font: the common
         * ones as the Unicode marks they draw, the others dropped */
        unsigned cp;
        size_t n = qb_utf8_decode(L->text, strlen(L->text), &cp);
        if (n && !(cp >= 0xE000 && cp <= 0xF8FF))
            qb_buf_adds(&b, L->text);
        else if (n && (cp = bullet_unicode(cp)) != 0)
            qb_buf_addc(&b, cp);
    } else {
        for (const char *p = L->text; *p; p++) {
            if (*p == '%' && p[1] >= '1' && p[1] <= '9') {
                int k = p[1] - '1';
                int v = a->used[k] ? a->counter[k] : a->lvl[k].start;
                format_value(&b, (L->is_lgl && k != lvl) ? "decimal" : a->lvl[k].fmt, v);
                p++;
            } else {
                qb_buf_add(&b, p, 1);
            }
        }
    }
    size_t n = 0;
    if (b.s) {
        n = qb_utf8_clip(b.s, size - 1);
        memcpy(out, b.s, n);
        out[n] = '\0';
    }
    qb_buf_free(&b);
    return n;
}
