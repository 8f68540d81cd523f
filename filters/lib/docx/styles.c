/* styles.c — Word's formatting cascade, resolved once per style at load time.
 *
 * Every w:pPr / w:rPr is first read into a "delta" (what that one element says,
 * everything else unset). A style's chain (basedOn) is flattened once, when the
 * package is loaded, into the delta of the whole chain: the nearest value wins, for
 * toggles too (ECMA-376 §17.7.3: "the first value encountered" walking basedOn).
 * Per paragraph and per run only the levels are combined:
 *
 *   docDefaults → table style → numbering level (pPr) → paragraph style →
 *   character style → direct formatting
 *
 * Non-toggle values: the last level that sets one wins. Toggles (b, i, caps,
 * smallCaps, strike, dstrike, vanish): direct formatting is absolute; otherwise true
 * in docDefaults stays true (§17.7.3), the paragraph style resets the table style's
 * value (what Word does, MS-OI29500 2.1.258, where the standard says XOR), and a
 * character style set to true toggles what is below it (Strong inside a bold
 * heading shows not bold), set to false leaves it unchanged.
 *
 * Fonts per slot (eastAsia, ascii, hAnsi): within one w:rFonts a theme attribute
 * beats the explicit name (§17.3.2.26; LibreOffice writes both, the name often
 * wrong); across levels the nearest level that names the slot wins. Theme fonts come
 * from theme1.xml; an empty <a:ea typeface=""/> falls back to the theme's script font
 * for the East Asian language: settings.xml w:themeFontLang/@w:eastAsia, else the
 * run's w:lang/@w:eastAsia, else zh-CN (Hans: 宋体 in WPS themes, 等线 in Word 2016+).
 *
 * Application defaults, used when no level sets a value (also for packages without
 * styles.xml): what Word uses when a document carries no value — 10 pt (sz 20,
 * MS-DOC's default CHP), Times New Roman for ascii/hAnsi, and for the East Asian
 * slot the classic font of the East Asian language (zh-CN 宋体, zh-TW 新細明體,
 * ja ＭＳ 明朝, ko 바탕). Paragraphs: left, single spacing (line 240 auto), no
 * indent, body text. Chinese Word's 五号 (sz 21) comes from its Normal.dotm, which
 * is not applied to an existing document, so it is not assumed here. */
#include "styles.h"
#include "docx.h"

#include "buf.h"
#include "utf8.h"
#include "xmlsafe.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- deltas ------------------------------------------------------------------ */

enum { SLOT_EA, SLOT_ASCII, SLOT_HANSI, NSLOT };
enum { TG_B, TG_I, TG_CAPS, TG_SMALLCAPS, TG_STRIKE, TG_DSTRIKE, TG_VANISH, NTOG };
static const char *const toggle_names[NTOG] = {"b", "i", "caps", "smallCaps", "strike", "dstrike", "vanish"};

/* Theme font references, as in ST_Theme. */
enum { TH_NONE = -1, TH_MAJOR_ASCII, TH_MAJOR_HANSI, TH_MAJOR_EA, TH_MAJOR_BIDI,
       TH_MINOR_ASCII, TH_MINOR_HANSI, TH_MINOR_EA, TH_MINOR_BIDI, NTHEME };
static const char *const theme_names[NTHEME] = {"majorAscii", "majorHAnsi", "majorEastAsia", "majorBidi",
                                                "minorAscii", "minorHAnsi", "minorEastAsia", "minorBidi"};

typedef struct {
    signed char set;   /* 0 unset, 1 name, 2 theme */
    signed char theme; /* TH_* when set == 2 */
    char name[QB_FONT_MAX];
} fslot;

#define LANG_MAX 24

typedef struct {
    fslot f[NSLOT];
    int sz;                 /* half-points, 0 unset */
    signed char tog[NTOG];  /* -1 unset, 0/1 */
    signed char hint_ea;    /* -1 unset, 0/1 */
    signed char valign;     /* w:vertAlign: -1 unset, 0 baseline, 1 superscript, 2 subscript */
    signed char u;          /* w:u: -1 unset, 0 none, 1 underlined */
    char lang_ea[LANG_MAX]; /* "" unset */
} rdelta;

typedef struct {
    qb_jc jc;               /* QB_JC_UNSET when unset */
    int line;
    qb_line_rule rule;      /* QB_LINE_UNSET when unset (line then meaningless) */
    signed char has_first, has_chars, has_outline, has_num_id, has_num_lvl;
    int ind_first, ind_chars, outline, num_id, num_lvl;
} pdelta;

static void rdelta_init(rdelta *d)
{
    memset(d, 0, sizeof *d);
    memset(d->tog, -1, sizeof d->tog);
    d->hint_ea = -1;
    d->valign = -1;
    d->u = -1;
}

static void pdelta_init(pdelta *d)
{
    memset(d, 0, sizeof *d);
}

/* src's set values override dst's (used along a basedOn chain and between levels,
 * toggles excepted — the caller combines those). */
static void rdelta_over(rdelta *dst, const rdelta *src, int with_toggles)
{
    for (int i = 0; i < NSLOT; i++)
        if (src->f[i].set)
            dst->f[i] = src->f[i];
    if (src->sz)
        dst->sz = src->sz;
    if (with_toggles)
        for (int i = 0; i < NTOG; i++)
            if (src->tog[i] >= 0)
                dst->tog[i] = src->tog[i];
    if (src->hint_ea >= 0)
        dst->hint_ea = src->hint_ea;
    if (src->valign >= 0)
        dst->valign = src->valign;
    if (src->u >= 0)
        dst->u = src->u;
    if (src->lang_ea[0])
        memcpy(dst->lang_ea, src->lang_ea, sizeof dst->lang_ea);
}

static void pdelta_over(pdelta *dst, const pdelta *src)
{
    if (src->jc != QB_JC_UNSET)
        dst->jc = src->jc;
    if (src->rule != QB_LINE_UNSET) {
        dst->line = src->line;
        dst->rule = src->rule;
    }
    if (src->has_first) { dst->has_first = 1; dst->ind_first = src->ind_first; }
    if (src->has_chars) { dst->has_chars = 1; dst->ind_chars = src->ind_chars; }
    if (src->has_outline) { dst->has_outline = 1; dst->outline = src->outline; }
    if (src->has_num_id) { dst->has_num_id = 1; dst->num_id = src->num_id; }
    if (src->has_num_lvl) { dst->has_num_lvl = 1; dst->num_lvl = src->num_lvl; }
}

int qb_styles_twips(const char *v, long *out, int *unit)
{
    static const struct { const char *u; double twips; } units[] = {
        {"pt", 20}, {"in", 1440}, {"cm", 1440 / 2.54}, {"mm", 144 / 2.54}, {"pc", 240}, {"pi", 240}};
    char *end;
    double d = strtod(v, &end);
    if (end == v || d != d)
        return 0;
    if (unit)
        *unit = 0;
    if (*end) {
        size_t i = 0;
        while (i < sizeof units / sizeof units[0] && strcmp(end, units[i].u) != 0)
            i++;
        if (i == sizeof units / sizeof units[0])
            return 0;
        d *= units[i].twips;
        if (unit)
            *unit = 1;
    }
    if (d > 1e7) d = 1e7;
    if (d < -1e7) d = -1e7;
    *out = (long)(d < 0 ? d - 0.5 : d + 0.5);
    return 1;
}

/* A whole number attribute (ids, levels); 0 when absent or not a number. */
static int attr_int(xmlNodePtr n, const char *name, int *out)
{
    char buf[32];
    if (!qb_xml_attr_buf(n, name, buf, sizeof buf))
        return 0;
    char *end;
    long v = strtol(buf, &end, 10);
    if (end == buf || *end)
        return 0;
    if (v > 1000000) v = 1000000;
    if (v < -1000000) v = -1000000;
    *out = (int)v;
    return 1;
}

/* A measure attribute in its own unit (twips, or half-points when hp), also when
 * written with a unit as ISO 29500 strict does ("595.30pt", "2.5cm"). */
static int attr_measure(xmlNodePtr n, const char *name, int hp, int *out)
{
    char buf[32];
    long v;
    int unit;
    if (!qb_xml_attr_buf(n, name, buf, sizeof buf) || !qb_styles_twips(buf, &v, &unit))
        return 0;
    if (unit && hp)
        v = (v + 5) / 10; /* twips → half-points */
    if (v > 1000000) v = 1000000;
    if (v < -1000000) v = -1000000;
    *out = (int)v;
    return 1;
}

static int theme_index(const char *v)
{
    for (int i = 0; i < NTHEME; i++)
        if (strcmp(v, theme_names[i]) == 0)
            return i;
    return TH_NONE;
}

/* One w:rFonts slot: a theme attribute beats the name beside it (§17.3.2.26). */
static void read_slot(xmlNodePtr rf, const char *name_attr, const char *theme_attr, fslot *s)
{
    char buf[QB_FONT_MAX];
    if (qb_xml_attr_buf(rf, theme_attr, buf, sizeof buf)) {
        int t = theme_index(buf);
        if (t != TH_NONE) {
            s->set = 2;
            s->theme = (signed char)t;
            s->name[0] = '\0';
            return;
        }
    }
    if (qb_xml_attr_buf(rf, name_attr, buf, sizeof buf) && buf[0]) {
        s->set = 1;
        s->theme = TH_NONE;
        memcpy(s->name, buf, sizeof s->name);
    }
}

/* What one w:rPr says. rstyle (may be NULL) receives w:rStyle. */
static void read_rpr(xmlNodePtr rpr, rdelta *d, char *rstyle, size_t rstyle_size)
{
    rdelta_init(d);
    if (rstyle)
        rstyle[0] = '\0';
    if (!rpr)
        return;
    for (xmlNodePtr c = rpr->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || !c->ns || !qb_xml_is_w(c->ns->href))
            continue;
        const char *n = (const char *)c->name;
        if (strcmp(n, "rFonts") == 0) {
            read_slot(c, "eastAsia", "eastAsiaTheme", &d->f[SLOT_EA]);
            read_slot(c, "ascii", "asciiTheme", &d->f[SLOT_ASCII]);
            read_slot(c, "hAnsi", "hAnsiTheme", &d->f[SLOT_HANSI]);
            char hint[16];
            if (qb_xml_attr_buf(c, "hint", hint, sizeof hint))
                d->hint_ea = strcmp(hint, "eastAsia") == 0;
        } else if (strcmp(n, "sz") == 0) {
            int v;
            if (attr_measure(c, "val", 1, &v) && v >= 2 && v <= 3276)
                d->sz = v;
        } else if (strcmp(n, "u") == 0) {
            char u[24] = "";
            d->u = !qb_xml_attr_buf(c, "val", u, sizeof u) || strcmp(u, "none") != 0;
        } else if (strcmp(n, "vertAlign") == 0) {
            char va[16] = "";
            qb_xml_attr_buf(c, "val", va, sizeof va);
            d->valign = strcmp(va, "superscript") == 0 ? 1 : strcmp(va, "subscript") == 0 ? 2 : 0;
        } else if (strcmp(n, "lang") == 0) {
            qb_xml_attr_buf(c, "eastAsia", d->lang_ea, sizeof d->lang_ea);
        } else if (strcmp(n, "rStyle") == 0) {
            if (rstyle)
                qb_xml_attr_buf(c, "val", rstyle, rstyle_size);
        } else {
            for (int i = 0; i < NTOG; i++)
                if (strcmp(n, toggle_names[i]) == 0)
                    d->tog[i] = (signed char)qb_xml_onoff(c);
        }
    }
}

static qb_jc parse_jc(const char *v)
{
    if (strcmp(v, "center") == 0) return QB_JC_CENTER;
    if (strcmp(v, "both") == 0) return QB_JC_BOTH;
    if (strcmp(v, "left") == 0 || strcmp(v, "start") == 0) return QB_JC_LEFT;
    if (strcmp(v, "right") == 0 || strcmp(v, "end") == 0) return QB_JC_RIGHT;
    /* distribute and the kashida / Thai variants all spread the last line too */
    if (strcmp(v, "distribute") == 0 || strstr(v, "Kashida") || strcmp(v, "thaiDistribute") == 0)
        return QB_JC_DISTRIBUTE;
    return QB_JC_UNSET;
}

/* What one w:pPr says. pstyle (may be NULL) receives w:pStyle; mark (may be NULL)
 * receives the paragraph mark's w:rPr node. */
static void read_ppr(xmlNodePtr ppr, pdelta *d, char *pstyle, size_t pstyle_size, xmlNodePtr *mark)
{
    pdelta_init(d);
    if (pstyle)
        pstyle[0] = '\0';
    if (mark)
        *mark = NULL;
    if (!ppr)
        return;
    for (xmlNodePtr c = ppr->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || !c->ns || !qb_xml_is_w(c->ns->href))
            continue;
        const char *n = (const char *)c->name;
        char buf[32];
        int v;
        if (strcmp(n, "pStyle") == 0) {
            if (pstyle)
                qb_xml_attr_buf(c, "val", pstyle, pstyle_size);
        } else if (strcmp(n, "jc") == 0) {
            if (qb_xml_attr_buf(c, "val", buf, sizeof buf))
                d->jc = parse_jc(buf);
        } else if (strcmp(n, "spacing") == 0) {
            if (attr_measure(c, "line", 0, &v)) {
                d->line = v;
                d->rule = QB_LINE_AUTO; /* lineRule's default */
                if (qb_xml_attr_buf(c, "lineRule", buf, sizeof buf)) {
                    if (strcmp(buf, "exact") == 0)
                        d->rule = QB_LINE_EXACT;
                    else if (strcmp(buf, "atLeast") == 0)
                        d->rule = QB_LINE_AT_LEAST;
                }
            }
        } else if (strcmp(n, "ind") == 0) {
            /* hanging beats firstLine when both are written (§17.3.1.12) */
            if (attr_measure(c, "hanging", 0, &v)) {
                d->has_first = 1;
                d->ind_first = -v;
            } else if (attr_measure(c, "firstLine", 0, &v)) {
                d->has_first = 1;
                d->ind_first = v;
            }
            if (attr_int(c, "hangingChars", &v)) {
                d->has_chars = 1;
                d->ind_chars = -v;
            } else if (attr_int(c, "firstLineChars", &v)) {
                d->has_chars = 1;
                d->ind_chars = v;
            }
        } else if (strcmp(n, "outlineLvl") == 0) {
            if (attr_int(c, "val", &v)) {
                d->has_outline = 1;
                d->outline = (v >= 0 && v <= 8) ? v : -1; /* 9 = body text */
            }
        } else if (strcmp(n, "numPr") == 0) {
            xmlNodePtr id = qb_xml_child(c, "numId");
            xmlNodePtr lvl = qb_xml_child(c, "ilvl");
            if (id && attr_int(id, "val", &v)) {
                d->has_num_id = 1;
                d->num_id = v;
            }
            if (lvl && attr_int(lvl, "val", &v) && v >= 0 && v <= 8) {
                d->has_num_lvl = 1;
                d->num_lvl = v;
            }
        } else if (strcmp(n, "rPr") == 0) {
            if (mark)
                *mark = c;
        }
    }
}

/* ---- styles ------------------------------------------------------------------ */

typedef enum { ST_PARA, ST_CHAR, ST_TABLE, ST_NUMBERING, ST_OTHER } style_type;

typedef struct {
    char *id, *name, *based_on;
    style_type type;
    int is_default;
    int parent;      /* index of the basedOn style, -1 at a root or where a cycle was refused */
    int state;       /* 0 not flattened, 1 on the walk stack, 2 flattened */
    rdelta r_own, r; /* own delta, flattened chain */
    pdelta p_own, p;
} style;

/* theme1.xml's font scheme */
typedef struct {
    char latin[QB_FONT_MAX], ea[QB_FONT_MAX];
    char script_hans[QB_FONT_MAX], script_hant[QB_FONT_MAX];
    char script_jpan[QB_FONT_MAX], script_hang[QB_FONT_MAX];
} theme_fonts;

typedef struct {
    int num_id, abstract_id;
    pdelta over[9];
    signed char has_over[9];
} num_def;

typedef struct {
    int id;
    char *style_link; /* numStyleLink: the levels live in a numbering style's num */
    pdelta lvl[9];
} abstract_def;

typedef struct {
    const char *id;
    int i;
} id_ix;

struct qb_styles {
    style *v;
    size_t n, cap;
    id_ix *by_id;     /* ids sorted, for bsearch */
    id_ix *by_ci;     /* the same ignoring case (a paragraph citing a missing style
                         must not cost a scan of every style) */
    int def_para, def_char, def_table;
    rdelta doc_r;
    pdelta doc_p;
    theme_fonts major, minor;
    int has_theme;
    char theme_lang_ea[LANG_MAX];
    num_def *nums;
    size_t nnum, capn;
    abstract_def *abs;
    size_t nabs, capa;
    int cycles;       /* basedOn links refused because they closed a cycle */
};

static int cmp_id(const void *a, const void *b)
{
    const id_ix *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    return c ? c : (x->i > y->i) - (x->i < y->i); /* equal ids keep file order */
}

static int cmp_ci(const void *a, const void *b)
{
    const id_ix *x = a, *y = b;
    int c = strcasecmp(x->id, y->id);
    return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* Style index by id and (unless ST_OTHER) type, or -1. Ids compare exactly; Word
 * also matches a differently-cased id, tried second. */
static int find_style(const qb_styles *st, const char *id, style_type type)
{
    if (!id || !*id || !st->n)
        return -1;
    size_t lo = 0, hi = st->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(st->by_id[mid].id, id);
        if (c == 0) {
            /* the first of equal ids whose type fits */
            while (mid > 0 && strcmp(st->by_id[mid - 1].id, id) == 0)
                mid--;
            for (; mid < st->n && strcmp(st->by_id[mid].id, id) == 0; mid++)
                if (type == ST_OTHER || st->v[st->by_id[mid].i].type == type)
                    return st->by_id[mid].i;
            return -1;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    /* the first in file order of the ids equal but for case whose type fits */
    lo = 0, hi = st->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcasecmp(st->by_ci[mid].id, id) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < st->n && strcasecmp(st->by_ci[lo].id, id) == 0; lo++)
        if (type == ST_OTHER || st->v[st->by_ci[lo].i].type == type)
            return st->by_ci[lo].i;
    return -1;
}

/* Flatten every style's basedOn chain without recursion (any depth; a link that
 * would close a cycle is refused and counted). */
static qb_status flatten_all(qb_styles *st)
{
    int *stack = malloc((st->n ? st->n : 1) * sizeof *stack);
    if (!stack)
        return QB_ERR_NOMEM;
    for (size_t i = 0; i < st->n; i++) {
        if (st->v[i].state == 2)
            continue;
        size_t top = 0;
        int cur = (int)i;
        for (;;) {
            style *s = &st->v[cur];
            s->state = 1;
            stack[top++] = cur;
            int par = s->based_on ? find_style(st, s->based_on, s->type) : -1;
            if (par == cur || (par >= 0 && st->v[par].state == 1)) {
                st->cycles++;
                par = -1;
            }
            s->parent = par;
            if (par < 0 || st->v[par].state == 2)
                break;
            cur = par;
        }
        while (top > 0) {
            style *s = &st->v[stack[--top]];
            if (s->parent >= 0) {
                s->r = st->v[s->parent].r;
                s->p = st->v[s->parent].p;
            } else {
                rdelta_init(&s->r);
                pdelta_init(&s->p);
            }
            rdelta_over(&s->r, &s->r_own, 1);
            pdelta_over(&s->p, &s->p_own);
            s->state = 2;
        }
    }
    free(stack);
    return QB_OK;
}

static char *attr_dup(xmlNodePtr n, const char *name)
{
    xmlChar *v = qb_xml_attr(n, name);
    if (!v)
        return NULL;
    char *s = qb_strdup((const char *)v);
    xmlFree(v);
    return s;
}

/* One element child of styles.xml's root (qb_opc_related_each). */
static qb_status styles_child(void *ctx, xmlNodePtr n)
{
    qb_styles *st = ctx;
    if (qb_xml_node_is(n, "docDefaults")) {
        xmlNodePtr rd = qb_xml_child(n, "rPrDefault");
        xmlNodePtr pd = qb_xml_child(n, "pPrDefault");
        read_rpr(qb_xml_child(rd, "rPr"), &st->doc_r, NULL, 0);
        read_ppr(qb_xml_child(pd, "pPr"), &st->doc_p, NULL, 0, NULL);
        return QB_OK;
    }
    if (!qb_xml_node_is(n, "style"))
        return QB_OK;
    if (st->n >= QB_DOCX_MAX_DEFS)
        return QB_ERR_LIMIT;
    if (qb_grow((void **)&st->v, &st->cap, st->n + 1, sizeof *st->v) != QB_OK)
        return QB_ERR_NOMEM;
    style *s = &st->v[st->n];
    memset(s, 0, sizeof *s);
    s->parent = -1;
    char type[16] = "paragraph";
    qb_xml_attr_buf(n, "type", type, sizeof type);
    s->type = strcmp(type, "paragraph") == 0 ? ST_PARA
            : strcmp(type, "character") == 0 ? ST_CHAR
            : strcmp(type, "table") == 0 ? ST_TABLE
            : strcmp(type, "numbering") == 0 ? ST_NUMBERING : ST_OTHER;
    xmlChar *def = qb_xml_attr(n, "default");
    s->is_default = def && (strcmp((char *)def, "1") == 0 || strcmp((char *)def, "true") == 0 ||
                            strcmp((char *)def, "on") == 0);
    xmlFree(def);
    s->id = attr_dup(n, "styleId");
    if (!s->id)
        s->id = qb_strdup("");
    s->name = attr_dup(qb_xml_child(n, "name"), "val");
    s->based_on = attr_dup(qb_xml_child(n, "basedOn"), "val");
    st->n++;
    if (!s->id)
        return QB_ERR_NOMEM;
    read_rpr(qb_xml_child(n, "rPr"), &s->r_own, NULL, 0);
    read_ppr(qb_xml_child(n, "pPr"), &s->p_own, NULL, 0, NULL);
    return QB_OK;
}

/* After styles.xml: the styles found by id, the defaults, each style's chain flattened. */
static qb_status styles_index(qb_styles *st)
{
    st->by_id = malloc((st->n ? st->n : 1) * sizeof *st->by_id);
    st->by_ci = malloc((st->n ? st->n : 1) * sizeof *st->by_ci);
    if (!st->by_id || !st->by_ci)
        return QB_ERR_NOMEM;
    for (size_t i = 0; i < st->n; i++) {
        st->by_id[i].id = st->v[i].id;
        st->by_id[i].i = (int)i;
    }
    memcpy(st->by_ci, st->by_id, st->n * sizeof *st->by_ci);
    qsort(st->by_id, st->n, sizeof *st->by_id, cmp_id);
    qsort(st->by_ci, st->n, sizeof *st->by_ci, cmp_ci);
    /* The default style of each type; without a w:default flag, the built-in one by
     * its language-independent w:name ("Normal", "Default Paragraph Font"). */
    st->def_para = st->def_char = st->def_table = -1;
    for (size_t i = 0; i < st->n; i++) {
        style *s = &st->v[i];
        int *slot = s->type == ST_PARA ? &st->def_para : s->type == ST_CHAR ? &st->def_char
                  : s->type == ST_TABLE ? &st->def_table : NULL;
        if (slot && s->is_default && *slot < 0)
            *slot = (int)i;
    }
    for (size_t i = 0; i < st->n && st->def_para < 0; i++)
        if (st->v[i].type == ST_PARA && st->v[i].name && strcasecmp(st->v[i].name, "Normal") == 0)
            st->def_para = (int)i;
    return flatten_all(st);
}

/* ---- theme ------------------------------------------------------------------- */

static int is_el(xmlNodePtr n, const char *local)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, local) == 0;
}

static xmlNodePtr el_child(xmlNodePtr n, const char *local)
{
    for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
        if (is_el(c, local))
            return c;
    return NULL;
}

static void typeface(xmlNodePtr n, char *out)
{
    xmlChar *v = n ? xmlGetProp(n, BAD_CAST "typeface") : NULL;
    out[0] = '\0';
    if (v) {
        size_t len = qb_utf8_clip((const char *)v, QB_FONT_MAX - 1);
        memcpy(out, v, len);
        out[len] = '\0';
        xmlFree(v);
    }
}

static void load_font_collection(xmlNodePtr fc, theme_fonts *t)
{
    typeface(el_child(fc, "latin"), t->latin);
    typeface(el_child(fc, "ea"), t->ea);
    for (xmlNodePtr c = fc ? fc->children : NULL; c; c = c->next) {
        if (!is_el(c, "font"))
            continue;
        xmlChar *script = xmlGetProp(c, BAD_CAST "script");
        if (!script)
            continue;
        char *dst = strcmp((char *)script, "Hans") == 0 ? t->script_hans
                  : strcmp((char *)script, "Hant") == 0 ? t->script_hant
                  : strcmp((char *)script, "Jpan") == 0 ? t->script_jpan
                  : strcmp((char *)script, "Hang") == 0 ? t->script_hang : NULL;
        if (dst)
            typeface(c, dst);
        xmlFree(script);
    }
}

/* What a part's children fill in, and whether the element that counts (the first of
 * its name, as a tree's first-child lookup took it) has been seen. */
typedef struct {
    qb_styles *st;
    int seen;
} first_rd;

/* One element child of theme1.xml's root: a:themeElements names the fonts. */
static qb_status theme_child(void *ctx, xmlNodePtr n)
{
    first_rd *rd = ctx;
    qb_styles *st = rd->st;
    if (rd->seen || !is_el(n, "themeElements"))
        return QB_OK;
    rd->seen = 1;
    xmlNodePtr fs = el_child(n, "fontScheme");
    if (!fs)
        return QB_OK;
    load_font_collection(el_child(fs, "majorFont"), &st->major);
    load_font_collection(el_child(fs, "minorFont"), &st->minor);
    st->has_theme = 1;
    return QB_OK;
}

/* One element child of settings.xml's root: only w:themeFontLang matters here. */
static qb_status settings_child(void *ctx, xmlNodePtr n)
{
    first_rd *rd = ctx;
    if (!rd->seen && qb_xml_node_is(n, "themeFontLang")) {
        rd->seen = 1;
        qb_xml_attr_buf(n, "eastAsia", rd->st->theme_lang_ea, sizeof rd->st->theme_lang_ea);
    }
    return QB_OK;
}

/* ---- numbering (formatting only; labels are numbering.c's) ------------------- */

qb_status qb_styles_numbering_child(qb_styles *st, xmlNodePtr n)
{
    int v;
    if ((qb_xml_node_is(n, "abstractNum") || qb_xml_node_is(n, "num")) && st->nabs + st->nnum >= QB_DOCX_MAX_DEFS)
        return QB_ERR_LIMIT;
    if (qb_xml_node_is(n, "abstractNum") && attr_int(n, "abstractNumId", &v)) {
        if (qb_grow((void **)&st->abs, &st->capa, st->nabs + 1, sizeof *st->abs) != QB_OK)
            return QB_ERR_NOMEM;
        abstract_def *a = &st->abs[st->nabs++];
        memset(a, 0, sizeof *a);
        a->id = v;
        a->style_link = attr_dup(qb_xml_child(n, "numStyleLink"), "val");
        for (xmlNodePtr l = n->children; l; l = l->next) {
            int il;
            if (qb_xml_node_is(l, "lvl") && attr_int(l, "ilvl", &il) && il >= 0 && il <= 8)
                read_ppr(qb_xml_child(l, "pPr"), &a->lvl[il], NULL, 0, NULL);
        }
    } else if (qb_xml_node_is(n, "num") && attr_int(n, "numId", &v)) {
        if (qb_grow((void **)&st->nums, &st->capn, st->nnum + 1, sizeof *st->nums) != QB_OK)
            return QB_ERR_NOMEM;
        num_def *d = &st->nums[st->nnum++];
        memset(d, 0, sizeof *d);
        d->num_id = v;
        d->abstract_id = -1;
        attr_int(qb_xml_child(n, "abstractNumId"), "val", &d->abstract_id);
        for (xmlNodePtr o = n->children; o; o = o->next) {
            int il;
            if (!qb_xml_node_is(o, "lvlOverride") || !attr_int(o, "ilvl", &il) || il < 0 || il > 8)
                continue;
            xmlNodePtr lvl = qb_xml_child(o, "lvl");
            if (lvl && qb_xml_child(lvl, "pPr")) {
                read_ppr(qb_xml_child(lvl, "pPr"), &d->over[il], NULL, 0, NULL);
                d->has_over[il] = 1;
            }
        }
    }
    return QB_OK;
}

void qb_styles_numbering_drop(qb_styles *st)
{
    for (size_t i = 0; i < st->nabs; i++)
        free(st->abs[i].style_link);
    st->nabs = st->nnum = 0;
}

/* The paragraph properties of numbering level (num_id, lvl), or NULL. */
static const pdelta *num_level(const qb_styles *st, int num_id, int lvl)
{
    if (num_id <= 0 || lvl < 0 || lvl > 8)
        return NULL;
    for (int hop = 0; hop < 4; hop++) { /* numStyleLink → numbering style → its numId */
        const num_def *d = NULL;
        for (size_t i = 0; i < st->nnum && !d; i++)
            if (st->nums[i].num_id == num_id)
                d = &st->nums[i];
        if (!d)
            return NULL;
        if (d->has_over[lvl])
            return &d->over[lvl];
        const abstract_def *a = NULL;
        for (size_t i = 0; i < st->nabs && !a; i++)
            if (st->abs[i].id == d->abstract_id)
                a = &st->abs[i];
        if (!a)
            return NULL;
        if (!a->style_link)
            return &a->lvl[lvl];
        int s = find_style(st, a->style_link, ST_NUMBERING);
        if (s < 0 || !st->v[s].p.has_num_id || st->v[s].p.num_id == num_id)
            return &a->lvl[lvl];
        num_id = st->v[s].p.num_id;
    }
    return NULL;
}

/* ---- loading ----------------------------------------------------------------- */

/* Forget what a styles.xml that turned out not well-formed gave: Word's defaults instead. */
static void styles_drop(qb_styles *st)
{
    for (size_t i = 0; i < st->n; i++) {
        free(st->v[i].id);
        free(st->v[i].name);
        free(st->v[i].based_on);
    }
    st->n = 0;
    rdelta_init(&st->doc_r);
    pdelta_init(&st->doc_p);
}

qb_status qb_styles_load(qb_opc *o, const qb_rels *main_rels, qb_styles **out)
{
    *out = NULL;
    qb_xml_init();
    qb_styles *st = calloc(1, sizeof *st);
    if (!st)
        return QB_ERR_NOMEM;
    rdelta_init(&st->doc_r);
    pdelta_init(&st->doc_p);
    st->def_para = st->def_char = st->def_table = -1;
    int whole = 0;
    first_rd theme = {st, 0}, set = {st, 0};
    qb_status rc = qb_opc_related_each(o, main_rels, "/styles", QB_DOCX_MAX_DOM_PART, styles_child, st, &whole);
    if (rc == QB_OK && !whole)
        styles_drop(st);
    else if (rc == QB_OK)
        rc = styles_index(st);
    if (rc == QB_OK)
        rc = qb_opc_related_each(o, main_rels, "/theme", QB_DOCX_MAX_DOM_PART, theme_child, &theme, &whole);
    if (rc == QB_OK && !whole) {
        memset(&st->major, 0, sizeof st->major);
        memset(&st->minor, 0, sizeof st->minor);
        st->has_theme = 0;
    }
    if (rc == QB_OK)
        rc = qb_opc_related_each(o, main_rels, "/settings", QB_DOCX_MAX_DOM_PART, settings_child, &set, &whole);
    if (rc == QB_OK && !whole)
        st->theme_lang_ea[0] = '\0';
    if (rc != QB_OK) {
        qb_styles_free(st);
        return rc;
    }
    *out = st;
    return QB_OK;
}

void qb_styles_free(qb_styles *st)
{
    if (!st)
        return;
    styles_drop(st);
    qb_styles_numbering_drop(st);
    free(st->v);
    free(st->by_id);
    free(st->by_ci);
    free(st->nums);
    free(st->abs);
    free(st);
}

const char *qb_styles_name(const qb_styles *st, const char *style_id)
{
    int i = find_style(st, style_id, ST_PARA);
    if (i < 0)
        i = find_style(st, style_id, ST_OTHER);
    return i >= 0 ? st->v[i].name : NULL;
}

int qb_styles_cycles(const qb_styles *st)
{
    return st ? st->cycles : 0;
}

/* ---- resolution -------------------------------------------------------------- */

static void copy_name(char *dst, const char *src)
{
    size_t len = qb_utf8_clip(src, QB_FONT_MAX - 1);
    memcpy(dst, src, len);
    dst[len] = '\0';
}

/* Classic East Asian font of a language tag (zh-CN, zh-Hans …). */
static const char *lang_default_font(const char *lang)
{
    if (strncasecmp(lang, "zh-TW", 5) == 0 || strncasecmp(lang, "zh-HK", 5) == 0 ||
        strncasecmp(lang, "zh-MO", 5) == 0 || strncasecmp(lang, "zh-Hant", 7) == 0)
        return "新細明體";
    if (strncasecmp(lang, "ja", 2) == 0)
        return "ＭＳ 明朝";
    if (strncasecmp(lang, "ko", 2) == 0)
        return "바탕";
    return "宋体";
}

static int is_cjk_lang(const char *lang)
{
    return strncasecmp(lang, "zh", 2) == 0 || strncasecmp(lang, "ja", 2) == 0 ||
           strncasecmp(lang, "ko", 2) == 0;
}

/* The language that picks the East Asian script font of the theme. */
static const char *ea_lang(const qb_styles *st, const char *run_lang)
{
    if (is_cjk_lang(st->theme_lang_ea))
        return st->theme_lang_ea;
    if (run_lang && is_cjk_lang(run_lang))
        return run_lang;
    return "zh-CN";
}

static const char *script_font(const theme_fonts *t, const char *lang)
{
    const char *f;
    if (strncasecmp(lang, "zh-TW", 5) == 0 || strncasecmp(lang, "zh-HK", 5) == 0 ||
        strncasecmp(lang, "zh-MO", 5) == 0 || strncasecmp(lang, "zh-Hant", 7) == 0)
        f = t->script_hant;
    else if (strncasecmp(lang, "ja", 2) == 0)
        f = t->script_jpan;
    else if (strncasecmp(lang, "ko", 2) == 0)
        f = t->script_hang;
    else
        f = t->script_hans;
    return f;
}

/* The font name a slot resolves to; "" when the theme does not name one. */
static void slot_font(const qb_styles *st, const fslot *s, int slot, const char *lang, char *out)
{
    out[0] = '\0';
    if (s->set == 1) {
        copy_name(out, s->name);
        return;
    }
    if (s->set == 2 && st->has_theme) {
        const theme_fonts *t = s->theme < TH_MINOR_ASCII ? &st->major : &st->minor;
        switch (s->theme) {
        case TH_MAJOR_EA: case TH_MINOR_EA:
            copy_name(out, t->ea[0] ? t->ea : script_font(t, ea_lang(st, lang)));
            break;
        case TH_MAJOR_BIDI: case TH_MINOR_BIDI:
            break; /* complex scripts are not checked */
        default:
            copy_name(out, t->latin);
        }
    }
    if (!out[0]) /* the application's default for the slot */
        copy_name(out, slot == SLOT_EA ? lang_default_font(ea_lang(st, lang)) : "Times New Roman");
}

/* Levels of one run (or paragraph mark): the non-toggle values override in order,
 * the toggles combine per §17.7.3 as Word does (see the top of this file). */
static void combine_run(const qb_styles *st, const rdelta *table, const rdelta *para,
                        const rdelta *chr, const rdelta *direct, qb_rfmt *rf)
{
    rdelta acc = st->doc_r;
    if (table) rdelta_over(&acc, table, 0);
    if (para) rdelta_over(&acc, para, 0);
    if (chr) rdelta_over(&acc, chr, 0);
    if (direct) rdelta_over(&acc, direct, 0);

    int tog[NTOG];
    for (int i = 0; i < NTOG; i++) {
        int v;
        if (direct && direct->tog[i] >= 0) {
            v = direct->tog[i];
        } else if (st->doc_r.tog[i] == 1) {
            v = 1;
        } else {
            v = 0;
            if (table && table->tog[i] >= 0) v = table->tog[i];
            if (para && para->tog[i] >= 0) v = para->tog[i];
            if (chr && chr->tog[i] == 1) v = !v;
        }
        tog[i] = v;
    }

    qb_rfmt_init(rf);
    slot_font(st, &acc.f[SLOT_EA], SLOT_EA, acc.lang_ea, rf->font_ea);
    slot_font(st, &acc.f[SLOT_ASCII], SLOT_ASCII, acc.lang_ea, rf->font_ascii);
    slot_font(st, &acc.f[SLOT_HANSI], SLOT_HANSI, acc.lang_ea, rf->font_hansi);
    rf->size_hp = acc.sz ? acc.sz : 20;
    rf->bold = (signed char)tog[TG_B];
    rf->italic = (signed char)tog[TG_I];
    rf->caps = (signed char)(tog[TG_CAPS] || tog[TG_SMALLCAPS]);
    rf->strike = (signed char)(tog[TG_STRIKE] || tog[TG_DSTRIKE]);
    rf->vanish = (signed char)tog[TG_VANISH];
    rf->hint_ea = (signed char)(acc.hint_ea == 1);
    rf->valign = (signed char)(acc.valign > 0 ? acc.valign : 0);
    rf->underline = (signed char)(acc.u == 1);
}

static const style *para_style(const qb_styles *st, const char *id)
{
    int i = find_style(st, id, ST_PARA);
    if (i < 0)
        i = st->def_para;
    return i >= 0 ? &st->v[i] : NULL;
}

/* The table style of a paragraph in a table: tbl_style "" means a table without
 * w:tblStyle, which has the default table style. */
static const style *table_style(const qb_styles *st, const char *tbl_style)
{
    if (!tbl_style)
        return NULL;
    int i = *tbl_style ? find_style(st, tbl_style, ST_TABLE) : -1;
    if (i < 0)
        i = st->def_table;
    return i >= 0 ? &st->v[i] : NULL;
}

static const style *char_style(const qb_styles *st, const char *id)
{
    int i = find_style(st, id, ST_CHAR);
    return i >= 0 ? &st->v[i] : NULL;
}

void qb_styles_para(const qb_styles *st, xmlNodePtr pPr, const char *tbl_style,
                    qb_pfmt *pf, qb_rfmt *mark)
{
    qb_pfmt_init(pf);
    char pstyle[QB_FONT_MAX];
    pdelta direct;
    xmlNodePtr mark_rpr;
    read_ppr(pPr, &direct, pstyle, sizeof pstyle, &mark_rpr);
    copy_name(pf->style_id, pstyle);
    const style *ps = para_style(st, pstyle);
    const style *ts = table_style(st, tbl_style);
    if (ps && ps->name)
        copy_name(pf->style_name, ps->name);

    /* numbering: direct numPr wins over the style's; numId 0 removes numbering */
    int num_id = -1, num_lvl = 0, num_direct = 0;
    if (ps && ps->p.has_num_id)
        num_id = ps->p.num_id;
    if (ps && ps->p.has_num_lvl)
        num_lvl = ps->p.num_lvl;
    if (direct.has_num_id) {
        num_id = direct.num_id;
        num_direct = 1;
    }
    if (direct.has_num_lvl)
        num_lvl = direct.num_lvl;
    const pdelta *lvl = num_level(st, num_id, num_lvl);

    /* The numbering level's indents come before the paragraph style when the style
     * carries the numbering, after it when the paragraph names the numbering itself
     * (§17.7.2: "if this direct formatting includes numbering, that numbering + the
     * associated paragraph properties are applied"). */
    pdelta acc = st->doc_p;
    if (ts) pdelta_over(&acc, &ts->p);
    if (lvl && !num_direct) pdelta_over(&acc, lvl);
    if (ps) pdelta_over(&acc, &ps->p);
    if (lvl && num_direct) pdelta_over(&acc, lvl);
    pdelta_over(&acc, &direct);

    pf->jc = acc.jc != QB_JC_UNSET ? acc.jc : QB_JC_LEFT;
    if (acc.rule != QB_LINE_UNSET) {
        pf->line = acc.line;
        pf->line_rule = acc.rule;
    } else {
        pf->line = 240;
        pf->line_rule = QB_LINE_AUTO;
    }
    pf->ind_first = acc.has_first ? acc.ind_first : 0;
    pf->ind_first_chars = acc.has_chars ? acc.ind_chars : 0;
    pf->outline_lvl = acc.has_outline ? acc.outline : -1;
    if (num_id > 0) {
        pf->num_id = num_id;
        pf->num_lvl = num_lvl;
    }

    if (mark) {
        rdelta d;
        char rstyle[QB_FONT_MAX];
        read_rpr(mark_rpr, &d, rstyle, sizeof rstyle);
        const style *cs = char_style(st, rstyle);
        combine_run(st, ts ? &ts->r : NULL, ps ? &ps->r : NULL, cs ? &cs->r : NULL, &d, mark);
    }
}

void qb_styles_run(const qb_styles *st, const qb_pfmt *pf, const char *tbl_style,
                   xmlNodePtr rPr, qb_rfmt *rf)
{
    rdelta d;
    char rstyle[QB_FONT_MAX];
    read_rpr(rPr, &d, rstyle, sizeof rstyle);
    const style *ps = para_style(st, pf ? pf->style_id : NULL);
    const style *ts = table_style(st, tbl_style);
    const style *cs = char_style(st, rstyle);
    combine_run(st, ts ? &ts->r : NULL, ps ? &ps->r : NULL, cs ? &cs->r : NULL, &d, rf);
}
