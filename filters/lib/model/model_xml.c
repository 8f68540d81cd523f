/* model_xml.c — the document model as XML, for running the filters one by one.
 *
 * <qb-model version="1" source= file= revisions= sectioned=>
 *   <sect w= h= landscape= end=/>                      one per w:sectPr
 *   <table parent= depth= rows= cols= first= end= before=/>
 *   <image part= target= para= cx= cy= anchored=/>
 *   <chart para= part= cx= cy= kind= …>…</chart>       a Word chart's data (chart_xml.h)
 *   <shape geom= x= y= cx= cy= …/>                    Word shapes (shape_xml.c)
 *   <p n= where= table= row= cell= sect= drawings= seq= toc= label= role=>  role: model.h's
 *                                                      names, "heading:practice" for a heading;
 *                                                      toc: 1 inside a TOC field or TOC SDT
 *     <pf …/> <mark …/> <r …>text</r>…                 formatting as resolved; math="1" an
 *                                                      equation's linear text; note-ref="1|2"
 *                                                      note="N": an empty run, the mark of
 *                                                      footnote/endnote N (its <p note="N">)
 *   </p>
 *   <section key= found= head= first= end= count= words= chars= limit= inline= head-bytes=/>
 *   <finding rule= severity= file= section= paragraph= excerpt= message= message-en=/>
 * </qb-model>
 * Attributes equal to their defaults are still written: the file is for people too.
 * The application record (record_xml.c) holds one such element per document and writes
 * its own elements with the attribute and finding helpers exported here. */
#include "model_xml.h"
#include "chart_xml.h"
#include "shape_xml.h"
#include "utf8.h"
#include "xmlsafe.h"

#include <libxml/xmlwriter.h>
#include <stdlib.h>
#include <string.h>

static const char *const where_names[] = {"body", "table", "textbox", "footnote", "endnote"};
static const char *const jc_names[] = {"", "left", "center", "right", "both", "distribute"};
static const char *const rule_names[] = {"", "auto", "exact", "atLeast"};

/* XML 1.0 cannot carry most C0 controls; Word text never needs them. */
static char *clean(const char *s)
{
    char *c = qb_strdup(s ? s : "");
    if (!c)
        return NULL;
    for (char *p = c; *p; p++)
        if ((unsigned char)*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
            *p = ' ';
    return c;
}

static int wattr(xmlTextWriterPtr w, const char *name, const char *v)
{
    char *c = clean(v);
    if (!c)
        return -1;
    int r = xmlTextWriterWriteAttribute(w, BAD_CAST name, BAD_CAST c);
    free(c);
    return r;
}

static int wint(xmlTextWriterPtr w, const char *name, long v)
{
    return xmlTextWriterWriteFormatAttribute(w, BAD_CAST name, "%ld", v);
}

int qb_model_wattr(xmlTextWriterPtr w, const char *name, const char *v)
{
    return wattr(w, name, v);
}

int qb_model_wint(xmlTextWriterPtr w, const char *name, long v)
{
    return wint(w, name, v);
}

static int write_rfmt(xmlTextWriterPtr w, const char *el, const qb_rfmt *f)
{
    int r = 0;
    if (el)
        r |= xmlTextWriterStartElement(w, BAD_CAST el) < 0;
    r |= wattr(w, "ea", f->font_ea) < 0;
    r |= wattr(w, "ascii", f->font_ascii) < 0;
    r |= wattr(w, "hansi", f->font_hansi) < 0;
    r |= wint(w, "sz", f->size_hp) < 0;
    r |= wint(w, "b", f->bold) < 0;
    r |= wint(w, "i", f->italic) < 0;
    r |= wint(w, "caps", f->caps) < 0;
    r |= wint(w, "strike", f->strike) < 0;
    r |= wint(w, "hint-ea", f->hint_ea) < 0;
    r |= wint(w, "vanish", f->vanish) < 0;
    if (f->valign) /* only when set: older model files stay as they were */
        r |= wint(w, "va", f->valign) < 0;
    if (f->underline)
        r |= wint(w, "u", f->underline) < 0;
    if (f->math)
        r |= wint(w, "math", f->math) < 0;
    if (f->note_ref) {
        r |= wint(w, "note-ref", f->note_ref) < 0;
        r |= wint(w, "note", f->note_no) < 0;
    }
    if (el)
        r |= xmlTextWriterEndElement(w) < 0;
    return r ? -1 : 0;
}

static int write_para(xmlTextWriterPtr w, const qb_para *p)
{
    int r = 0;
    r |= xmlTextWriterStartElement(w, BAD_CAST "p") < 0;
    r |= wint(w, "n", p->number) < 0;
    r |= wattr(w, "where", where_names[p->where]) < 0;
    if (p->note)
        r |= wint(w, "note", p->note) < 0;
    r |= wint(w, "table", p->table) < 0;
    r |= wint(w, "row", p->row) < 0;
    r |= wint(w, "cell", p->cell) < 0;
    r |= wint(w, "sect", p->sect) < 0;
    r |= wint(w, "drawings", p->drawings) < 0;
    r |= wattr(w, "seq", p->seq) < 0;
    r |= wint(w, "toc", p->in_toc) < 0;
    char *label = qb_strndup(p->text, p->label_len);
    r |= !label || wattr(w, "label", label) < 0;
    free(label);
    if (p->role == QB_PARA_HEADING && p->role_sec >= 0 && p->role_sec < QB_NSEC)
        r |= xmlTextWriterWriteFormatAttribute(w, BAD_CAST "role", "%s:%s", qb_para_role_name(p->role),
                                               qb_sec_key((qb_secid)p->role_sec)) < 0;
    else
        r |= wattr(w, "role", qb_para_role_name(p->role)) < 0;
    r |= xmlTextWriterStartElement(w, BAD_CAST "pf") < 0;
    r |= wattr(w, "style-id", p->f.style_id) < 0;
    r |= wattr(w, "style-name", p->f.style_name) < 0;
    r |= wattr(w, "jc", jc_names[p->f.jc]) < 0;
    r |= wint(w, "line", p->f.line) < 0;
    r |= wattr(w, "line-rule", rule_names[p->f.line_rule]) < 0;
    r |= wint(w, "ind-first", p->f.ind_first) < 0;
    r |= wint(w, "ind-first-chars", p->f.ind_first_chars) < 0;
    r |= wint(w, "outline", p->f.outline_lvl) < 0;
    r |= wint(w, "num-id", p->f.num_id) < 0;
    r |= wint(w, "num-lvl", p->f.num_lvl) < 0;
    r |= xmlTextWriterEndElement(w) < 0;
    r |= write_rfmt(w, "mark", &p->mark) < 0;
    for (size_t i = 0; i < p->nruns && !r; i++) {
        r |= xmlTextWriterStartElement(w, BAD_CAST "r") < 0;
        r |= write_rfmt(w, NULL, &p->runs[i].f) < 0;
        char *c = clean(p->runs[i].text);
        r |= !c || xmlTextWriterWriteString(w, BAD_CAST c) < 0;
        free(c);
        r |= xmlTextWriterEndElement(w) < 0;
    }
    r |= xmlTextWriterEndElement(w) < 0;
    return r ? -1 : 0;
}

int qb_model_write_finding(xmlTextWriterPtr w, const qb_finding *f)
{
    int r = 0;
    r |= xmlTextWriterStartElement(w, BAD_CAST "finding") < 0;
    r |= wattr(w, "rule", f->rule) < 0;
    r |= wattr(w, "severity", qb_severity_name(f->severity)) < 0;
    if (f->file)
        r |= wattr(w, "file", f->file) < 0;
    if (f->section)
        r |= wattr(w, "section", f->section) < 0;
    r |= wint(w, "paragraph", f->paragraph) < 0;
    if (f->excerpt)
        r |= wattr(w, "excerpt", f->excerpt) < 0;
    r |= wattr(w, "message", f->message) < 0;
    r |= wattr(w, "message-en", f->message_en) < 0;
    r |= xmlTextWriterEndElement(w) < 0;
    return r ? -1 : 0;
}

qb_status qb_model_write_xml(xmlTextWriterPtr w, const qb_doc *d)
{
    int r = 0;
    r |= xmlTextWriterStartElement(w, BAD_CAST "qb-model") < 0;
    r |= wattr(w, "version", "1") < 0;
    r |= wattr(w, "source", d->source) < 0;
    r |= wattr(w, "file", d->file) < 0;
    r |= wint(w, "revisions", d->revisions) < 0;
    r |= wint(w, "sectioned", d->sectioned) < 0;
    for (size_t i = 0; i < d->nsect && !r; i++) {
        r |= xmlTextWriterStartElement(w, BAD_CAST "sect") < 0;
        r |= wint(w, "w", d->sects[i].w) < 0;
        r |= wint(w, "h", d->sects[i].h) < 0;
        r |= wint(w, "landscape", d->sects[i].landscape) < 0;
        r |= wint(w, "end", (long)d->sects[i].end_para) < 0;
        r |= xmlTextWriterEndElement(w) < 0;
    }
    for (size_t i = 0; i < d->ntable && !r; i++) {
        const qb_table *t = &d->tables[i];
        r |= xmlTextWriterStartElement(w, BAD_CAST "table") < 0;
        r |= wint(w, "parent", t->parent) < 0;
        r |= wint(w, "depth", t->depth) < 0;
        r |= wint(w, "rows", t->rows) < 0;
        r |= wint(w, "cols", t->cols) < 0;
        r |= wint(w, "first", (long)t->first_para) < 0;
        r |= wint(w, "end", (long)t->end_para) < 0;
        r |= wint(w, "before", (long)t->before_para) < 0;
        if (t->borders >= 0) /* only when the table sets them: older model files stay as they were */
            r |= wint(w, "borders", t->borders) < 0;
        r |= xmlTextWriterEndElement(w) < 0;
    }
    for (size_t i = 0; i < d->nimage && !r; i++) {
        const qb_image *im = &d->images[i];
        r |= xmlTextWriterStartElement(w, BAD_CAST "image") < 0;
        r |= wattr(w, "part", im->part) < 0;
        r |= wattr(w, "target", im->target) < 0;
        r |= wint(w, "para", (long)im->para) < 0;
        r |= wint(w, "cx", im->cx) < 0;
        r |= wint(w, "cy", im->cy) < 0;
        r |= wint(w, "anchored", im->anchored) < 0;
        r |= xmlTextWriterEndElement(w) < 0;
    }
    for (size_t i = 0; i < d->nchart && !r; i++)
        r |= qb_chart_write_xml(w, &d->charts[i]) < 0;
    if (!r)
        r |= qb_shapes_write_xml(w, d) < 0;
    for (size_t i = 0; i < d->npara && !r; i++)
        r |= write_para(w, &d->paras[i]) < 0;
    for (int s = 0; s < QB_NSEC && d->sectioned && !r; s++) {
        const qb_section *sec = &d->sec[s];
        r |= xmlTextWriterStartElement(w, BAD_CAST "section") < 0;
        r |= wattr(w, "key", qb_sec_key((qb_secid)s)) < 0;
        r |= wint(w, "found", sec->found) < 0;
        r |= wint(w, "head", (long)sec->head) < 0;
        r |= wint(w, "first", (long)sec->first) < 0;
        r |= wint(w, "end", (long)sec->end) < 0;
        r |= wint(w, "count", sec->count) < 0;
        r |= wint(w, "words", sec->words) < 0;
        r |= wint(w, "chars", sec->chars) < 0;
        r |= wint(w, "limit", sec->limit) < 0;
        r |= wint(w, "inline", sec->inline_head) < 0;
        r |= wint(w, "head-bytes", (long)sec->head_bytes) < 0;
        r |= xmlTextWriterEndElement(w) < 0;
    }
    for (size_t i = 0; i < d->findings.n && !r; i++)
        r |= qb_model_write_finding(w, &d->findings.v[i]) < 0;
    r |= xmlTextWriterEndElement(w) < 0;
    return r ? QB_ERR_NOMEM : QB_OK;
}

qb_status qb_model_write(const qb_doc *d, FILE *out)
{
    xmlBufferPtr buf;
    xmlTextWriterPtr w = qb_xml_writer_new(&buf);
    if (!w)
        return QB_ERR_NOMEM;
    qb_status st = xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL) < 0 ? QB_ERR_NOMEM : QB_OK;
    if (st == QB_OK)
        st = qb_model_write_xml(w, d);
    if (st == QB_OK && xmlTextWriterEndDocument(w) < 0)
        st = QB_ERR_NOMEM;
    xmlFreeTextWriter(w);
    if (st == QB_OK && fwrite(xmlBufferContent(buf), 1, (size_t)xmlBufferLength(buf), out) != (size_t)xmlBufferLength(buf))
        st = QB_ERR_IO;
    xmlBufferFree(buf);
    return st;
}

/* ---- reading ---- */

static long aint(xmlNodePtr n, const char *name, long dflt)
{
    xmlChar *v = xmlGetProp(n, BAD_CAST name);
    if (!v)
        return dflt;
    long r = strtol((char *)v, NULL, 10);
    xmlFree(v);
    return r;
}

static void abuf(xmlNodePtr n, const char *name, char *buf, size_t size)
{
    xmlChar *v = xmlGetProp(n, BAD_CAST name);
    buf[0] = '\0';
    if (!v)
        return;
    size_t len = qb_utf8_clip((char *)v, size - 1);
    memcpy(buf, v, len);
    buf[len] = '\0';
    xmlFree(v);
}

static char *astr(xmlNodePtr n, const char *name)
{
    xmlChar *v = xmlGetProp(n, BAD_CAST name);
    if (!v)
        return NULL;
    char *s = qb_strdup((char *)v);
    xmlFree(v);
    return s;
}

long qb_model_aint(xmlNodePtr n, const char *name, long dflt)
{
    return aint(n, name, dflt);
}

char *qb_model_astr(xmlNodePtr n, const char *name)
{
    return astr(n, name);
}

qb_status qb_model_read_finding(xmlNodePtr n, qb_findings *fs)
{
    char sev[16];
    abuf(n, "severity", sev, sizeof sev);
    qb_severity sv = QB_SEV_INFO;
    qb_severity_parse(sev, &sv);
    char *rule = astr(n, "rule"), *file = astr(n, "file"), *section = astr(n, "section");
    char *ex = astr(n, "excerpt"), *msg = astr(n, "message"), *en = astr(n, "message-en");
    qb_status st = rule && msg ? qb_findings_add(fs, rule, sv, file, section, (int)aint(n, "paragraph", 0), ex, msg, en)
                               : QB_ERR_FORMAT;
    free(rule); free(file); free(section); free(ex); free(msg); free(en);
    return st;
}

static int name_index(const char *const *names, size_t n, const char *v)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(names[i], v) == 0)
            return (int)i;
    return 0;
}

static void read_rfmt(xmlNodePtr n, qb_rfmt *f)
{
    qb_rfmt_init(f);
    abuf(n, "ea", f->font_ea, sizeof f->font_ea);
    abuf(n, "ascii", f->font_ascii, sizeof f->font_ascii);
    abuf(n, "hansi", f->font_hansi, sizeof f->font_hansi);
    f->size_hp = (int)aint(n, "sz", 0);
    f->bold = (signed char)aint(n, "b", -1);
    f->italic = (signed char)aint(n, "i", -1);
    f->valign = (signed char)aint(n, "va", 0);
    f->underline = (signed char)aint(n, "u", 0);
    f->math = (signed char)aint(n, "math", 0) != 0;
    f->note_ref = (signed char)aint(n, "note-ref", 0);
    f->note_no = (int)aint(n, "note", 0);
    if (f->note_ref != 1 && f->note_ref != 2)
        f->note_ref = 0;
    f->caps = (signed char)aint(n, "caps", -1);
    f->strike = (signed char)aint(n, "strike", -1);
    f->hint_ea = (signed char)aint(n, "hint-ea", 0);
    f->vanish = (signed char)aint(n, "vanish", -1);
}

static qb_status read_para(qb_doc *d, xmlNodePtr n)
{
    char where[16];
    abuf(n, "where", where, sizeof where);
    size_t idx;
    qb_status st = qb_doc_add_para(d, (qb_where)name_index(where_names, 5, where), (int)aint(n, "table", -1), &idx);
    if (st != QB_OK)
        return st;
    qb_para *p = &d->paras[idx];
    p->number = (int)aint(n, "n", 0);
    p->note = (int)aint(n, "note", 0);
    p->row = (int)aint(n, "row", 0);
    p->cell = (int)aint(n, "cell", 0);
    p->sect = (int)aint(n, "sect", 0);
    p->drawings = (int)aint(n, "drawings", 0);
    abuf(n, "seq", p->seq, sizeof p->seq);
    p->in_toc = (int)aint(n, "toc", 0) != 0;
    char role[48];
    abuf(n, "role", role, sizeof role);
    char *colon = strchr(role, ':');
    if (colon)
        *colon = '\0';
    p->role = qb_para_role_parse(role);
    if (p->role == QB_PARA_TITLE)
        p->role_sec = QB_SEC_TITLE;
    else if (p->role == QB_PARA_HEADING)
        p->role_sec = colon ? qb_sec_from_key(colon + 1) : -1;
    char *label = astr(n, "label");
    if (label && *label) {
        free(p->text);
        p->text = label;
        p->label_len = strlen(label);
    } else {
        free(label);
    }
    for (xmlNodePtr c = n->children; c && st == QB_OK; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (strcmp((char *)c->name, "pf") == 0) {
            char v[32];
            abuf(c, "style-id", p->f.style_id, sizeof p->f.style_id);
            abuf(c, "style-name", p->f.style_name, sizeof p->f.style_name);
            abuf(c, "jc", v, sizeof v);
            p->f.jc = (qb_jc)name_index(jc_names, 6, v);
            p->f.line = (int)aint(c, "line", 0);
            abuf(c, "line-rule", v, sizeof v);
            p->f.line_rule = (qb_line_rule)name_index(rule_names, 4, v);
            p->f.ind_first = (int)aint(c, "ind-first", 0);
            p->f.ind_first_chars = (int)aint(c, "ind-first-chars", 0);
            p->f.outline_lvl = (int)aint(c, "outline", -1);
            p->f.num_id = (int)aint(c, "num-id", -1);
            p->f.num_lvl = (int)aint(c, "num-lvl", -1);
        } else if (strcmp((char *)c->name, "mark") == 0) {
            read_rfmt(c, &p->mark);
        } else if (strcmp((char *)c->name, "r") == 0) {
            qb_rfmt f;
            read_rfmt(c, &f);
            xmlChar *t = xmlNodeGetContent(c);
            st = t ? qb_para_add_run(p, (char *)t, strlen((char *)t), &f) : QB_ERR_NOMEM;
            xmlFree(t);
        }
    }
    return st;
}

static qb_status read_other(qb_doc *d, xmlNodePtr n)
{
    const char *name = (const char *)n->name;
    qb_status st = QB_OK;
    if (strcmp(name, "sect") == 0) {
        if ((st = qb_grow((void **)&d->sects, &d->capsect, d->nsect + 1, sizeof *d->sects)) != QB_OK)
            return st;
        qb_sect *s = &d->sects[d->nsect++];
        s->w = aint(n, "w", 0);
        s->h = aint(n, "h", 0);
        s->landscape = (int)aint(n, "landscape", 0);
        s->end_para = (size_t)aint(n, "end", 0);
    } else if (strcmp(name, "table") == 0) {
        if ((st = qb_grow((void **)&d->tables, &d->captable, d->ntable + 1, sizeof *d->tables)) != QB_OK)
            return st;
        qb_table *t = &d->tables[d->ntable++];
        t->parent = (int)aint(n, "parent", -1);
        t->depth = (int)aint(n, "depth", 1);
        t->rows = (int)aint(n, "rows", 0);
        t->cols = (int)aint(n, "cols", 0);
        t->first_para = (size_t)aint(n, "first", 0);
        t->end_para = (size_t)aint(n, "end", 0);
        t->before_para = (size_t)aint(n, "before", 0);
        t->borders = (int)aint(n, "borders", -1);
    } else if (strcmp(name, "image") == 0) {
        if ((st = qb_grow((void **)&d->images, &d->capimage, d->nimage + 1, sizeof *d->images)) != QB_OK)
            return st;
        qb_image *im = &d->images[d->nimage++];
        memset(im, 0, sizeof *im);
        im->part = astr(n, "part");
        im->target = astr(n, "target");
        if (im->part && !*im->part) { free(im->part); im->part = NULL; }
        if (im->target && !*im->target) { free(im->target); im->target = NULL; }
        im->para = (size_t)aint(n, "para", 0);
        im->cx = aint(n, "cx", 0);
        im->cy = aint(n, "cy", 0);
        im->anchored = (int)aint(n, "anchored", 0);
    } else if (strcmp(name, "shape") == 0) {
        st = qb_shape_read_xml(n, d);
    } else if (strcmp(name, "section") == 0) {
        char key[16];
        abuf(n, "key", key, sizeof key);
        int s = qb_sec_from_key(key);
        if (s < 0)
            return QB_ERR_FORMAT;
        qb_section *sec = &d->sec[s];
        sec->found = (int)aint(n, "found", 0);
        sec->head = (size_t)aint(n, "head", 0);
        sec->first = (size_t)aint(n, "first", 0);
        sec->end = (size_t)aint(n, "end", 0);
        sec->count = aint(n, "count", 0);
        sec->words = aint(n, "words", 0);
        sec->chars = aint(n, "chars", 0);
        sec->limit = aint(n, "limit", 0);
        sec->inline_head = (int)aint(n, "inline", 0);
        sec->head_bytes = (size_t)aint(n, "head-bytes", 0);
    } else if (strcmp(name, "chart") == 0) {
        st = qb_chart_read_xml(n, d);
    } else if (strcmp(name, "finding") == 0) {
        st = qb_model_read_finding(n, &d->findings);
    }
    return st;
}

qb_status qb_model_parse_file(const char *path, xmlDocPtr *out)
{
    qb_xml_init();
    char *buf;
    size_t len;
    qb_status st = qb_read_file(strcmp(path, "-") == 0 ? "/dev/stdin" : path, (size_t)1 << 30, &buf, &len);
    if (st != QB_OK)
        return st;
    st = qb_xml_parse_memory(buf, len, out);
    free(buf);
    return st;
}

qb_status qb_model_read(const char *path, qb_doc *d)
{
    qb_doc_init(d);
    xmlDocPtr x;
    qb_status st = qb_model_parse_file(path, &x);
    if (st != QB_OK)
        return st;
    st = qb_model_read_xml(xmlDocGetRootElement(x), d);
    xmlFreeDoc(x);
    return st;
}

qb_status qb_model_read_xml(xmlNodePtr root, qb_doc *d)
{
    qb_status st = QB_OK;
    qb_doc_init(d);
    if (!root || strcmp((char *)root->name, "qb-model") != 0)
        return QB_ERR_FORMAT;
    d->source = astr(root, "source");
    d->file = astr(root, "file");
    d->revisions = (int)aint(root, "revisions", 0);
    d->sectioned = (int)aint(root, "sectioned", 0);
    for (xmlNodePtr n = root->children; n && st == QB_OK; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        st = strcmp((char *)n->name, "p") == 0 ? read_para(d, n) : read_other(d, n);
    }
    if (st == QB_OK) {
        /* indices in the file must point inside the model */
        for (size_t i = 0; i < d->nimage && st == QB_OK; i++)
            if (d->images[i].para >= d->npara)
                st = QB_ERR_FORMAT;
        for (size_t i = 0; i < d->nchart && st == QB_OK; i++)
            if (d->charts[i].para >= d->npara)
                st = QB_ERR_FORMAT;
        for (int s = 0; s < QB_NSEC && st == QB_OK; s++)
            if (d->sec[s].found && (d->sec[s].head >= d->npara || d->sec[s].end > d->npara ||
                                    d->sec[s].first > d->sec[s].end))
                st = QB_ERR_FORMAT;
        if (st == QB_OK)
            st = qb_shapes_check(d);
        for (size_t i = 0; i < d->npara && st == QB_OK; i++)
            if (d->paras[i].table >= (int)d->ntable || d->paras[i].table < -1)
                st = QB_ERR_FORMAT;
        for (int s = 0; s < QB_NSEC && st == QB_OK; s++)
            if (d->sec[s].found && d->sec[s].head_bytes > strlen(d->paras[d->sec[s].head].text))
                st = QB_ERR_FORMAT;
    }
    if (st != QB_OK)
        qb_doc_free(d);
    return st;
}
