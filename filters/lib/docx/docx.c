/* docx.c — DOCX → document model with libxml2's streaming reader.
 *
 * The main part is walked once, event by event (flat memory, LIBRARIES.md §4);
 * only w:pPr, w:rPr and w:tblPr subtrees are expanded into small DOMs and handed to
 * the style cascade (styles.c). Footnotes and endnotes are read first with the same
 * walker into a side model and copied in after the paragraph that cites them, which
 * keeps each reference's mark as an empty run (note_ref, note_no). Equations (OMML)
 * are read whole and set as linear text (omml.c). */
#include "docx.h"
#include "buf.h"
#include "chart.h"
#include "numbering.h"
#include "omml.h"
#include "opc.h"
#include "shapes.h"
#include "styles.h"
#include "utf8.h"
#include "xmlsafe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define NS_MC "http://schemas.openxmlformats.org/markup-compatibility/2006"
#define NS_A "http://schemas.openxmlformats.org/drawingml/2006/main"
#define NS_A_STRICT "http://purl.oclc.org/ooxml/drawingml/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_R_STRICT "http://purl.oclc.org/ooxml/officeDocument/relationships"
#define NS_WP "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
#define NS_WP_STRICT "http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing"
#define NS_C "http://schemas.openxmlformats.org/drawingml/2006/chart"
#define NS_V "urn:schemas-microsoft-com:vml"
#define NS_WPG "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"
#define NS_DGM "http://schemas.openxmlformats.org/drawingml/2006/diagram"

#define MAX_NEST 64          /* nested paragraphs / tables / fields */
#define MAX_NOTE_REFS 64     /* notes cited by one paragraph */

/* What the model costs, for the memory limit: the structs plus the allocator's
 * overhead of each string (a paragraph's text, a run's text and its copy). */
#define PARA_COST (sizeof(qb_para) + 32)
#define RUN_COST(len) (sizeof(qb_run) + 2 * (len) + 64)

/* Which limit stopped the reading (0: none). */
enum { OVER_NONE = 0, OVER_PARAS, OVER_CELLS, OVER_CHARS, OVER_MEM };

/* The document's size against the limits, shared by the notes and the main walk.
 * Counting goes on after a limit is reached (nothing more is built), so the finding
 * can give the actual figure. */
typedef struct {
    qb_docx_limits lim;
    long paras, cells, chars;
    size_t mem;
    int over;
} budget;

typedef struct {
    int table;     /* index into doc->tables */
    int row, cell; /* current position, -1 before the first */
    char style[QB_FONT_MAX];
} tbl_frame;

typedef struct {
    int code; /* still in the field's instruction part */
    int toc;  /* a TOC field: its result is a table of contents */
    qb_buf instr;
    char *choice; /* a drop-down form field's chosen entry (w:ddList): what Word shows */
    int shown;    /* that entry is the field's text: its stored result is not */
} fld_frame;

typedef struct {
    qb_doc *doc;
    budget *b;
    xmlTextReaderPtr r;
    qb_styles *styles;
    qb_numbering *num;
    const qb_rels *rels;
    qb_doc *notes;          /* footnotes/endnotes side model (main part only) */
    qb_where note_where;    /* when walking a notes part: FOOTNOTE or ENDNOTE */
    int note_cur;           /* current note key while walking notes (id*2, +1 for endnotes) */
    int main_part;          /* numbering paragraphs (number field) */
    int pcount;             /* w:p seen in the main part */

    size_t pstack[MAX_NEST];
    int ppr_done[MAX_NEST];
    int np;
    int txbx;               /* depth of w:txbxContent */
    tbl_frame tstack[MAX_NEST];
    int nt;
    fld_frame fstack[MAX_NEST];
    int nf;
    int in_run, rpr_done;
    qb_rfmt rf;
    int in_t, in_instr;
    int in_drawing;         /* inside w:drawing */
    size_t drawing_images;  /* images when that drawing started */
    int drawing_diagram;    /* it holds a shape group or SmartArt */
    int refs[MAX_NOTE_REFS];
    int refnum[MAX_NOTE_REFS]; /* … and their numbers, as their marks show them */
    int nrefs;
    int note_seq[2];        /* footnotes, endnotes referenced so far */
    int sdt_depth, toc_sdt; /* open w:sdt elements; the depth of a TOC SDT, 0 outside */
    size_t *note_order;     /* notes->paras indices sorted by note key (append_notes) */
    qb_shapes_rd *shapes;   /* Word shapes of the main part (NULL in notes) */
    char why[200];
} walker;

/* Count n more of something (*count) against max; 1 when the model may take them. */
static int admit(walker *w, long *count, long n, long max, int which)
{
    *count += n;
    if (w->b->over)
        return 0;
    if (*count > max) {
        w->b->over = which;
        return 0;
    }
    return 1;
}

static int admit_mem(walker *w, size_t bytes)
{
    budget *b = w->b;
    b->mem += bytes;
    if (b->over)
        return 0;
    if (b->mem > (size_t)b->lim.model_mb << 20) {
        b->over = OVER_MEM;
        return 0;
    }
    return 1;
}

/* Characters (code points) in UTF-8 bytes. */
static long count_chars(const char *s, size_t len)
{
    long n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* A run of text: its characters and its memory against the limits. */
static int admit_text(walker *w, const char *s, size_t len)
{
    int chars_ok = admit(w, &w->b->chars, count_chars(s, len), w->b->lim.chars, OVER_CHARS);
    int mem_ok = admit_mem(w, RUN_COST(len));
    return chars_ok && mem_ok;
}

static int is_ns(const xmlChar *uri, const char *a, const char *b)
{
    return uri && (strcmp((const char *)uri, a) == 0 || (b && strcmp((const char *)uri, b) == 0));
}

static qb_para *cur_para(walker *w)
{
    return w->np ? &w->doc->paras[w->pstack[w->np - 1]] : NULL;
}

/* In a table without w:tblStyle, "" asks for the default table style; NULL is no table. */
static const char *cur_tbl_style(walker *w)
{
    return w->nt ? w->tstack[w->nt - 1].style : NULL;
}

/* Resolve the paragraph's formatting once: from its w:pPr, or with none. */
static qb_status ensure_ppr(walker *w, xmlNodePtr ppr)
{
    if (!w->np || w->ppr_done[w->np - 1])
        return QB_OK;
    w->ppr_done[w->np - 1] = 1;
    qb_para *p = cur_para(w);
    qb_styles_para(w->styles, ppr, cur_tbl_style(w), &p->f, &p->mark);
    if (p->f.num_id > 0 && p->f.num_lvl >= 0) {
        char label[128];
        size_t n = qb_numbering_next(w->num, p->f.num_id, p->f.num_lvl, label, sizeof label);
        if (n) {
            char *t = qb_strdup(label);
            if (!t)
                return QB_ERR_NOMEM;
            free(p->text);
            p->text = t;
            p->label_len = n;
        }
    }
    return QB_OK;
}

static qb_status add_text(walker *w, const char *s, size_t len)
{
    qb_para *p = cur_para(w);
    if (!p || !len)
        return QB_OK;
    if (w->rf.vanish == 1)
        return QB_OK; /* hidden text is not shown, printed or counted */
    for (int i = 0; i < w->nf; i++)
        if (w->fstack[i].code || w->fstack[i].shown)
            return QB_OK; /* field instructions are not text */
    if (!admit_text(w, s, len))
        return QB_OK;
    return qb_para_add_run(p, s, len, &w->rf);
}

static void ensure_rpr(walker *w, xmlNodePtr rpr)
{
    if (w->rpr_done)
        return;
    w->rpr_done = 1;
    qb_para *p = cur_para(w);
    if (p)
        qb_styles_run(w->styles, &p->f, cur_tbl_style(w), rpr, &w->rf);
}

static void note_seq(qb_para *p, const char *instr)
{
    while (*instr == ' ')
        instr++;
    if (strncmp(instr, "SEQ ", 4) != 0 || !p)
        return;
    instr += 4;
    while (*instr == ' ')
        instr++;
    size_t n = 0;
    while (instr[n] && instr[n] != ' ' && instr[n] != '\\')
        n++;
    n = qb_utf8_clip(instr, n < sizeof p->seq - 1 ? n : sizeof p->seq - 1);
    memcpy(p->seq, instr, n);
    p->seq[n] = '\0';
}

/* A TOC field (TOC \o "1-3" \h …): what it shows is a table of contents. */
static int is_toc_instr(const char *instr)
{
    while (*instr == ' ')
        instr++;
    return strncasecmp(instr, "TOC", 3) == 0 && (!instr[3] || instr[3] == ' ' || instr[3] == '\\');
}

/* A drop-down form field's entry as Word shows it: w:result (else w:default, else 0) counts
 * the w:listEntry elements from 0. NULL when there is none. */
static char *dd_choice(xmlNodePtr dd)
{
    char num[16] = "";
    if (!qb_xml_attr_buf(qb_xml_child(dd, "result"), "val", num, sizeof num))
        qb_xml_attr_buf(qb_xml_child(dd, "default"), "val", num, sizeof num);
    long want = strtol(num, NULL, 10), i = 0;
    for (xmlNodePtr c = dd ? dd->children : NULL; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && qb_xml_node_is(c, "listEntry") && i++ == want)
            return (char *)qb_xml_attr(c, "val");
    return NULL;
}

/* Inside a TOC field's result or a table-of-contents SDT. */
static int in_toc(const walker *w)
{
    if (w->toc_sdt)
        return 1;
    for (int i = 0; i < w->nf; i++)
        if (w->fstack[i].toc)
            return 1;
    return 0;
}

static qb_status start_para(walker *w)
{
    if (w->np >= MAX_NEST) {
        snprintf(w->why, sizeof w->why, "paragraphs nested too deeply");
        return QB_ERR_LIMIT;
    }
    int paras_ok = admit(w, &w->b->paras, 1, w->b->lim.paragraphs, OVER_PARAS);
    if (!admit_mem(w, PARA_COST) || !paras_ok)
        return QB_OK; /* reading stops here; only counting goes on */
    qb_where where = w->note_where ? w->note_where
                     : w->txbx ? QB_IN_TEXTBOX
                     : w->nt ? QB_IN_TABLE : QB_IN_BODY;
    int table = w->nt ? w->tstack[w->nt - 1].table : -1;
    size_t idx;
    qb_status st = qb_doc_add_para(w->doc, where, table, &idx);
    if (st != QB_OK)
        return st;
    qb_para *p = &w->doc->paras[idx];
    p->in_toc = in_toc(w);
    if (w->nt) {
        p->row = w->tstack[w->nt - 1].row < 0 ? 0 : w->tstack[w->nt - 1].row;
        p->cell = w->tstack[w->nt - 1].cell < 0 ? 0 : w->tstack[w->nt - 1].cell;
    }
    if (w->main_part)
        p->number = ++w->pcount;
    else if (w->note_where)
        p->number = w->note_cur; /* the side model keys paragraphs by note */
    w->pstack[w->np] = idx;
    w->ppr_done[w->np] = 0;
    w->np++;
    return QB_OK;
}

/* Notes paragraphs ordered by note key, then by position (a stable order). */
static const qb_doc *sort_notes;
static int by_note(const void *a, const void *b)
{
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    int ki = sort_notes->paras[i].number, kj = sort_notes->paras[j].number;
    return ki != kj ? (ki < kj ? -1 : 1) : (i < j ? -1 : i > j);
}

static qb_status index_notes(walker *w)
{
    size_t n = w->notes->npara;
    if (!n)
        return QB_OK;
    w->note_order = malloc(n * sizeof *w->note_order);
    if (!w->note_order)
        return QB_ERR_NOMEM;
    for (size_t i = 0; i < n; i++)
        w->note_order[i] = i;
    sort_notes = w->notes;
    qsort(w->note_order, n, sizeof *w->note_order, by_note);
    return QB_OK;
}

/* Copy the paragraphs of cited notes in after the paragraph that cites them; each copy
 * counts against the limits (one long note cited a thousand times is a big document). */
static qb_status append_notes(walker *w)
{
    size_t n = w->notes->npara;
    for (int k = 0; k < w->nrefs && w->note_order; k++) {
        size_t lo = 0, hi = n; /* the first paragraph of note refs[k] */
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (w->notes->paras[w->note_order[mid]].number < w->refs[k])
                lo = mid + 1;
            else
                hi = mid;
        }
        for (size_t j = lo; j < n && w->notes->paras[w->note_order[j]].number == w->refs[k]; j++) {
            const qb_para *src = &w->notes->paras[w->note_order[j]];
            int paras_ok = admit(w, &w->b->paras, 1, w->b->lim.paragraphs, OVER_PARAS);
            if (!admit_mem(w, PARA_COST) || !paras_ok)
                break;
            size_t idx;
            qb_status st = qb_doc_add_para(w->doc, src->where, -1, &idx);
            if (st != QB_OK)
                return st;
            qb_para *p = &w->doc->paras[idx];
            p->note = w->refnum[k];
            p->f = src->f;
            p->mark = src->mark;
            for (size_t r = 0; r < src->nruns; r++) {
                size_t len = strlen(src->runs[r].text);
                if (!admit_text(w, src->runs[r].text, len))
                    break;
                if ((st = qb_para_add_run(p, src->runs[r].text, len, &src->runs[r].f)) != QB_OK)
                    return st;
            }
        }
    }
    w->nrefs = 0;
    return QB_OK;
}

static qb_status end_para(walker *w)
{
    if (!w->np)
        return QB_OK;
    qb_status st = ensure_ppr(w, NULL);
    if (st != QB_OK)
        return st;
    w->np--;
    if (w->np == 0 && w->nrefs && w->notes)
        return append_notes(w);
    return QB_OK;
}

static void read_sect(xmlNodePtr sect, qb_sect *s)
{
    xmlNodePtr sz = qb_xml_child(sect, "pgSz");
    if (!sz)
        return;
    xmlChar *v;
    int unit;
    /* twips, or a measure with a unit ("595.3pt") in ISO 29500 strict files */
    int said = 0;
    if ((v = qb_xml_attr(sz, "w"))) { qb_styles_twips((char *)v, &s->w, &unit); xmlFree(v); said = 1; }
    if ((v = qb_xml_attr(sz, "h"))) { qb_styles_twips((char *)v, &s->h, &unit); xmlFree(v); said = 1; }
    if (said && (s->w <= 0 || s->h <= 0)) /* a size written that is no size (0 x 0) */
        s->w = s->h = QB_PAGE_INVALID;
    if ((v = qb_xml_attr(sz, "orient"))) {
        s->landscape = strcmp((char *)v, "landscape") == 0;
        xmlFree(v);
    }
}

static qb_status add_sect(walker *w, xmlNodePtr sect)
{
    qb_doc *d = w->doc;
    if (!admit_mem(w, sizeof(qb_sect)))
        return QB_OK;
    qb_status st = qb_grow((void **)&d->sects, &d->capsect, d->nsect + 1, sizeof *d->sects);
    if (st != QB_OK)
        return st;
    qb_sect *s = &d->sects[d->nsect++];
    memset(s, 0, sizeof *s);
    read_sect(sect, s);
    s->end_para = d->npara;
    return QB_OK;
}

static qb_status add_image(walker *w, const char *rid)
{
    qb_para *p = cur_para(w);
    if (!p || !admit_mem(w, sizeof(qb_image) + 64))
        return QB_OK;
    qb_doc *d = w->doc;
    qb_status st = qb_grow((void **)&d->images, &d->capimage, d->nimage + 1, sizeof *d->images);
    if (st != QB_OK)
        return st;
    qb_image *im = &d->images[d->nimage];
    memset(im, 0, sizeof *im);
    im->para = w->pstack[w->np - 1];
    const qb_rel *rel = rid && w->rels ? qb_rels_find(w->rels, rid) : NULL;
    if (rel && rel->external)
        im->target = qb_strdup(rel->target);
    else if (rel)
        im->part = qb_strdup(rel->target);
    d->nimage++;
    p->drawings++;
    return QB_OK;
}

/* A chart of the main part: where it is and its part, read after the walk (load_charts). */
static qb_status add_chart(walker *w, const char *rid)
{
    qb_doc *d = w->doc;
    if (d->nchart >= QB_DOCX_MAX_CHARTS || !admit_mem(w, sizeof(qb_chart) + 64))
        return QB_OK; /* beyond: only counted (drawings), a placeholder in the dossier */
    qb_status st = qb_grow((void **)&d->charts, &d->capchart, d->nchart + 1, sizeof *d->charts);
    if (st != QB_OK)
        return st;
    qb_chart *c = &d->charts[d->nchart++];
    memset(c, 0, sizeof *c);
    c->para = w->pstack[w->np - 1];
    const qb_rel *rel = rid && w->rels ? qb_rels_find(w->rels, rid) : NULL;
    if (rel && !rel->external && !(c->part = qb_strdup(rel->target)))
        return QB_ERR_NOMEM;
    return QB_OK;
}

/* A border element that draws a line (w:val other than none or nil). */
static int border_on(xmlNodePtr b)
{
    char v[16] = "";
    qb_xml_attr_buf(b, "val", v, sizeof v);
    return strcmp(v, "none") != 0 && strcmp(v, "nil") != 0;
}

/* The borders a table sets in its w:tblPr: w:tblBorders, or none at all when it has
 * neither borders nor a style (Word's default table style draws none); -1 when they
 * come from its style. A side w:tblBorders leaves out is the style's: drawn for a
 * styled table (the usual style is Table Grid), not for an unstyled one. */
static int table_borders(xmlNodePtr tblpr, int styled)
{
    xmlNodePtr tb = qb_xml_child(tblpr, "tblBorders");
    if (!tb)
        return styled ? -1 : 0;
    static const char *const side[] = {"top", "bottom", "left", "right", "insideH", "insideV"};
    static const char *const side2[] = {"top", "bottom", "start", "end", "insideH", "insideV"};
    int bits = 0;
    for (int i = 0; i < 6; i++) {
        xmlNodePtr b = qb_xml_child(tb, side[i]);
        if (!b)
            b = qb_xml_child(tb, side2[i]);
        if (b ? border_on(b) : styled)
            bits |= 1 << i;
    }
    return bits == 63 ? -1 : bits; /* every side: the grid a table is drawn with anyway */
}

/* A cell's own borders (w:tcBorders): the first row's bottom is the rule under a
 * 三线表's header; any other cell border means the table is drawn cell by cell,
 * which the dossier draws as a grid. */
static void cell_borders(walker *w, xmlNodePtr tcpr)
{
    qb_table *t = &w->doc->tables[w->tstack[w->nt - 1].table];
    xmlNodePtr tb = qb_xml_child(tcpr, "tcBorders");
    if (!tb || t->borders < 0)
        return;
    static const char *const side[] = {"top", "left", "right", "start", "end", "insideH", "insideV", "bottom"};
    for (int i = 0; i < 8; i++) {
        xmlNodePtr b = qb_xml_child(tb, side[i]);
        if (!b || !border_on(b))
            continue;
        if (i == 7 && w->tstack[w->nt - 1].row == 0)
            t->borders |= QB_TB_HEAD_RULE;
        else
            t->borders = -1;
        if (t->borders < 0)
            return;
    }
}

static qb_status start_table(walker *w)
{
    if (w->nt >= MAX_NEST) {
        snprintf(w->why, sizeof w->why, "tables nested too deeply");
        return QB_ERR_LIMIT;
    }
    if (!admit_mem(w, sizeof(qb_table)))
        return QB_OK; /* a table the model does not take: nothing to pop either */
    qb_doc *d = w->doc;
    qb_status st = qb_grow((void **)&d->tables, &d->captable, d->ntable + 1, sizeof *d->tables);
    if (st != QB_OK)
        return st;
    qb_table *t = &d->tables[d->ntable];
    memset(t, 0, sizeof *t);
    t->parent = w->nt ? w->tstack[w->nt - 1].table : -1;
    t->depth = w->nt + 1;
    t->first_para = t->end_para = t->before_para = d->npara;
    t->borders = -1;
    tbl_frame *f = &w->tstack[w->nt++];
    memset(f, 0, sizeof *f);
    f->table = (int)d->ntable++;
    f->row = f->cell = -1;
    return QB_OK;
}

/* Past a limit: nothing is built any more, paragraphs, cells and text are only counted. */
static void count_only(walker *w, const char *name, int empty, int *skip)
{
    budget *b = w->b;
    if (strcmp(name, "p") == 0) {
        b->paras++;
        b->mem += PARA_COST;
    } else if (strcmp(name, "tc") == 0) {
        b->cells++;
    } else if (strcmp(name, "t") == 0) {
        w->in_t = !empty;
    } else if (strcmp(name, "delText") == 0 || strcmp(name, "del") == 0 || strcmp(name, "moveFrom") == 0 ||
               strcmp(name, "instrText") == 0) {
        *skip = 1;
    }
}

/* A legacy check box form field (w:ffData/w:checkBox) as Word shows it, ☒ or ☐ (w:checked,
 * else w:default): taken as the field's choice, like a drop-down's entry. */
static char *cb_choice(xmlNodePtr cb)
{
    xmlNodePtr on = qb_xml_child(cb, "checked");
    if (!on)
        on = qb_xml_child(cb, "default");
    return (char *)xmlStrdup(BAD_CAST(on && qb_xml_onoff(on) ? "☒" : "☐"));
}

/* A footnote or endnote reference: the note to copy in after the paragraph, and its
 * mark in the run flow as an empty run (the text, and so every count and quote, stays
 * as Word's), numbered per kind in reference order as Word numbers them. */
static qb_status note_mark(walker *w, int id, int endnote)
{
    qb_para *p = cur_para(w);
    int no = ++w->note_seq[endnote];
    w->refs[w->nrefs] = id * 2 + endnote;
    w->refnum[w->nrefs++] = no;
    if (!p || !w->in_run || w->rf.vanish == 1 || !admit_mem(w, RUN_COST(0)))
        return QB_OK;
    ensure_rpr(w, NULL);
    qb_rfmt f = w->rf;
    f.note_ref = (signed char)(endnote ? 2 : 1);
    f.note_no = no;
    f.valign = 1;
    return qb_para_add_run(p, "", 0, &f);
}

/* Handle a start tag in the w: namespace. *skip asks the caller to jump past the subtree. */
static qb_status on_w_start(walker *w, const char *name, int empty, int *skip)
{
    xmlTextReaderPtr r = w->r;
    qb_status st = QB_OK;
    if (w->b->over) {
        count_only(w, name, empty, skip);
        return QB_OK;
    }
    if (strcmp(name, "p") == 0) {
        if ((st = start_para(w)) != QB_OK)
            return st;
        if (empty && !w->b->over)
            st = end_para(w);
    } else if (strcmp(name, "pPr") == 0) {
        xmlNodePtr n = xmlTextReaderExpand(r);
        if ((st = ensure_ppr(w, n)) != QB_OK)
            return st;
        xmlNodePtr sect = qb_xml_child(n, "sectPr");
        if (sect && w->main_part && w->np == 1 && !w->nt && !w->txbx) {
            /* a section break: the section ends with this paragraph */
            st = add_sect(w, sect);
            if (st == QB_OK && !w->b->over) /* over: the model took no more */
                w->doc->sects[w->doc->nsect - 1].end_para = w->pstack[0] + 1;
        }
        *skip = 1;
    } else if (strcmp(name, "sectPr") == 0) {
        if (w->main_part && !w->np)
            st = add_sect(w, xmlTextReaderExpand(r));
        *skip = 1;
    } else if (strcmp(name, "r") == 0) {
        if ((st = ensure_ppr(w, NULL)) != QB_OK)
            return st;
        w->in_run = 1;
        w->rpr_done = 0;
        qb_rfmt_init(&w->rf);
        if (empty)
            w->in_run = 0;
    } else if (strcmp(name, "rPr") == 0) {
        if (w->in_run)
            ensure_rpr(w, xmlTextReaderExpand(r));
        *skip = 1;
    } else if (strcmp(name, "t") == 0) {
        if (w->in_run)
            ensure_rpr(w, NULL);
        w->in_t = !empty;
    } else if (strcmp(name, "tab") == 0 || strcmp(name, "ptab") == 0) {
        if (w->in_run) {
            ensure_rpr(w, NULL);
            st = add_text(w, "\t", 1);
        }
    } else if (strcmp(name, "br") == 0 || strcmp(name, "cr") == 0) {
        if (w->in_run) {
            ensure_rpr(w, NULL);
            st = add_text(w, "\n", 1);
        }
    } else if (strcmp(name, "noBreakHyphen") == 0) {
        if (w->in_run) {
            ensure_rpr(w, NULL);
            st = add_text(w, "-", 1);
        }
    } else if (strcmp(name, "sym") == 0) {
        xmlChar *c = xmlTextReaderGetAttributeNs(r, BAD_CAST "char", xmlTextReaderConstNamespaceUri(r));
        if (c && w->in_run) {
            unsigned cp = (unsigned)strtoul((char *)c, NULL, 16);
            if (cp >= 0xF020 && cp <= 0xF0FF)
                cp -= 0xF000; /* Symbol-font private-use range maps onto Latin-1 */
            char u[4];
            size_t n = qb_utf8_encode(cp, u);
            ensure_rpr(w, NULL);
            if (n && cp >= 0x20)
                st = add_text(w, u, n);
        }
        xmlFree(c);
    } else if (strcmp(name, "instrText") == 0) {
        w->in_instr = !empty;
    } else if (strcmp(name, "delText") == 0 || strcmp(name, "del") == 0 ||
               strcmp(name, "moveFrom") == 0) {
        if (strcmp(name, "delText") != 0)
            w->doc->revisions++;
        *skip = 1; /* deleted text is not part of the final document */
    } else if (strcmp(name, "ins") == 0 || strcmp(name, "moveTo") == 0) {
        w->doc->revisions++;
    } else if (strcmp(name, "fldChar") == 0) {
        xmlChar *t = xmlTextReaderGetAttributeNs(r, BAD_CAST "fldCharType", xmlTextReaderConstNamespaceUri(r));
        if (t && strcmp((char *)t, "begin") == 0) {
            if (w->nf < MAX_NEST) {
                w->fstack[w->nf].code = 1;
                w->fstack[w->nf].toc = 0;
                memset(&w->fstack[w->nf].instr, 0, sizeof(qb_buf));
                w->fstack[w->nf].choice = NULL;
                w->fstack[w->nf].shown = 0;
                w->nf++;
            }
        } else if (t && w->nf && (strcmp((char *)t, "separate") == 0 || strcmp((char *)t, "end") == 0)) {
            fld_frame *f = &w->fstack[w->nf - 1];
            if (f->code && f->instr.s) {
                note_seq(cur_para(w), f->instr.s);
                f->toc = is_toc_instr(f->instr.s);
                if (f->toc && cur_para(w))
                    cur_para(w)->in_toc = 1;
            }
            f->code = 0;
            if (f->choice && !f->shown && w->in_run) {
                ensure_rpr(w, NULL);
                st = add_text(w, f->choice, strlen(f->choice));
                f->shown = 1;
            }
            if (strcmp((char *)t, "end") == 0) {
                qb_buf_free(&f->instr);
                xmlFree(f->choice);
                w->nf--;
            }
        }
        xmlFree(t);
    } else if (strcmp(name, "ddList") == 0) {
        if (w->nf && w->fstack[w->nf - 1].code && !w->fstack[w->nf - 1].choice)
            w->fstack[w->nf - 1].choice = dd_choice(xmlTextReaderExpand(r));
        *skip = 1;
    } else if (strcmp(name, "fldSimple") == 0) {
        xmlChar *ins = xmlTextReaderGetAttributeNs(r, BAD_CAST "instr", xmlTextReaderConstNamespaceUri(r));
        if (ins)
            note_seq(cur_para(w), (char *)ins);
        if (ins && is_toc_instr((char *)ins) && cur_para(w))
            cur_para(w)->in_toc = 1;
        xmlFree(ins);
    } else if (strcmp(name, "drawing") == 0) {
        /* a figure drawn with shapes or SmartArt has no picture part: noted at its end */
        w->in_drawing = !empty;
        w->drawing_images = w->doc->nimage;
        w->drawing_diagram = 0;
        if (!empty && w->shapes && w->np)
            qb_shapes_drawing_begin(w->shapes, w->pstack[w->np - 1], 0);
    } else if (strcmp(name, "pict") == 0) {
        if (!empty && w->shapes && w->np)
            qb_shapes_drawing_begin(w->shapes, w->pstack[w->np - 1], 1);
    } else if (strcmp(name, "txbxContent") == 0) {
        if (!empty)
            w->txbx++;
        if (!empty && w->shapes)
            qb_shapes_txbx(w->shapes, w->doc->npara, 1);
    } else if (strcmp(name, "tbl") == 0) {
        if ((st = start_table(w)) != QB_OK)
            return st;
        if (empty && !w->b->over)
            w->nt--;
    } else if (strcmp(name, "tblPr") == 0) {
        xmlNodePtr n = xmlTextReaderExpand(r);
        xmlNodePtr ts = qb_xml_child(n, "tblStyle");
        if (ts && w->nt)
            qb_xml_attr_buf(ts, "val", w->tstack[w->nt - 1].style, QB_FONT_MAX);
        if (w->nt)
            w->doc->tables[w->tstack[w->nt - 1].table].borders = table_borders(n, ts != NULL);
        *skip = 1;
    } else if (strcmp(name, "tcPr") == 0 && w->nt) {
        cell_borders(w, xmlTextReaderExpand(r));
        *skip = 1;
    } else if (strcmp(name, "tr") == 0) {
        if (w->nt) {
            tbl_frame *f = &w->tstack[w->nt - 1];
            f->row++;
            f->cell = -1;
            qb_table *t = &w->doc->tables[f->table];
            t->rows = f->row + 1;
        }
    } else if (strcmp(name, "tc") == 0) {
        if (!admit(w, &w->b->cells, 1, w->b->lim.cells, OVER_CELLS))
            return QB_OK;
        if (w->nt) {
            tbl_frame *f = &w->tstack[w->nt - 1];
            f->cell++;
            qb_table *t = &w->doc->tables[f->table];
            if (f->cell + 1 > t->cols)
                t->cols = f->cell + 1;
        }
    } else if (strcmp(name, "checkBox") == 0) {
        if (w->nf && w->fstack[w->nf - 1].code && !w->fstack[w->nf - 1].choice)
            w->fstack[w->nf - 1].choice = cb_choice(xmlTextReaderExpand(r));
        *skip = 1;
    } else if (strcmp(name, "footnoteReference") == 0 || strcmp(name, "endnoteReference") == 0) {
        xmlChar *id = xmlTextReaderGetAttributeNs(r, BAD_CAST "id", xmlTextReaderConstNamespaceUri(r));
        if (id && w->nrefs < MAX_NOTE_REFS)
            st = note_mark(w, atoi((char *)id), name[0] == 'e');
        xmlFree(id);
    } else if (strcmp(name, "footnote") == 0 || strcmp(name, "endnote") == 0) {
        xmlChar *type = xmlTextReaderGetAttributeNs(r, BAD_CAST "type", xmlTextReaderConstNamespaceUri(r));
        xmlChar *id = xmlTextReaderGetAttributeNs(r, BAD_CAST "id", xmlTextReaderConstNamespaceUri(r));
        if (type && strcmp((char *)type, "normal") != 0)
            *skip = 1; /* separators are not notes */
        w->note_cur = id ? atoi((char *)id) * 2 + (name[0] == 'e') : -1;
        xmlFree(type);
        xmlFree(id);
    } else if (strcmp(name, "sdt") == 0) {
        w->sdt_depth += !empty;
    } else if (strcmp(name, "sdtPr") == 0) {
        /* Word's table of contents is an SDT of the "Table of Contents" gallery */
        xmlNodePtr obj = qb_xml_child(xmlTextReaderExpand(r), "docPartObj");
        char gal[64] = "";
        if (obj && qb_xml_child(obj, "docPartGallery"))
            qb_xml_attr_buf(qb_xml_child(obj, "docPartGallery"), "val", gal, sizeof gal);
        if (!w->toc_sdt && strcmp(gal, "Table of Contents") == 0)
            w->toc_sdt = w->sdt_depth;
        *skip = 1;
    } else if (strcmp(name, "sdtEndPr") == 0 ||
               strcmp(name, "footnoteRef") == 0 || strcmp(name, "endnoteRef") == 0 ||
               strcmp(name, "commentReference") == 0 || strcmp(name, "annotationRef") == 0) {
        *skip = 1;
    }
    return st;
}

static qb_status on_w_end(walker *w, const char *name)
{
    if (w->b->over) {
        if (strcmp(name, "t") == 0)
            w->in_t = 0;
        return QB_OK;
    }
    if (strcmp(name, "p") == 0)
        return end_para(w);
    if (strcmp(name, "sdt") == 0 && w->sdt_depth) {
        if (w->toc_sdt == w->sdt_depth)
            w->toc_sdt = 0;
        w->sdt_depth--;
    } else if (strcmp(name, "r") == 0)
        w->in_run = 0;
    else if (strcmp(name, "t") == 0)
        w->in_t = 0;
    else if (strcmp(name, "instrText") == 0)
        w->in_instr = 0;
    else if (strcmp(name, "txbxContent") == 0 && w->txbx) {
        w->txbx--;
        if (w->shapes)
            qb_shapes_txbx(w->shapes, w->doc->npara, 0);
    } else if (strcmp(name, "drawing") == 0 && w->in_drawing) {
        qb_para *p = cur_para(w);
        int counted = p && w->drawing_diagram && w->doc->nimage == w->drawing_images;
        if (counted)
            p->drawings++;
        w->in_drawing = 0;
        if (w->shapes)
            return qb_shapes_drawing_end(w->shapes, counted);
    } else if (strcmp(name, "pict") == 0 && w->shapes)
        return qb_shapes_drawing_end(w->shapes, 0);
    else if (strcmp(name, "tbl") == 0 && w->nt) {
        qb_table *t = &w->doc->tables[w->tstack[w->nt - 1].table];
        t->end_para = w->doc->npara;
        w->nt--;
    }
    return QB_OK;
}

/* An equation (OMML) as linear text in the run flow: runs in the paragraph's own
 * formatting, marked math (shown, not counted: DESIGN §4), scripts raised and lowered,
 * variables italic and the rest upright as Word sets them (omml.h). */
static qb_status add_math(walker *w, xmlNodePtr n)
{
    qb_para *p = cur_para(w);
    if (!p || !n)
        return QB_OK;
    qb_status st = ensure_ppr(w, NULL);
    qb_omml m = {0};
    if (st == QB_OK)
        st = qb_omml_linear(n, &m);
    qb_rfmt saved = w->rf;
    qb_rfmt_init(&w->rf);
    qb_styles_run(w->styles, &p->f, cur_tbl_style(w), NULL, &w->rf);
    w->rf.math = 1;
    for (size_t i = 0; i < m.n && st == QB_OK; i++) {
        w->rf.valign = (signed char)m.v[i].valign;
        w->rf.italic = (signed char)(m.v[i].italic != 0);
        st = add_text(w, m.v[i].text.s, m.v[i].text.len);
    }
    w->rf = saved;
    qb_omml_free(&m);
    return st;
}

/* Drawings: pictures (a:blip), charts, VML image data; equations. */
static qb_status on_other_start(walker *w, const xmlChar *uri, const char *name, int *skip)
{
    xmlTextReaderPtr r = w->r;
    if (is_ns(uri, NS_MC, NULL) && strcmp(name, "Fallback") == 0) {
        *skip = 1; /* the Choice branch already holds the same content */
        return QB_OK;
    }
    if (w->b->over)
        return QB_OK;
    if (is_ns(uri, QB_NS_M, NULL) && (strcmp(name, "oMathPara") == 0 || strcmp(name, "oMath") == 0)) {
        *skip = 1; /* read whole, as one equation */
        return add_math(w, xmlTextReaderExpand(r));
    }
    if (is_ns(uri, NS_A, NS_A_STRICT) && strcmp(name, "blip") == 0) {
        xmlChar *rid = xmlTextReaderGetAttributeNs(r, BAD_CAST "embed", BAD_CAST NS_R);
        if (!rid)
            rid = xmlTextReaderGetAttributeNs(r, BAD_CAST "embed", BAD_CAST NS_R_STRICT);
        if (!rid)
            rid = xmlTextReaderGetAttributeNs(r, BAD_CAST "link", BAD_CAST NS_R);
        qb_status st = add_image(w, (char *)rid);
        xmlFree(rid);
        return st;
    }
    if (w->in_drawing && ((is_ns(uri, NS_WPG, NULL) && strcmp(name, "wgp") == 0) ||
                          (is_ns(uri, NS_DGM, NULL) && strcmp(name, "relIds") == 0))) {
        w->drawing_diagram = 1;
        return QB_OK;
    }
    if (is_ns(uri, NS_C, NULL) && strcmp(name, "chart") == 0) {
        qb_para *p = cur_para(w);
        if (p)
            p->drawings++;
        xmlChar *rid = xmlTextReaderGetAttributeNs(r, BAD_CAST "id", BAD_CAST NS_R);
        if (!rid)
            rid = xmlTextReaderGetAttributeNs(r, BAD_CAST "id", BAD_CAST NS_R_STRICT);
        qb_status st = p && w->main_part ? add_chart(w, (char *)rid) : QB_OK;
        xmlFree(rid);
        return st;
    }
    if (is_ns(uri, NS_V, NULL) && strcmp(name, "imagedata") == 0) {
        xmlChar *rid = xmlTextReaderGetAttributeNs(r, BAD_CAST "id", BAD_CAST NS_R);
        qb_status st = add_image(w, (char *)rid);
        xmlFree(rid);
        return st;
    }
    return QB_OK;
}

static qb_status walk(walker *w)
{
    xmlTextReaderPtr r = w->r;
    int ret = xmlTextReaderRead(r);
    qb_status st = QB_OK;
    long pend_cx = 0, pend_cy = 0;
    int pend_anchor = 0;
    while (ret == 1 && st == QB_OK) {
        int type = xmlTextReaderNodeType(r);
        int skip = 0;
        if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
            snprintf(w->why, sizeof w->why, "XML part declares a DOCTYPE (possible XXE attack)");
            return QB_ERR_UNSAFE;
        }
        if (type == XML_READER_TYPE_ELEMENT) {
            const xmlChar *uri = xmlTextReaderConstNamespaceUri(r);
            const char *name = (const char *)xmlTextReaderConstLocalName(r);
            int empty = xmlTextReaderIsEmptyElement(r);
            if (qb_xml_is_w(uri)) {
                st = on_w_start(w, name, empty, &skip);
            } else {
                if (is_ns(uri, NS_WP, NS_WP_STRICT) && strcmp(name, "anchor") == 0)
                    pend_anchor = 1;
                else if (is_ns(uri, NS_WP, NS_WP_STRICT) && strcmp(name, "inline") == 0)
                    pend_anchor = 0;
                if (is_ns(uri, NS_WP, NS_WP_STRICT) && strcmp(name, "extent") == 0) {
                    xmlChar *cx = xmlTextReaderGetAttribute(r, BAD_CAST "cx");
                    xmlChar *cy = xmlTextReaderGetAttribute(r, BAD_CAST "cy");
                    pend_cx = cx ? atol((char *)cx) : 0;
                    pend_cy = cy ? atol((char *)cy) : 0;
                    xmlFree(cx);
                    xmlFree(cy);
                }
                size_t before = w->doc->nimage, charts = w->doc->nchart;
                if (w->shapes && !w->b->over)
                    st = qb_shapes_start(w->shapes, r, uri, name, empty, &skip);
                if (st == QB_OK && !skip)
                    st = on_other_start(w, uri, name, &skip);
                if (w->doc->nimage > before) {
                    qb_image *im = &w->doc->images[w->doc->nimage - 1];
                    im->cx = pend_cx;
                    im->cy = pend_cy;
                    im->anchored = pend_anchor;
                    pend_cx = pend_cy = 0;
                } else if (w->doc->nchart > charts) {
                    w->doc->charts[w->doc->nchart - 1].cx = pend_cx;
                    w->doc->charts[w->doc->nchart - 1].cy = pend_cy;
                    pend_cx = pend_cy = 0;
                }
            }
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            if (qb_xml_is_w(xmlTextReaderConstNamespaceUri(r)))
                st = on_w_end(w, (const char *)xmlTextReaderConstLocalName(r));
            else if (w->shapes && !w->b->over)
                st = qb_shapes_end(w->shapes, xmlTextReaderConstNamespaceUri(r),
                                   (const char *)xmlTextReaderConstLocalName(r));
        } else if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
                   type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE || type == XML_READER_TYPE_WHITESPACE) {
            const char *v = (const char *)xmlTextReaderConstValue(r);
            if (v && w->b->over) {
                if (w->in_t) {
                    size_t len = strlen(v);
                    w->b->chars += count_chars(v, len);
                    w->b->mem += RUN_COST(len);
                }
            } else if (v && w->in_t && w->in_run)
                st = add_text(w, v, strlen(v));
            else if (v && w->in_instr && w->nf)
                st = qb_buf_adds(&w->fstack[w->nf - 1].instr, v);
        }
        if (st != QB_OK)
            break;
        ret = skip ? xmlTextReaderNext(r) : xmlTextReaderRead(r);
    }
    if (st == QB_OK && ret < 0) {
        snprintf(w->why, sizeof w->why, "malformed XML in the document");
        st = QB_ERR_FORMAT;
    }
    return st;
}

static qb_status walk_part(walker *w, qb_opc *o, const char *part)
{
    qb_part_reader *pr;
    qb_status st = qb_opc_reader_open(o, part, &pr);
    if (st != QB_OK) {
        snprintf(w->why, sizeof w->why, "%s: %s", part,
                 st == QB_ERR_LIMIT ? "part too large" : "cannot read part");
        return st;
    }
    w->r = qb_part_reader_xml(pr);
    st = walk(w);
    w->r = NULL;
    qb_status cst = qb_opc_reader_close(pr);
    if (cst != QB_OK) { /* the part held more than it declared: the whole read is suspect */
        snprintf(w->why, sizeof w->why, "%s: part lies about its size", part);
        st = cst;
    }
    for (int i = 0; i < w->nf; i++) {
        qb_buf_free(&w->fstack[i].instr);
        xmlFree(w->fstack[i].choice);
    }
    w->nf = 0;
    return st;
}

/* The draft still carries tracked changes: we read the final text, but say so. */
static qb_status note_revisions(qb_doc *d)
{
    if (!d->revisions)
        return QB_OK;
    char *zh = qb_asprintf("文档含有 %d 处未接受的修订（修订模式），已按接受全部修订后的文字检查；"
                           "提交前请在 Word 中“接受所有修订”", d->revisions);
    char *en = qb_asprintf("the draft has %d unaccepted tracked changes; checked as if all were accepted",
                           d->revisions);
    qb_status st = zh && en ? qb_findings_add(&d->findings, "document.revisions", QB_SEV_WARNING, d->file,
                                              NULL, 0, NULL, zh, en)
                            : QB_ERR_NOMEM;
    free(zh);
    free(en);
    return st;
}

/* The document went past a limit: say which, with the actual and the allowed figure. */
static qb_status note_too_large(qb_doc *d, const budget *b)
{
    if (!b->over)
        return QB_OK;
    char *zh = NULL, *en = NULL;
    const qb_docx_limits *l = &b->lim;
    switch (b->over) {
    case OVER_PARAS:
        zh = qb_asprintf("文档过大：共有 %ld 段，超过上限 %ld 段（一篇典型经验材料通常只有几百段）；"
                         "只读取了前 %ld 段，其余内容未检查", b->paras, l->paragraphs, l->paragraphs);
        en = qb_asprintf("document too large: %ld paragraphs, over the limit of %ld; only the first %ld "
                         "were read, the rest was not checked", b->paras, l->paragraphs, l->paragraphs);
        break;
    case OVER_CELLS:
        zh = qb_asprintf("文档过大：表格共有 %ld 个单元格，超过上限 %ld 个；超出部分未读取，未检查",
                         b->cells, l->cells);
        en = qb_asprintf("document too large: %ld table cells, over the limit of %ld; the rest was not read "
                         "or checked", b->cells, l->cells);
        break;
    case OVER_CHARS:
        zh = qb_asprintf("文档过大：共有 %ld 个字符，超过上限 %ld 个；超出部分未读取，未检查", b->chars, l->chars);
        en = qb_asprintf("document too large: %ld characters, over the limit of %ld; the rest was not read "
                         "or checked", b->chars, l->chars);
        break;
    default:
        zh = qb_asprintf("文档结构过于零碎：读取需要约 %zu MB 内存，超过上限 %ld MB；超出部分未读取，未检查",
                         (b->mem + (1u << 20) - 1) >> 20, l->model_mb);
        en = qb_asprintf("document too fragmented: reading it needs about %zu MB, over the limit of %ld MB; "
                         "the rest was not read or checked", (b->mem + (1u << 20) - 1) >> 20, l->model_mb);
        break;
    }
    qb_status st = zh && en ? qb_findings_add(&d->findings, "document.too-large", QB_SEV_ERROR, d->file,
                                              NULL, 0, NULL, zh, en)
                            : QB_ERR_NOMEM;
    free(zh);
    free(en);
    return st;
}

/* One reason, already in both languages (qb_err_set takes one argument list). */
static qb_status fail(qb_err *e, qb_status st, const char *zh, const char *en)
{
    return qb_err_set(e, st, "%s%.0s", "%.0s%s", zh, en);
}

qb_status qb_docx_read(const char *path, qb_doc *doc, qb_err *e)
{
    return qb_docx_read_limited(path, doc, NULL, e);
}

/* numbering.xml, streamed once: its levels' paragraph properties, and its labels. */
typedef struct {
    qb_styles *styles;
    qb_numbering *num;
} numbering_rd;

static qb_status numbering_child(void *ctx, xmlNodePtr n)
{
    numbering_rd *rd = ctx;
    qb_status st = qb_styles_numbering_child(rd->styles, n);
    return st == QB_OK ? qb_numbering_child(rd->num, n) : st;
}

static qb_status read_numbering(qb_opc *o, const qb_rels *rels, qb_styles *styles, qb_numbering *num)
{
    numbering_rd rd = {styles, num};
    int whole;
    qb_status st = qb_opc_related_each(o, rels, "/numbering", QB_DOCX_MAX_DOM_PART, numbering_child, &rd, &whole);
    if (st == QB_OK && !whole) { /* none, or not well-formed: labels are lost, text is not */
        qb_styles_numbering_drop(styles);
        qb_numbering_drop(num);
    }
    return st;
}

static qb_status read_opc(const char *path, qb_opc *given, qb_doc *doc, const qb_docx_limits *lim, qb_err *e)
{
    static const qb_docx_limits dflt = {QB_DOCX_MAX_PARAGRAPHS, QB_DOCX_MAX_CELLS, QB_DOCX_MAX_CHARS,
                                        QB_DOCX_MAX_MODEL_MB};
    qb_xml_init();
    qb_doc_init(doc);
    doc->source = qb_strdup(path);
    doc->file = qb_strdup(qb_basename(path));
    if (!doc->source || !doc->file)
        return qb_err_status(e, QB_ERR_NOMEM);
    /* Only a regular file: opening a FIFO would wait forever for a writer. */
    struct stat sb;
    if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode))
        return fail(e, QB_ERR_IO,
                    S_ISDIR(sb.st_mode) ? "这是文件夹，不是 Word 文档" : "不是普通文件（管道、设备或套接字），已拒绝",
                    S_ISDIR(sb.st_mode) ? "a folder, not a Word document"
                                        : "not a regular file (a FIFO, device or socket), refused");
    budget b = {.lim = lim ? *lim : dflt};
    qb_opc mine, *op = given ? given : &mine;
    qb_status st = given ? QB_OK : qb_opc_open(path, &mine);
    if (st != QB_OK) /* the OPC layer says what is wrong, in both languages */
        return fail(e, st, mine.err.zh, mine.err.en);
    qb_rels rels = {0};
    qb_styles *styles = NULL;
    qb_numbering *num = NULL;
    qb_doc notes;
    qb_doc_init(&notes);
    walker w = {0};
    qb_shapes_rd shapes;
    if ((st = qb_opc_rels(op, op->main_part, &rels)) != QB_OK ||
        (st = qb_styles_load(op, &rels, &styles)) != QB_OK || (st = qb_numbering_new(&num)) != QB_OK ||
        (st = read_numbering(op, &rels, styles, num)) != QB_OK) {
        if (st == QB_ERR_LIMIT)
            snprintf(w.why, sizeof w.why, "styles, numbering or theme part over %u MB or %d definitions",
                     QB_DOCX_MAX_DOM_PART >> 20, QB_DOCX_MAX_DEFS);
        goto out;
    }
    w.doc = doc;
    w.b = &b;
    w.styles = styles;
    w.num = num;
    w.rels = &rels;
    w.main_part = 1;
    w.notes = &notes;
    qb_shapes_rd_init(&shapes, doc);
    w.shapes = &shapes;
    /* Notes: walk each notes part into the side model with note ids tracked. */
    static const struct { const char *type; qb_where where; } parts[] = {
        {"/footnotes", QB_IN_FOOTNOTE}, {"/endnotes", QB_IN_ENDNOTE}};
    for (size_t k = 0; k < 2 && st == QB_OK; k++) {
        const qb_rel *rel = qb_rels_by_type(&rels, parts[k].type);
        if (!rel || rel->external || !qb_opc_has(op, rel->target))
            continue;
        walker nw = {0};
        nw.doc = &notes;
        nw.b = &b;
        nw.styles = styles;
        nw.num = num;
        nw.note_where = parts[k].where;
        nw.note_cur = -1;
        st = walk_part(&nw, op, rel->target);
        if (st != QB_OK)
            snprintf(w.why, sizeof w.why, "%s", nw.why);
    }
    if (st == QB_OK)
        st = index_notes(&w);
    st = st == QB_OK ? walk_part(&w, op, op->main_part) : st;
    size_t chart_bytes = 0; /* the charts' data, from their parts' caches */
    for (size_t i = 0; i < doc->nchart && st == QB_OK; i++)
        st = qb_chart_load(op, &doc->charts[i], &chart_bytes);
    qb_shapes_finish(&shapes);
    if (st == QB_OK)
        st = note_revisions(doc);
    if (st == QB_OK)
        st = note_too_large(doc, &b);
    if (st == QB_OK && doc->nsect == 0) {
        /* no sectPr at all: page size unknown */
        st = qb_grow((void **)&doc->sects, &doc->capsect, 1, sizeof *doc->sects);
        if (st == QB_OK) {
            memset(&doc->sects[0], 0, sizeof doc->sects[0]);
            doc->sects[0].end_para = doc->npara;
            doc->nsect = 1;
        }
    }
out:
    if (st != QB_OK)
        fail(e, st,
             st == QB_ERR_UNSAFE ? "文档含有不安全的 XML 声明（DOCTYPE），已拒绝" :
             st == QB_ERR_LIMIT ? "文档过大、嵌套过深或数据与声明的大小不符，已拒绝" :
             st == QB_ERR_NOMEM ? "内存不足" : "文档内容损坏，无法读取",
             w.why[0] ? w.why : qb_status_str(st));
    free(w.note_order);
    qb_doc_free(&notes);
    qb_numbering_free(num);
    qb_styles_free(styles);
    qb_rels_free(&rels);
    if (!given)
        qb_opc_close(&mine);
    return st;
}

qb_status qb_docx_read_limited(const char *path, qb_doc *doc, const qb_docx_limits *lim, qb_err *e)
{
    return read_opc(path, NULL, doc, lim, e);
}

qb_status qb_docx_read_opened(const char *path, qb_opc *o, qb_doc *doc, const qb_docx_limits *lim, qb_err *e)
{
    return read_opc(path, o, doc, lim, e);
}
