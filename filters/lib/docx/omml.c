/* omml.c — OMML to linear text, structure by structure (ECMA-376 Part 1, §22.1):
 * m:r/m:t as written; m:f num/den (a part of more than one item in parentheses);
 * m:sSup, m:sSub, m:sSubSup, m:sPre raised and lowered; m:rad √(…) with its degree
 * raised; m:nary its operator (∫ unless m:chr says) with limits lowered and raised;
 * m:d its delimiters; m:func name and argument; m:acc the base and its accent;
 * m:limLow/m:limUpp the limit lowered/raised; m:m rows "a, b; c, d"; m:eqArr one
 * line per row. A script inside a script cannot go further off the baseline and is
 * written with ^ or _ instead. Property elements (…Pr) are not text. */
#include "omml.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "xmlsafe.h"

#define MAX_DEPTH 48

static int is_m(xmlNodePtr n, const char *local)
{
    return n && n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
           strcmp((const char *)n->ns->href, QB_NS_M) == 0 && (!local || strcmp((const char *)n->name, local) == 0);
}

static xmlNodePtr m_child(xmlNodePtr n, const char *local)
{
    for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
        if (is_m(c, local))
            return c;
    return NULL;
}

int qb_omml_is_math(xmlNodePtr n)
{
    return is_m(n, "oMath") || is_m(n, "oMathPara");
}

/* The m:val of child `pr`/`el` (e.g. m:naryPr/m:chr) copied into buf; 1 when present. */
static int pr_val(xmlNodePtr n, const char *pr, const char *el, char *buf, size_t size)
{
    xmlNodePtr e = m_child(m_child(n, pr), el);
    if (!e)
        return 0;
    xmlChar *v = xmlGetNsProp(e, BAD_CAST "val", BAD_CAST QB_NS_M);
    buf[0] = '\0';
    qb_xml_take_buf(v ? v : xmlGetNoNsProp(e, BAD_CAST "val"), buf, size);
    return 1;
}

static qb_status add_slanted(qb_omml *m, const char *s, size_t len, int va, int italic)
{
    if (!len)
        return QB_OK;
    if (!m->n || m->v[m->n - 1].valign != va || m->v[m->n - 1].italic != italic) {
        qb_status st = qb_grow((void **)&m->v, &m->cap, m->n + 1, sizeof *m->v);
        if (st != QB_OK)
            return st;
        memset(&m->v[m->n], 0, sizeof m->v[m->n]);
        m->v[m->n].italic = italic;
        m->v[m->n++].valign = va;
    }
    return qb_buf_add(&m->v[m->n - 1].text, s, len);
}

/* Operators, delimiters and the like: upright. */
static qb_status add(qb_omml *m, const char *s, size_t len, int va)
{
    return add_slanted(m, s, len, va, 0);
}

static qb_status adds(qb_omml *m, const char *s, int va)
{
    return add(m, s, strlen(s), va);
}

static qb_status append(qb_omml *m, const qb_omml *from)
{
    qb_status st = QB_OK;
    for (size_t i = 0; i < from->n && st == QB_OK; i++)
        st = add_slanted(m, from->v[i].text.s ? from->v[i].text.s : "", from->v[i].text.len, from->v[i].valign,
                         from->v[i].italic);
    return st;
}

void qb_omml_free(qb_omml *m)
{
    for (size_t i = 0; i < m->n; i++)
        qb_buf_free(&m->v[i].text);
    free(m->v);
    memset(m, 0, sizeof *m);
}

/* One item: a single character, or a name or number (letters, digits, a point). */
static int one_item(const qb_omml *m)
{
    size_t cps = 0, other = 0;
    for (size_t i = 0; i < m->n; i++) {
        const char *s = m->v[i].text.s;
        for (size_t k = 0; k < m->v[i].text.len;) {
            unsigned cp;
            size_t used = qb_utf8_decode(s + k, m->v[i].text.len - k, &cp);
            k += used ? used : 1;
            cps++;
            if (!((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || cp == '.'))
                other++;
        }
    }
    return cps <= 1 || !other;
}

/* Fields inside an equation (Word numbers equations with SEQ fields in m:r): the
 * instruction, between w:fldChar begin and separate, is not text. */
typedef struct {
    unsigned char code[16]; /* per open field: still in its instruction */
    int nf;
    int fname; /* inside m:func's m:fName: a function name, upright */
} fields;

static qb_status lin(fields *fs, xmlNodePtr n, qb_omml *out, int va, int depth);

/* The children of n, in order, on level va. */
static qb_status lin_children(fields *fs, xmlNodePtr n, qb_omml *out, int va, int depth)
{
    qb_status st = QB_OK;
    for (xmlNodePtr c = n ? n->children : NULL; c && st == QB_OK; c = c->next)
        st = lin(fs, c, out, va, depth + 1);
    return st;
}

/* Part `el` of n on level va, after `mark` (^ or _) when given, in parentheses when
 * `paren` and it is more than one item. */
static qb_status part_marked(fields *fs, xmlNodePtr n, const char *el, qb_omml *out, int va, int depth, int paren,
                             const char *mark)
{
    qb_omml tmp = {0};
    qb_status st = lin_children(fs, m_child(n, el), &tmp, va, depth);
    int wrap = paren && tmp.n && !one_item(&tmp);
    if (st == QB_OK && mark && tmp.n)
        st = adds(out, mark, va);
    if (st == QB_OK && wrap)
        st = adds(out, "(", va);
    if (st == QB_OK)
        st = append(out, &tmp);
    if (st == QB_OK && wrap)
        st = adds(out, ")", va);
    qb_omml_free(&tmp);
    return st;
}

static qb_status part(fields *fs, xmlNodePtr n, const char *el, qb_omml *out, int va, int depth, int paren)
{
    return part_marked(fs, n, el, out, va, depth, paren, NULL);
}

/* A script: raised (1) or lowered (2) off the baseline; already off it, written
 * with ^ or _ on the same level. */
static qb_status script(fields *fs, xmlNodePtr n, const char *el, qb_omml *out, int va, int depth, int which)
{
    if (!va)
        return part(fs, n, el, out, which, depth, 0);
    return part_marked(fs, n, el, out, va, depth, 1, which == 1 ? "^" : "_");
}

/* Accents as spacing characters the faces have (the combining ones most lack). */
static const char *accent(const char *chr)
{
    unsigned cp = 0x0302; /* Word's default: a circumflex (hat) */
    if (*chr)
        qb_utf8_decode(chr, strlen(chr), &cp);
    switch (cp) {
    case 0x0302: return "^";
    case 0x0303: return "~";
    case 0x0304: case 0x0305: case 0x00AF: return "¯";
    case 0x0307: return "˙";
    case 0x0308: return "¨";
    case 0x20D7: case 0x20D1: return "→";
    default: return "";
    }
}

/* The m:`el` children of n with sep between them; with inner_sep, each child's m:e
 * children so joined in turn (a matrix's rows of cells). */
static qb_status joined(fields *fs, xmlNodePtr n, const char *el, const char *sep, const char *inner_sep,
                        qb_omml *out, int va, int depth)
{
    qb_status st = QB_OK;
    int k = 0;
    for (xmlNodePtr c = n->children; c && st == QB_OK; c = c->next) {
        if (!is_m(c, el))
            continue;
        if (k++)
            st = adds(out, sep, va);
        if (st == QB_OK)
            st = inner_sep ? joined(fs, c, "e", inner_sep, NULL, out, va, depth + 1)
                           : lin_children(fs, c, out, va, depth);
    }
    return st;
}

/* The delimited m:d: begChr e sepChr e … endChr (an empty m:val: no delimiter). */
static qb_status delim(fields *fs, xmlNodePtr n, qb_omml *out, int va, int depth)
{
    char beg[16] = "(", end[16] = ")", sep[16] = "|";
    pr_val(n, "dPr", "begChr", beg, sizeof beg);
    pr_val(n, "dPr", "endChr", end, sizeof end);
    pr_val(n, "dPr", "sepChr", sep, sizeof sep);
    qb_status st = adds(out, beg, va);
    if (st == QB_OK)
        st = joined(fs, n, "e", sep, NULL, out, va, depth);
    return st == QB_OK ? adds(out, end, va) : st;
}

/* The structures that are their parts in a row, one letter a step (see step()). */
static const char *form_steps(const char *name)
{
    static const struct { const char *name, *steps; } forms[] = {
        {"f", "n/d"}, {"sSup", "e_^"}, {"sSub", "e_^"}, {"sSubSup", "e_^"}, {"sPre", "_^e"},
        {"rad", "r#E"}, {"nary", "c_^e"}, {"acc", "ea"}, {"limLow", "eL"}, {"limUpp", "eU"}};
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
        if (strcmp(forms[i].name, name) == 0)
            return forms[i].steps;
    return NULL;
}

/* One step: e the base (E in parentheses when more than one item), n/d numerator and
 * denominator (in parentheses so), _ ^ the sub- and superscript, r a radical's degree
 * raised, # the radical sign, c an n-ary operator (m:chr, default ∫), a an accent after
 * its base, L U a limit lowered or raised, / itself. */
static qb_status step(fields *fs, xmlNodePtr n, char what, qb_omml *out, int va, int depth)
{
    char chr[16] = "";
    switch (what) {
    case 'e': return part(fs, n, "e", out, va, depth, 0);
    case 'E': return part(fs, n, "e", out, va, depth, 1);
    case 'n': return part(fs, n, "num", out, va, depth, 1);
    case 'd': return part(fs, n, "den", out, va, depth, 1);
    case '_': return script(fs, n, "sub", out, va, depth, 2);
    case '^': return script(fs, n, "sup", out, va, depth, 1);
    case 'r': return script(fs, n, "deg", out, va, depth, 1);
    case 'L': return script(fs, n, "lim", out, va, depth, 2);
    case 'U': return script(fs, n, "lim", out, va, depth, 1);
    case '#': return adds(out, "√", va);
    case '/': return adds(out, "/", va);
    case 'c':
        if (!pr_val(n, "naryPr", "chr", chr, sizeof chr) || !*chr)
            strcpy(chr, "∫");
        return adds(out, chr, va);
    case 'a':
        pr_val(n, "accPr", "chr", chr, sizeof chr);
        return adds(out, accent(chr), va);
    default: return QB_OK;
    }
}

/* How a run's letters slant: m:nor (normal text) and m:sty p or b upright, m:sty i or
 * bi italic; without either, Word's math italic: Latin and lower-case Greek letters
 * italic, all else upright — and a function name upright unless m:sty says italic. */
enum { SLANT_NONE, SLANT_MATH, SLANT_ALL };

static int run_slant(const fields *fs, xmlNodePtr r)
{
    xmlNodePtr rpr = is_m(r, "r") ? m_child(r, "rPr") : NULL;
    char sty[8] = "";
    if (m_child(rpr, "nor"))
        return SLANT_NONE;
    if (rpr && pr_val(r, "rPr", "sty", sty, sizeof sty))
        return strcmp(sty, "i") == 0 || strcmp(sty, "bi") == 0 ? SLANT_ALL : SLANT_NONE;
    return fs->fname ? SLANT_NONE : SLANT_MATH;
}

static int slanted_cp(unsigned cp, int slant)
{
    int letter = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    if (slant == SLANT_ALL)
        return letter || (cp >= 0x391 && cp <= 0x3C9);
    return slant == SLANT_MATH && (letter || (cp >= 0x3B1 && cp <= 0x3C9));
}

/* m:t's text s, cut where its letters turn italic or upright. */
static qb_status add_run_text(qb_omml *out, const char *s, int va, int slant)
{
    size_t len = strlen(s), from = 0;
    int cur = -1;
    for (size_t k = 0; k < len;) {
        unsigned cp = 0;
        size_t used = qb_utf8_decode(s + k, len - k, &cp);
        int it = slanted_cp(cp, slant);
        if (cur >= 0 && it != cur) {
            qb_status st = add_slanted(out, s + from, k - from, va, cur);
            if (st != QB_OK)
                return st;
            from = k;
        }
        cur = it;
        k += used ? used : 1;
    }
    return add_slanted(out, s + from, len - from, va, cur > 0);
}

static int ends_with(const char *s, size_t len, const char *suffix)
{
    size_t n = strlen(suffix);
    return len >= n && memcmp(s + len - n, suffix, n) == 0;
}

static qb_status lin(fields *fs, xmlNodePtr n, qb_omml *out, int va, int depth)
{
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
        return QB_OK; /* only m:t holds text; white space between elements is layout */
    if (n->type != XML_ELEMENT_NODE)
        return QB_OK;
    const char *name = (const char *)n->name;
    if (ends_with(name, strlen(name), "Pr"))
        return QB_OK;
    if (depth > MAX_DEPTH) {
        xmlChar *t = xmlNodeGetContent(n);
        qb_status st = t ? adds(out, (const char *)t, va) : QB_ERR_NOMEM;
        xmlFree(t);
        return st;
    }
    if (!is_m(n, NULL) && strcmp(name, "fldChar") == 0) {
        xmlChar *t = NULL;
        for (xmlAttrPtr a = n->properties; a && !t; a = a->next)
            if (strcmp((const char *)a->name, "fldCharType") == 0)
                t = xmlNodeGetContent((xmlNodePtr)a);
        if (t && strcmp((char *)t, "begin") == 0) {
            if (fs->nf < (int)sizeof fs->code)
                fs->code[fs->nf] = 1;
            fs->nf++;
        } else if (t && fs->nf && strcmp((char *)t, "separate") == 0) {
            if (fs->nf <= (int)sizeof fs->code)
                fs->code[fs->nf - 1] = 0;
        } else if (t && fs->nf && strcmp((char *)t, "end") == 0) {
            fs->nf--;
        }
        xmlFree(t);
        return QB_OK;
    }
    if (!is_m(n, NULL)) /* w:rPr and the like inside m:r, markup of other vocabularies */
        return lin_children(fs, n, out, va, depth);
    qb_status st = QB_OK;
    const char *steps;
    if (strcmp(name, "t") == 0) {
        for (int i = 0; i < fs->nf && i < (int)sizeof fs->code; i++)
            if (fs->code[i])
                return QB_OK;
        xmlChar *t = xmlNodeGetContent(n);
        /* "#" sets the equation's number apart (Word's linear format): a tab's room */
        st = !t ? QB_ERR_NOMEM
             : strcmp((char *)t, "#") == 0 ? adds(out, "\t", va)
                                           : add_run_text(out, (const char *)t, va, run_slant(fs, n->parent));
        xmlFree(t);
    } else if ((steps = form_steps(name))) {
        for (; *steps && st == QB_OK; steps++)
            st = step(fs, n, *steps, out, va, depth);
    } else if (strcmp(name, "d") == 0) {
        st = delim(fs, n, out, va, depth);
    } else if (strcmp(name, "func") == 0) {
        fs->fname++;
        st = part(fs, n, "fName", out, va, depth, 0);
        fs->fname--;
        xmlNodePtr e = m_child(n, "e");
        if (st == QB_OK && e && !m_child(e, "d"))
            st = adds(out, " ", va); /* sin x; sin(x) keeps its parentheses */
        if (st == QB_OK)
            st = part(fs, n, "e", out, va, depth, 0);
    } else if (strcmp(name, "m") == 0) {
        st = adds(out, "[", va);
        if (st == QB_OK)
            st = joined(fs, n, "mr", "; ", ", ", out, va, depth);
        if (st == QB_OK)
            st = adds(out, "]", va);
    } else if (strcmp(name, "eqArr") == 0) {
        st = joined(fs, n, "e", "\n", NULL, out, va, depth);
    } else if (strcmp(name, "oMathPara") == 0) {
        st = joined(fs, n, "oMath", "\n", NULL, out, va, depth);
    } else if (strcmp(name, "phant") == 0) {
        /* a phantom only takes room */
    } else {
        /* m:oMath, m:r, m:bar, m:box, m:borderBox, m:groupChr, m:e …: their content */
        st = lin_children(fs, n, out, va, depth);
    }
    return st;
}

qb_status qb_omml_linear(xmlNodePtr n, qb_omml *out)
{
    fields fs = {{0}, 0, 0};
    return n ? lin(&fs, n, out, 0, 0) : QB_OK;
}
