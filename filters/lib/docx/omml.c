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
    if (!v)
        v = xmlGetNoNsProp(e, BAD_CAST "val");
    buf[0] = '\0';
    if (v) {
        size_t len = qb_utf8_clip((const char *)v, size - 1);
        memcpy(buf, v, len);
        buf[len] = '\0';
        xmlFree(v);
    }
    return 1;
}

static qb_status add(qb_omml *m, const char *s, size_t len, int va)
{
    if (!len)
        return QB_OK;
    if (!m->n || m->v[m->n - 1].valign != va) {
        qb_status st = qb_grow((void **)&m->v, &m->cap, m->n + 1, sizeof *m->v);
        if (st != QB_OK)
            return st;
        memset(&m->v[m->n], 0, sizeof m->v[m->n]);
        m->v[m->n++].valign = va;
    }
    return qb_buf_add(&m->v[m->n - 1].text, s, len);
}

static qb_status adds(qb_omml *m, const char *s, int va)
{
    return add(m, s, strlen(s), va);
}

static qb_status append(qb_omml *m, const qb_omml *from)
{
    qb_status st = QB_OK;
    for (size_t i = 0; i < from->n && st == QB_OK; i++)
        st = add(m, from->v[i].text.s ? from->v[i].text.s : "", from->v[i].text.len, from->v[i].valign);
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

/* Part `el` of n, in parentheses when `paren` and it is more than one item. */
static qb_status part(fields *fs, xmlNodePtr n, const char *el, qb_omml *out, int va, int depth, int paren)
{
    qb_omml tmp = {0};
    qb_status st = lin_children(fs, m_child(n, el), &tmp, va, depth);
    int wrap = paren && tmp.n && !one_item(&tmp);
    if (st == QB_OK && wrap)
        st = adds(out, "(", va);
    if (st == QB_OK)
        st = append(out, &tmp);
    if (st == QB_OK && wrap)
        st = adds(out, ")", va);
    qb_omml_free(&tmp);
    return st;
}

/* A script: raised (1) or lowered (2) off the baseline; already off it, written
 * with ^ or _ on the same level. */
static qb_status script(fields *fs, xmlNodePtr n, const char *el, qb_omml *out, int va, int depth, int which)
{
    xmlNodePtr p = m_child(n, el);
    if (!p || !p->children)
        return QB_OK;
    if (!va)
        return part(fs, n, el, out, which, depth, 0);
    qb_omml tmp = {0};
    qb_status st = lin_children(fs, p, &tmp, va, depth);
    if (st == QB_OK && tmp.n) {
        st = adds(out, which == 1 ? "^" : "_", va);
        int wrap = !one_item(&tmp);
        if (st == QB_OK && wrap)
            st = adds(out, "(", va);
        if (st == QB_OK)
            st = append(out, &tmp);
        if (st == QB_OK && wrap)
            st = adds(out, ")", va);
    }
    qb_omml_free(&tmp);
    return st;
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

/* The delimited m:d: begChr e sepChr e … endChr (an empty m:val: no delimiter). */
static qb_status delim(fields *fs, xmlNodePtr n, qb_omml *out, int va, int depth)
{
    char beg[16] = "(", end[16] = ")", sep[16] = "|";
    pr_val(n, "dPr", "begChr", beg, sizeof beg);
    pr_val(n, "dPr", "endChr", end, sizeof end);
    pr_val(n, "dPr", "sepChr", sep, sizeof sep);
    qb_status st = adds(out, beg, va);
    int k = 0;
    for (xmlNodePtr c = n->children; c && st == QB_OK; c = c->next) {
        if (!is_m(c, "e"))
            continue;
        if (k++)
            st = adds(out, sep, va);
        if (st == QB_OK)
            st = lin_children(fs, c, out, va, depth);
    }
    return st == QB_OK ? adds(out, end, va) : st;
}

/* Rows (m:mr of a matrix, m:e of an equation array) with their separators. */
static qb_status rows(fields *fs, xmlNodePtr n, const char *row, const char *cell_sep, const char *row_sep, qb_omml *out,
                      int va, int depth)
{
    qb_status st = QB_OK;
    int r = 0;
    for (xmlNodePtr c = n->children; c && st == QB_OK; c = c->next) {
        if (!is_m(c, row))
            continue;
        if (r++)
            st = adds(out, row_sep, va);
        if (!cell_sep) {
            st = st == QB_OK ? lin_children(fs, c, out, va, depth) : st;
            continue;
        }
        int k = 0;
        for (xmlNodePtr e = c->children; e && st == QB_OK; e = e->next) {
            if (!is_m(e, "e"))
                continue;
            if (k++)
                st = adds(out, cell_sep, va);
            if (st == QB_OK)
                st = lin_children(fs, e, out, va, depth);
        }
    }
    return st;
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
    char chr[16];
    if (strcmp(name, "t") == 0) {
        for (int i = 0; i < fs->nf && i < (int)sizeof fs->code; i++)
            if (fs->code[i])
                return QB_OK;
        xmlChar *t = xmlNodeGetContent(n);
        /* "#" sets the equation's number apart (Word's linear format): a tab's room */
        st = !t ? QB_ERR_NOMEM : strcmp((char *)t, "#") == 0 ? adds(out, "\t", va) : adds(out, (const char *)t, va);
        xmlFree(t);
    } else if (strcmp(name, "f") == 0) {
        st = part(fs, n, "num", out, va, depth, 1);
        if (st == QB_OK)
            st = adds(out, "/", va);
        if (st == QB_OK)
            st = part(fs, n, "den", out, va, depth, 1);
    } else if (strcmp(name, "sSup") == 0 || strcmp(name, "sSub") == 0 || strcmp(name, "sSubSup") == 0) {
        st = part(fs, n, "e", out, va, depth, 0);
        if (st == QB_OK)
            st = script(fs, n, "sub", out, va, depth, 2);
        if (st == QB_OK)
            st = script(fs, n, "sup", out, va, depth, 1);
    } else if (strcmp(name, "sPre") == 0) {
        st = script(fs, n, "sub", out, va, depth, 2);
        if (st == QB_OK)
            st = script(fs, n, "sup", out, va, depth, 1);
        if (st == QB_OK)
            st = part(fs, n, "e", out, va, depth, 0);
    } else if (strcmp(name, "rad") == 0) {
        st = script(fs, n, "deg", out, va, depth, 1);
        if (st == QB_OK)
            st = adds(out, "√", va);
        if (st == QB_OK)
            st = part(fs, n, "e", out, va, depth, 1);
    } else if (strcmp(name, "nary") == 0) {
        if (!pr_val(n, "naryPr", "chr", chr, sizeof chr) || !*chr)
            strcpy(chr, "∫");
        st = adds(out, chr, va);
        if (st == QB_OK)
            st = script(fs, n, "sub", out, va, depth, 2);
        if (st == QB_OK)
            st = script(fs, n, "sup", out, va, depth, 1);
        if (st == QB_OK)
            st = part(fs, n, "e", out, va, depth, 0);
    } else if (strcmp(name, "d") == 0) {
        st = delim(fs, n, out, va, depth);
    } else if (strcmp(name, "func") == 0) {
        st = part(fs, n, "fName", out, va, depth, 0);
        xmlNodePtr e = m_child(n, "e");
        if (st == QB_OK && e && !m_child(e, "d"))
            st = adds(out, " ", va); /* sin x; sin(x) keeps its parentheses */
        if (st == QB_OK)
            st = part(fs, n, "e", out, va, depth, 0);
    } else if (strcmp(name, "acc") == 0) {
        if (!pr_val(n, "accPr", "chr", chr, sizeof chr))
            chr[0] = '\0';
        st = part(fs, n, "e", out, va, depth, 0);
        if (st == QB_OK)
            st = adds(out, accent(chr), va);
    } else if (strcmp(name, "limLow") == 0 || strcmp(name, "limUpp") == 0) {
        st = part(fs, n, "e", out, va, depth, 0);
        if (st == QB_OK)
            st = script(fs, n, "lim", out, va, depth, name[3] == 'L' ? 2 : 1);
    } else if (strcmp(name, "m") == 0) {
        st = adds(out, "[", va);
        if (st == QB_OK)
            st = rows(fs, n, "mr", ", ", "; ", out, va, depth);
        if (st == QB_OK)
            st = adds(out, "]", va);
    } else if (strcmp(name, "eqArr") == 0) {
        st = rows(fs, n, "e", NULL, "\n", out, va, depth);
    } else if (strcmp(name, "oMathPara") == 0) {
        st = rows(fs, n, "oMath", NULL, "\n", out, va, depth);
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
    fields fs = {{0}, 0};
    return n ? lin(&fs, n, out, 0, 0) : QB_OK;
}
