/* annotate.c — findings as Word comments in a copy of the draft (see annotate.h).
 *
 * The main part is parsed as a DOM (it is edited, not only read) and its w:p are
 * numbered exactly as docx.c's streaming reader numbers them: document order, table
 * cells and text boxes included, skipping what the reader skips (mc:Fallback, whose
 * paragraphs duplicate mc:Choice's, and deleted content). The count must match the
 * model's, else the model is not this file's and nothing is written. */
#include "annotate.h"

#include "opc.h"
#include "outfile.h"
#include "xmlsafe.h"

#include <libxml/tree.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <zip.h>

#define NS_MC "http://schemas.openxmlformats.org/markup-compatibility/2006"
#define REL_COMMENTS "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
#define CT_COMMENTS "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
#define NS_RELS "http://schemas.openxmlformats.org/package/2006/relationships"
#define AUTHOR "qbintake 格式检查"

typedef struct {
    xmlNodePtr *v;
    size_t n, cap;
} node_list;

/* The reader's w:p order (docx.c): pre-order, skipping the subtrees it skips. */
static qb_status collect_paras(xmlNodePtr n, node_list *out, int depth)
{
    if (depth > 256)
        return QB_ERR_LIMIT;
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (c->ns && strcmp((const char *)c->ns->href, NS_MC) == 0 && strcmp((const char *)c->name, "Fallback") == 0)
            continue;
        if (qb_xml_node_is(c, "del") || qb_xml_node_is(c, "moveFrom") || qb_xml_node_is(c, "pPr") ||
            qb_xml_node_is(c, "sectPr") || qb_xml_node_is(c, "rPr") || qb_xml_node_is(c, "tblPr") ||
            qb_xml_node_is(c, "sdtPr"))
            continue;
        if (qb_xml_node_is(c, "p")) {
            qb_status st = qb_grow((void **)&out->v, &out->cap, out->n + 1, sizeof *out->v);
            if (st != QB_OK)
                return st;
            out->v[out->n++] = c;
        }
        qb_status st = collect_paras(c, out, depth + 1);
        if (st != QB_OK)
            return st;
    }
    return QB_OK;
}

/* Largest w:id of the comment elements under n (comments.xml or the main part). */
static long max_comment_id(xmlNodePtr n, long best, int depth)
{
    if (depth > 256)
        return best;
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (qb_xml_node_is(c, "comment") || qb_xml_node_is(c, "commentRangeStart") ||
            qb_xml_node_is(c, "commentRangeEnd") || qb_xml_node_is(c, "commentReference")) {
            char buf[24];
            if (qb_xml_attr_buf(c, "id", buf, sizeof buf)) {
                long v = strtol(buf, NULL, 10);
                if (v > best && v < INT_MAX / 2)
                    best = v;
            }
        }
        best = max_comment_id(c, best, depth + 1);
    }
    return best;
}

static xmlNodePtr w_node(xmlDocPtr doc, xmlNsPtr ns, const char *name, long id)
{
    xmlNodePtr n = xmlNewDocNode(doc, ns, BAD_CAST name, NULL);
    if (n && id >= 0) {
        char buf[24];
        snprintf(buf, sizeof buf, "%ld", id);
        if (!xmlNewNsProp(n, ns, BAD_CAST "id", BAD_CAST buf)) {
            xmlFreeNode(n);
            return NULL;
        }
    }
    return n;
}

/* Span paragraph p with comment id: start after w:pPr, end and reference last. */
static qb_status mark_para(xmlDocPtr doc, xmlNsPtr ns, xmlNodePtr p, long id)
{
    xmlNodePtr start = w_node(doc, ns, "commentRangeStart", id);
    xmlNodePtr end = w_node(doc, ns, "commentRangeEnd", id);
    xmlNodePtr run = w_node(doc, ns, "r", -1);
    xmlNodePtr ref = w_node(doc, ns, "commentReference", id);
    if (!start || !end || !run || !ref) {
        xmlFreeNode(start);
        xmlFreeNode(end);
        xmlFreeNode(run);
        xmlFreeNode(ref);
        return QB_ERR_NOMEM;
    }
    xmlNodePtr ppr = qb_xml_child(p, "pPr");
    if (ppr)
        xmlAddNextSibling(ppr, start);
    else if (p->children)
        xmlAddPrevSibling(p->children, start);
    else
        xmlAddChild(p, start);
    xmlAddChild(p, end);
    xmlAddChild(run, ref);
    xmlAddChild(p, run);
    return QB_OK;
}

/* One w:comment: the verdict line, then the message. */
static qb_status add_comment(xmlDocPtr cdoc, xmlNsPtr ns, long id, const qb_finding *f)
{
    xmlNodePtr c = w_node(cdoc, ns, "comment", id);
    if (!c)
        return QB_ERR_NOMEM;
    xmlNewNsProp(c, ns, BAD_CAST "author", BAD_CAST AUTHOR);
    xmlNewNsProp(c, ns, BAD_CAST "initials", BAD_CAST "QB");
    xmlAddChild(xmlDocGetRootElement(cdoc), c);
    char *head = qb_asprintf("【%s】%s", qb_severity_name_zh(f->severity), f->rule);
    if (!head)
        return QB_ERR_NOMEM;
    const char *lines[2] = {head, f->message ? f->message : ""};
    for (int i = 0; i < 2; i++) {
        xmlNodePtr p = xmlNewChild(c, ns, BAD_CAST "p", NULL);
        xmlNodePtr r = p ? xmlNewChild(p, ns, BAD_CAST "r", NULL) : NULL;
        xmlNodePtr t = r ? xmlNewTextChild(r, ns, BAD_CAST "t", BAD_CAST lines[i]) : NULL;
        if (!t) {
            free(head);
            return QB_ERR_NOMEM;
        }
        xmlSetProp(t, BAD_CAST "xml:space", BAD_CAST "preserve");
    }
    free(head);
    return QB_OK;
}

/* Serialize into a malloc'd buffer libzip can own. */
static qb_status dump(xmlDocPtr doc, char **buf, size_t *len)
{
    xmlChar *mem = NULL;
    int n = 0;
    xmlDocDumpMemoryEnc(doc, &mem, &n, "UTF-8");
    if (!mem || n <= 0) {
        xmlFree(mem);
        return QB_ERR_NOMEM;
    }
    *buf = malloc((size_t)n);
    if (!*buf) {
        xmlFree(mem);
        return QB_ERR_NOMEM;
    }
    memcpy(*buf, mem, (size_t)n);
    *len = (size_t)n;
    xmlFree(mem);
    return QB_OK;
}

/* "word/document.xml" → "word/_rels/document.xml.rels" */
static char *rels_name(const char *part)
{
    const char *slash = strrchr(part, '/');
    return slash ? qb_asprintf("%.*s/_rels/%s.rels", (int)(slash - part), part, slash + 1)
                 : qb_asprintf("_rels/%s.rels", part);
}

typedef struct {
    char *name;     /* part name in the ZIP */
    char *data;     /* new content (malloc'd), or NULL to keep the original */
    size_t len;
} replacement;

typedef struct {
    replacement v[4];
    int n;
} replacements;

static qb_status put(replacements *r, const char *name, char *data, size_t len)
{
    char *nm = qb_strdup(name);
    if (!nm || r->n == 4) {
        free(nm);
        free(data);
        return QB_ERR_NOMEM;
    }
    r->v[r->n].name = nm;
    r->v[r->n].data = data;
    r->v[r->n].len = len;
    r->n++;
    return QB_OK;
}

static void replacements_free(replacements *r)
{
    for (int i = 0; i < r->n; i++) {
        free(r->v[i].name);
        free(r->v[i].data); /* NULL once libzip owns it */
    }
    r->n = 0;
}

/* Add the comments relationship to the main part's .rels (created when absent). */
static qb_status add_relationship(qb_opc *o, const char *rels_part, const char *target, replacements *rep)
{
    char *buf = NULL;
    size_t len = 0;
    xmlDocPtr doc = NULL;
    qb_status st = qb_opc_read(o, rels_part, &buf, &len);
    if (st == QB_OK) {
        st = qb_xml_parse_memory(buf, len, &doc);
        free(buf);
    } else if (st == QB_ERR_FORMAT) {
        doc = xmlNewDoc(BAD_CAST "1.0");
        xmlNodePtr root = doc ? xmlNewDocNode(doc, NULL, BAD_CAST "Relationships", NULL) : NULL;
        if (root) {
            xmlDocSetRootElement(doc, root);
            xmlSetNs(root, xmlNewNs(root, BAD_CAST NS_RELS, NULL));
        }
        st = root ? QB_OK : QB_ERR_NOMEM;
    }
    if (st != QB_OK) {
        xmlFreeDoc(doc);
        return st;
    }
    xmlNodePtr root = xmlDocGetRootElement(doc);
    /* a fresh id: rIdqb1, rIdqb2 … until unused */
    char id[32];
    for (int k = 1;; k++) {
        snprintf(id, sizeof id, "rIdqb%d", k);
        int used = 0;
        for (xmlNodePtr c = root->children; c && !used; c = c->next) {
            xmlChar *v = c->type == XML_ELEMENT_NODE ? xmlGetProp(c, BAD_CAST "Id") : NULL;
            used = v && strcmp((char *)v, id) == 0;
            xmlFree(v);
        }
        if (!used)
            break;
    }
    xmlNodePtr rel = xmlNewChild(root, root->ns, BAD_CAST "Relationship", NULL);
    if (!rel || !xmlSetProp(rel, BAD_CAST "Id", BAD_CAST id) ||
        !xmlSetProp(rel, BAD_CAST "Type", BAD_CAST REL_COMMENTS) || !xmlSetProp(rel, BAD_CAST "Target", BAD_CAST target))
        st = QB_ERR_NOMEM;
    char *out = NULL;
    if (st == QB_OK && (st = dump(doc, &out, &len)) == QB_OK)
        st = put(rep, rels_part, out, len);
    xmlFreeDoc(doc);
    return st;
}

/* Declare the new part's content type in [Content_Types].xml. */
static qb_status add_content_type(qb_opc *o, const char *part, replacements *rep)
{
    char *buf = NULL;
    size_t len = 0;
    xmlDocPtr doc = NULL;
    qb_status st = qb_opc_read(o, "[Content_Types].xml", &buf, &len);
    if (st != QB_OK)
        return st;
    st = qb_xml_parse_memory(buf, len, &doc);
    free(buf);
    if (st != QB_OK)
        return st;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    char *name = qb_asprintf("/%s", part);
    xmlNodePtr ov = name ? xmlNewChild(root, root->ns, BAD_CAST "Override", NULL) : NULL;
    if (!ov || !xmlSetProp(ov, BAD_CAST "PartName", BAD_CAST name) ||
        !xmlSetProp(ov, BAD_CAST "ContentType", BAD_CAST CT_COMMENTS))
        st = QB_ERR_NOMEM;
    free(name);
    char *out = NULL;
    if (st == QB_OK && (st = dump(doc, &out, &len)) == QB_OK)
        st = put(rep, "[Content_Types].xml", out, len);
    xmlFreeDoc(doc);
    return st;
}

/* Write every entry of the input, replaced ones from rep, then rep's new parts. */
static qb_status write_zip(qb_opc *o, const char *tmp, replacements *rep, const char *dest, qb_err *e)
{
    int err = 0;
    zip_t *out = zip_open(tmp, ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!out) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, err);
        qb_err_set(e, QB_ERR_IO, "无法写出 %s：%s", "%s: cannot write (%s)", dest, zip_error_strerror(&ze));
        zip_error_fini(&ze);
        return QB_ERR_IO;
    }
    int used[4] = {0};
    zip_int64_t n = zip_get_num_entries(o->z, 0);
    qb_status st = QB_OK;
    for (zip_int64_t i = 0; i < n && st == QB_OK; i++) {
        const char *name = zip_get_name(o->z, (zip_uint64_t)i, ZIP_FL_ENC_RAW);
        if (!name) {
            st = QB_ERR_FORMAT;
            break;
        }
        zip_source_t *src = NULL;
        for (int k = 0; k < rep->n; k++)
            if (!used[k] && strcasecmp(rep->v[k].name, name) == 0) {
                used[k] = 1;
                src = zip_source_buffer(out, rep->v[k].data, rep->v[k].len, 1);
                if (src)
                    rep->v[k].data = NULL; /* libzip frees it */
                else
                    st = QB_ERR_NOMEM;
                break;
            }
        if (st != QB_OK)
            break;
        size_t nl = strlen(name);
        if (!src && nl && name[nl - 1] == '/') {
            if (zip_dir_add(out, name, ZIP_FL_ENC_RAW) < 0)
                st = QB_ERR_IO;
            continue;
        }
        if (!src)
            src = zip_source_zip(out, o->z, (zip_uint64_t)i, 0, 0, -1); /* compressed data as is */
        if (!src || zip_file_add(out, name, src, ZIP_FL_ENC_RAW) < 0) {
            zip_source_free(src);
            st = QB_ERR_IO;
        }
    }
    for (int k = 0; k < rep->n && st == QB_OK; k++) {
        if (used[k])
            continue;
        zip_source_t *src = zip_source_buffer(out, rep->v[k].data, rep->v[k].len, 1);
        if (!src) {
            st = QB_ERR_NOMEM;
            break;
        }
        rep->v[k].data = NULL;
        if (zip_file_add(out, rep->v[k].name, src, ZIP_FL_ENC_UTF_8) < 0) {
            zip_source_free(src);
            st = QB_ERR_IO;
        }
    }
    if (st != QB_OK) {
        zip_discard(out);
        return st;
    }
    if (zip_close(out) == 0)
        return QB_OK;
    zip_error_t *ze = zip_get_error(out);
    int sys = zip_error_code_system(ze);
    if (zip_error_system_type(ze) == ZIP_ET_SYS && sys)
        qb_outfile_errno(e, dest, sys);
    else
        qb_err_set(e, QB_ERR_IO, "无法写出 %s：%s", "%s: cannot write (%s)", dest, zip_error_strerror(ze));
    zip_discard(out);
    return QB_ERR_IO;
}

qb_status qb_annotate_docx_to(const char *in_docx, const char *out_docx, const qb_doc *doc, size_t *commented,
                              qb_err *e)
{
    if (commented)
        *commented = 0;
    /* before any work; the output is written through outfile.h below */
    qb_status st0 = qb_outfile_refuse_input(out_docx, &in_docx, 1, e);
    if (st0 != QB_OK)
        return st0;
    qb_xml_init();
    qb_opc o;
    qb_status st = qb_opc_open(in_docx, &o);
    if (st != QB_OK)
        return st;
    char *buf = NULL, *cpart = NULL, *rels = NULL;
    size_t len = 0;
    xmlDocPtr main = NULL, cdoc = NULL;
    node_list paras = {0};
    replacements rep = {0};
    if ((st = qb_opc_read(&o, o.main_part, &buf, &len)) != QB_OK ||
        (st = qb_xml_parse_memory(buf, len, &main)) != QB_OK)
        goto out;
    free(buf);
    buf = NULL;
    xmlNodePtr root = xmlDocGetRootElement(main);
    if ((st = collect_paras(root, &paras, 0)) != QB_OK)
        goto out;
    /* the model must be this file's */
    int model_paras = 0;
    for (size_t i = 0; i < doc->npara; i++)
        if (doc->paras[i].where != QB_IN_FOOTNOTE && doc->paras[i].where != QB_IN_ENDNOTE &&
            doc->paras[i].number > model_paras)
            model_paras = doc->paras[i].number;
    if ((size_t)model_paras != paras.n) {
        st = QB_ERR_FORMAT;
        goto out;
    }
    xmlNsPtr wns = root->ns;
    if (!wns || !qb_xml_is_w(wns->href)) {
        st = QB_ERR_FORMAT;
        goto out;
    }

    /* the comments part: the draft's own, or a new one beside the main part */
    qb_rels mrels = {0};
    if ((st = qb_opc_rels(&o, o.main_part, &mrels)) != QB_OK)
        goto out;
    const qb_rel *cr = qb_rels_by_type(&mrels, "/comments");
    int existing = cr && !cr->external && qb_opc_has(&o, cr->target);
    if (existing) {
        cpart = qb_strdup(cr->target);
        st = cpart ? qb_opc_read(&o, cpart, &buf, &len) : QB_ERR_NOMEM;
        if (st == QB_OK)
            st = qb_xml_parse_memory(buf, len, &cdoc);
        free(buf);
        buf = NULL;
    }
    qb_rels_free(&mrels);
    if (st != QB_OK)
        goto out;
    if (!existing) {
        const char *slash = strrchr(o.main_part, '/');
        int dir = slash ? (int)(slash - o.main_part) + 1 : 0;
        for (int k = 0; k < 100 && st == QB_OK; k++) {
            free(cpart);
            cpart = k ? qb_asprintf("%.*scomments%d.xml", dir, o.main_part, k)
                      : qb_asprintf("%.*scomments.xml", dir, o.main_part);
            if (!cpart)
                st = QB_ERR_NOMEM;
            else if (!qb_opc_has(&o, cpart))
                break;
        }
        if (st != QB_OK)
            goto out;
        cdoc = xmlNewDoc(BAD_CAST "1.0");
        xmlNodePtr croot = cdoc ? xmlNewDocNode(cdoc, NULL, BAD_CAST "comments", NULL) : NULL;
        if (!croot) {
            st = QB_ERR_NOMEM;
            goto out;
        }
        xmlDocSetRootElement(cdoc, croot);
        xmlSetNs(croot, xmlNewNs(croot, wns->href, BAD_CAST "w"));
        cdoc->standalone = 1;
    }
    xmlNodePtr croot = xmlDocGetRootElement(cdoc);
    xmlNsPtr cns = croot->ns;
    if (!cns || !qb_xml_is_w(cns->href)) {
        st = QB_ERR_FORMAT;
        goto out;
    }

    long id = max_comment_id(croot, -1, 0);
    id = max_comment_id(root, id, 0) + 1;
    size_t added = 0;
    for (size_t i = 0; i < doc->findings.n && st == QB_OK; i++) {
        const qb_finding *f = &doc->findings.v[i];
        if (f->paragraph <= 0 || (size_t)f->paragraph > paras.n)
            continue;
        if ((st = add_comment(cdoc, cns, id, f)) == QB_OK &&
            (st = mark_para(main, wns, paras.v[f->paragraph - 1], id)) == QB_OK) {
            id++;
            added++;
        }
    }
    if (st != QB_OK)
        goto out;

    /* the edited parts, then write beside the output and rename into place */
    char *data;
    if ((st = dump(main, &data, &len)) != QB_OK || (st = put(&rep, o.main_part, data, len)) != QB_OK ||
        (st = dump(cdoc, &data, &len)) != QB_OK || (st = put(&rep, cpart, data, len)) != QB_OK)
        goto out;
    if (!existing) {
        const char *slash = strrchr(cpart, '/');
        rels = rels_name(o.main_part);
        if (!rels)
            st = QB_ERR_NOMEM;
        if (st == QB_OK)
            st = add_relationship(&o, rels, slash ? slash + 1 : cpart, &rep);
        if (st == QB_OK)
            st = add_content_type(&o, cpart, &rep);
        if (st != QB_OK)
            goto out;
    }
    qb_outfile of;
    if ((st = qb_outfile_open(&of, out_docx, &in_docx, 1, e)) != QB_OK)
        goto out;
    fclose(of.f); /* libzip writes by path (its own temporary file, renamed onto ours) */
    of.f = NULL;
    st = write_zip(&o, of.tmp, &rep, out_docx, e);
    st = st == QB_OK ? qb_outfile_commit(&of, e) : (qb_outfile_abort(&of), st);
    if (st == QB_OK && commented)
        *commented = added;
out:
    free(buf);
    free(cpart);
    free(rels);
    free(paras.v);
    replacements_free(&rep);
    xmlFreeDoc(main);
    xmlFreeDoc(cdoc);
    qb_opc_close(&o);
    return st;
}

qb_status qb_annotate_docx_count(const char *in_docx, const char *out_docx, const qb_doc *doc, size_t *commented)
{
    return qb_annotate_docx_to(in_docx, out_docx, doc, commented, NULL);
}

qb_status qb_annotate_docx(const char *in_docx, const char *out_docx, const qb_doc *doc)
{
    return qb_annotate_docx_count(in_docx, out_docx, doc, NULL);
}
