/* record_xml.c — the application record as XML (README, "The application record").
 *
 * <record version="1" edition= verdict= processed= applicant= scope= reason= reason-en=>
 *  <input path= name= regular= size= sha256= received=/>
 *  <package name= applicant= format= folder= document= volumes= size= sha256= reader= workdir=>
 *   <member name= name-hex= path= stored= converted= size= declared= sha256= role= format=
 *           kind= outcome= why= why-en= depth= expanded=/>            one per member
 *  </package>
 *  <proof-file path=/>  <attach path=/>                               files by path
 *  <finding …/>           the record's findings before the write-up's (package, unreadable)
 *  <document role="experience|form|proof">
 * <qb-model …>…</qb-model>                                            model_xml.c, unchanged
 *   <application readable= unit=>                                     the form's fields (form only)
 *    <field key="applicant" value=/>  <year year= revenue= profit=/>   as written
 *   </application>
 *  </document>
 * </record>
 * The record's findings are those <finding> elements followed by the write-up's own
 * (inside its model), so no finding is written twice. Each model starts in column 0,
 * as a model file alone does. */
#include "record_xml.h"
#include "model_xml.h"
#include "xmlsafe.h"

#include <stdlib.h>
#include <string.h>

static const char *const kind_names[] = {"file", "dir", "link", "other"};          /* unpack.h qb_kind */
static const char *const outcome_names[] = {"ok", "unsafe", "encrypted", "too-large", "broken"}; /* qb_outcome */

#define W(call) (r |= (call) < 0)

/* The form's fields, as written (form.h): a field whose label was found, with its value. */
static int write_fields(xmlTextWriterPtr w, const qb_form *f)
{
    int r = 0;
    W(xmlTextWriterStartElement(w, BAD_CAST "application"));
    W(qb_model_wint(w, "readable", f->readable));
    if (f->unit)
        W(qb_model_wattr(w, "unit", f->unit));
    for (int i = 0; i < QB_FF_N; i++) {
        if (!f->seen[i] || ((i == QB_FF_REVENUE || i == QB_FF_PROFIT) && f->nyears))
            continue;
        W(xmlTextWriterStartElement(w, BAD_CAST "field"));
        W(qb_model_wattr(w, "key", qb_form_key((qb_form_field)i)));
        if (f->value[i])
            W(qb_model_wattr(w, "value", f->value[i]));
        W(xmlTextWriterEndElement(w));
    }
    for (size_t i = 0; i < f->nyears; i++) {
        W(xmlTextWriterStartElement(w, BAD_CAST "year"));
        W(qb_model_wint(w, "year", f->years[i].year));
        if (f->years[i].revenue)
            W(qb_model_wattr(w, "revenue", f->years[i].revenue));
        if (f->years[i].profit)
            W(qb_model_wattr(w, "profit", f->years[i].profit));
        W(xmlTextWriterEndElement(w));
    }
    W(xmlTextWriterEndElement(w));
    return r ? -1 : 0;
}

static qb_status read_fields(xmlNodePtr n, qb_form *f)
{
    qb_form_init(f);
    f->readable = (int)qb_model_aint(n, "readable", 0);
    f->unit = qb_model_astr(n, "unit");
    qb_status st = QB_OK;
    for (xmlNodePtr c = n->children; c && st == QB_OK; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        char *key = NULL, *v = NULL, *rev = NULL, *pro = NULL;
        if (strcmp((const char *)c->name, "field") == 0) {
            key = qb_model_astr(c, "key");
            v = qb_model_astr(c, "value");
            qb_form_field ff = key ? qb_form_field_of(key) : QB_FF_N;
            if (ff == QB_FF_REVENUE || ff == QB_FF_PROFIT)
                f->seen[ff] = 1;
            else if (ff != QB_FF_N)
                st = qb_form_set(f, ff, v);
        } else if (strcmp((const char *)c->name, "year") == 0) {
            int y = (int)qb_model_aint(c, "year", 0);
            rev = qb_model_astr(c, "revenue");
            pro = qb_model_astr(c, "profit");
            if (rev)
                st = qb_form_set_year(f, y, QB_FF_REVENUE, rev);
            if (pro && st == QB_OK)
                st = qb_form_set_year(f, y, QB_FF_PROFIT, pro);
            if (st == QB_ERR_USAGE)
                st = QB_ERR_FORMAT;
        }
        free(key);
        free(v);
        free(rev);
        free(pro);
    }
    if (st != QB_OK)
        qb_form_free(f);
    return st;
}

static qb_status write_model_raw(xmlTextWriterPtr w, const char *role, const qb_doc *d, const qb_form *fields)
{
    xmlBufferPtr buf;
    xmlTextWriterPtr mw = qb_xml_writer_new(&buf);
    if (!mw)
        return QB_ERR_NOMEM;
    /* a document of its own, so that text goes out as UTF-8, not as character references */
    qb_status st = xmlTextWriterStartDocument(mw, NULL, "UTF-8", NULL) < 0 ? QB_ERR_NOMEM : QB_OK;
    if (st == QB_OK)
        st = qb_model_write_xml(mw, d);
    if (st == QB_OK && xmlTextWriterEndDocument(mw) < 0)
        st = QB_ERR_NOMEM;
    xmlFreeTextWriter(mw);
    /* …without its XML declaration */
    const char *text = (const char *)xmlBufferContent(buf), *body = strstr(text, "?>\n");
    int r = 0;
    if (st == QB_OK && !body)
        st = QB_ERR_FORMAT;
    if (st == QB_OK) {
        W(xmlTextWriterStartElement(w, BAD_CAST "document"));
        W(qb_model_wattr(w, "role", role));
        W(xmlTextWriterWriteRaw(w, BAD_CAST "\n"));
        W(xmlTextWriterWriteRaw(w, BAD_CAST body + 3));
        if (fields)
            W(write_fields(w, fields));
        W(xmlTextWriterEndElement(w));
    }
    xmlBufferFree(buf);
    return st != QB_OK ? st : r ? QB_ERR_NOMEM : QB_OK;
}

static int write_member(xmlTextWriterPtr w, const qb_member *m)
{
    int r = 0;
    W(xmlTextWriterStartElement(w, BAD_CAST "member"));
    if (m->name)
        W(qb_model_wattr(w, "name", m->name));
    W(qb_model_wattr(w, "name-hex", m->name_raw_hex));
    if (m->path)
        W(qb_model_wattr(w, "path", m->path));
    if (m->stored)
        W(qb_model_wattr(w, "stored", m->stored));
    if (m->converted)
        W(qb_model_wattr(w, "converted", m->converted));
    W(xmlTextWriterWriteFormatAttribute(w, BAD_CAST "size", "%llu", (unsigned long long)m->size));
    if (m->declared != UINT64_MAX)
        W(xmlTextWriterWriteFormatAttribute(w, BAD_CAST "declared", "%llu", (unsigned long long)m->declared));
    W(qb_model_wattr(w, "sha256", m->sha256));
    W(qb_model_wattr(w, "role", qb_role_name(m->role)));
    W(qb_model_wattr(w, "format", qb_format_name(m->fmt)));
    W(qb_model_wattr(w, "kind", kind_names[(unsigned)m->kind < 4 ? m->kind : 3]));
    W(qb_model_wattr(w, "outcome", outcome_names[(unsigned)m->outcome < 5 ? m->outcome : 4]));
    if (m->why_zh)
        W(qb_model_wattr(w, "why", m->why_zh));
    if (m->why_en)
        W(qb_model_wattr(w, "why-en", m->why_en));
    W(qb_model_wint(w, "depth", m->depth));
    W(qb_model_wint(w, "expanded", m->expanded));
    W(xmlTextWriterEndElement(w));
    return r ? -1 : 0;
}

static int write_package(xmlTextWriterPtr w, const qb_package *p)
{
    int r = 0;
    W(xmlTextWriterStartElement(w, BAD_CAST "package"));
    W(qb_model_wattr(w, "name", p->display_name));
    if (p->applicant)
        W(qb_model_wattr(w, "applicant", p->applicant));
    W(qb_model_wattr(w, "format", qb_format_name(p->fmt)));
    W(qb_model_wint(w, "folder", p->is_dir));
    W(qb_model_wint(w, "document", p->is_document));
    W(qb_model_wint(w, "volumes", (long)p->volumes));
    W(xmlTextWriterWriteFormatAttribute(w, BAD_CAST "size", "%llu", (unsigned long long)p->size));
    W(qb_model_wattr(w, "sha256", p->sha256));
    if (p->reader)
        W(qb_model_wattr(w, "reader", p->reader));
    for (size_t i = 0; i < p->n && !r; i++)
        W(write_member(w, &p->m[i]));
    W(xmlTextWriterEndElement(w));
    return r ? -1 : 0;
}

static int write_paths(xmlTextWriterPtr w, const char *el, char *const *v, size_t n)
{
    int r = 0;
    for (size_t i = 0; i < n && !r; i++) {
        W(xmlTextWriterStartElement(w, BAD_CAST el));
        W(qb_model_wattr(w, "path", v[i]));
        W(xmlTextWriterEndElement(w));
    }
    return r ? -1 : 0;
}

static qb_status write_record(xmlTextWriterPtr w, const qb_record *rec)
{
    int r = 0;
    W(xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL));
    W(xmlTextWriterStartElement(w, BAD_CAST "record"));
    W(qb_model_wattr(w, "version", "1"));
    if (rec->edition)
        W(qb_model_wattr(w, "edition", rec->edition));
    W(qb_model_wattr(w, "verdict", qb_record_verdict(rec)));
    if (rec->applicant)
        W(qb_model_wattr(w, "applicant", rec->applicant));
    if (rec->scope)
        W(qb_model_wattr(w, "scope", rec->scope));
    if (rec->reason)
        W(qb_model_wattr(w, "reason", rec->reason));
    if (rec->reason_en)
        W(qb_model_wattr(w, "reason-en", rec->reason_en));
    const qb_record_input *in = &rec->input;
    W(xmlTextWriterStartElement(w, BAD_CAST "input"));
    W(qb_model_wattr(w, "path", in->path));
    W(qb_model_wattr(w, "name", in->name));
    W(qb_model_wint(w, "regular", in->regular));
    W(xmlTextWriterWriteFormatAttribute(w, BAD_CAST "size", "%llu", (unsigned long long)in->size));
    W(qb_model_wattr(w, "sha256", in->sha256));
    W(qb_model_wattr(w, "received", in->received));
    if (rec->workdir && rec->keep_workdir)
        W(qb_model_wattr(w, "workdir", rec->workdir));
    W(xmlTextWriterEndElement(w));
    if (rec->have_pkg)
        W(write_package(w, &rec->pkg));
    W(write_paths(w, "proof-file", rec->proof_files, rec->nproof_files));
    W(write_paths(w, "attach", rec->attach, rec->nattach));
    size_t own = rec->findings.n - (rec->have_doc ? rec->doc.findings.n : 0);
    for (size_t i = 0; i < own && !r; i++)
        W(qb_model_write_finding(w, &rec->findings.v[i]));
    qb_status st = r ? QB_ERR_NOMEM : QB_OK;
    if (st == QB_OK && rec->have_doc)
        st = write_model_raw(w, "experience", &rec->doc, NULL);
    if (st == QB_OK && rec->have_form)
        st = write_model_raw(w, "form", &rec->form, rec->have_fields ? &rec->fields : NULL);
    for (size_t i = 0; i < rec->nproof && st == QB_OK; i++)
        st = write_model_raw(w, "proof", &rec->proofs[i], NULL);
    if (st == QB_OK && (xmlTextWriterEndElement(w) < 0 || xmlTextWriterEndDocument(w) < 0))
        st = QB_ERR_NOMEM;
    return st;
}

qb_status qb_record_write(const qb_record *rec, FILE *out)
{
    xmlBufferPtr buf;
    xmlTextWriterPtr w = qb_xml_writer_new(&buf);
    if (!w)
        return QB_ERR_NOMEM;
    qb_status st = write_record(w, rec);
    xmlFreeTextWriter(w);
    size_t len = (size_t)xmlBufferLength(buf);
    if (st == QB_OK && fwrite(xmlBufferContent(buf), 1, len, out) != len)
        st = QB_ERR_IO;
    xmlBufferFree(buf);
    return st;
}

/* ---- reading ---- */

static int index_of(const char *v, const char *const *names, size_t n, int dflt)
{
    for (size_t i = 0; v && i < n; i++)
        if (strcmp(v, names[i]) == 0)
            return (int)i;
    return dflt;
}

static qb_format format_of(xmlNodePtr n)
{
    char *v = qb_model_astr(n, "format");
    qb_format f = QB_FMT_UNKNOWN;
    for (int i = 0; v && i <= QB_FMT_EMPTY; i++)
        if (strcmp(v, qb_format_name((qb_format)i)) == 0)
            f = (qb_format)i;
    free(v);
    return f;
}

static uint64_t u64(xmlNodePtr n, const char *name, uint64_t dflt)
{
    char *v = qb_model_astr(n, name);
    uint64_t x = v ? strtoull(v, NULL, 10) : dflt;
    free(v);
    return x;
}

static void hex(xmlNodePtr n, const char *name, char out[65])
{
    char *v = qb_model_astr(n, name);
    out[0] = '\0';
    if (v && strlen(v) < 65)
        strcpy(out, v);
    free(v);
}

static qb_status read_member(xmlNodePtr n, qb_package *p)
{
    qb_status st = qb_grow((void **)&p->m, &p->cap, p->n + 1, sizeof *p->m);
    if (st != QB_OK)
        return st;
    qb_member *m = &p->m[p->n++];
    memset(m, 0, sizeof *m);
    m->name = qb_model_astr(n, "name");
    m->name_raw_hex = qb_model_astr(n, "name-hex");
    m->path = qb_model_astr(n, "path");
    m->stored = qb_model_astr(n, "stored");
    m->converted = qb_model_astr(n, "converted");
    m->size = u64(n, "size", 0);
    m->declared = u64(n, "declared", UINT64_MAX);
    hex(n, "sha256", m->sha256);
    char *v = qb_model_astr(n, "role");
    m->role = QB_ROLE_OTHER;
    for (int i = 0; v && i <= QB_ROLE_JUNK; i++)
        if (strcmp(v, qb_role_name((qb_role)i)) == 0)
            m->role = (qb_role)i;
    free(v);
    m->fmt = format_of(n);
    v = qb_model_astr(n, "kind");
    m->kind = (qb_kind)index_of(v, kind_names, 4, QB_KIND_OTHER);
    free(v);
    v = qb_model_astr(n, "outcome");
    m->outcome = (qb_outcome)index_of(v, outcome_names, 5, QB_OUT_BROKEN);
    free(v);
    m->why_zh = qb_model_astr(n, "why");
    m->why_en = qb_model_astr(n, "why-en");
    m->depth = (int)qb_model_aint(n, "depth", 0);
    m->expanded = (int)qb_model_aint(n, "expanded", 0);
    return m->name_raw_hex ? QB_OK : QB_ERR_FORMAT;
}

static qb_status read_package(xmlNodePtr n, qb_record *rec)
{
    qb_package *p = &rec->pkg;
    rec->have_pkg = 1;
    p->input = rec->input.path ? qb_strdup(rec->input.path) : NULL;
    p->display_name = qb_model_astr(n, "name");
    p->applicant = qb_model_astr(n, "applicant");
    p->workdir = rec->workdir ? qb_strdup(rec->workdir) : NULL;
    p->fmt = format_of(n);
    p->is_dir = (int)qb_model_aint(n, "folder", 0);
    p->is_document = (int)qb_model_aint(n, "document", 0);
    p->volumes = (size_t)qb_model_aint(n, "volumes", 0);
    p->size = u64(n, "size", 0);
    hex(n, "sha256", p->sha256);
    rec->pkg_reader = qb_model_astr(n, "reader");
    p->reader = rec->pkg_reader;
    qb_status st = p->display_name ? QB_OK : QB_ERR_FORMAT;
    for (xmlNodePtr c = n->children; c && st == QB_OK; c = c->next)
        if (c->type == XML_ELEMENT_NODE && strcmp((char *)c->name, "member") == 0)
            st = read_member(c, p);
    return st;
}

static qb_status add_path(char ***v, size_t *n, xmlNodePtr node)
{
    char *path = qb_model_astr(node, "path");
    char **nv = path ? realloc(*v, (*n + 1) * sizeof **v) : NULL;
    if (!nv) {
        free(path);
        return path ? QB_ERR_NOMEM : QB_ERR_FORMAT;
    }
    *v = nv;
    nv[(*n)++] = path;
    return QB_OK;
}

static qb_status read_document(xmlNodePtr n, qb_record *rec)
{
    char *role = qb_model_astr(n, "role");
    xmlNodePtr m = n->children;
    while (m && m->type != XML_ELEMENT_NODE)
        m = m->next;
    qb_status st = QB_ERR_FORMAT;
    if (!role) {
    } else if (strcmp(role, "experience") == 0 && !rec->have_doc) {
        if ((st = qb_model_read_xml(m, &rec->doc)) == QB_OK)
            rec->have_doc = 1;
    } else if (strcmp(role, "form") == 0 && !rec->have_form) {
        if ((st = qb_model_read_xml(m, &rec->form)) == QB_OK)
            rec->have_form = 1;
        for (xmlNodePtr a = m ? m->next : NULL; a && st == QB_OK && !rec->have_fields; a = a->next)
            if (a->type == XML_ELEMENT_NODE && strcmp((const char *)a->name, "application") == 0 &&
                (st = read_fields(a, &rec->fields)) == QB_OK)
                rec->have_fields = 1;
    } else if (strcmp(role, "proof") == 0) {
        qb_doc *nv = realloc(rec->proofs, (rec->nproof + 1) * sizeof *nv);
        if (!nv) {
            free(role);
            return QB_ERR_NOMEM;
        }
        rec->proofs = nv;
        if ((st = qb_model_read_xml(m, &nv[rec->nproof])) == QB_OK)
            rec->nproof++;
    }
    free(role);
    return st;
}

/* A model file alone (what the stages wrote before the record): its write-up. */
static qb_status read_bare_model(xmlNodePtr root, qb_record *rec)
{
    qb_doc d;
    qb_status st = qb_model_read_xml(root, &d);
    if (st != QB_OK)
        return st;
    rec->input.path = d.source ? qb_strdup(d.source) : NULL;
    const char *name = d.file ? d.file : d.source ? qb_basename(d.source) : "";
    rec->input.name = qb_strdup(name);
    return rec->input.name ? qb_record_take_doc(rec, &d, name) : (qb_doc_free(&d), QB_ERR_NOMEM);
}

static qb_status read_record(xmlNodePtr root, qb_record *rec)
{
    if (root && strcmp((char *)root->name, "qb-model") == 0)
        return read_bare_model(root, rec);
    if (!root || strcmp((char *)root->name, "record") != 0)
        return QB_ERR_FORMAT;
    rec->edition = qb_model_astr(root, "edition");
    char *verdict = qb_model_astr(root, "verdict");
    rec->processed = !verdict || strcmp(verdict, "error") != 0;
    free(verdict);
    rec->applicant = qb_model_astr(root, "applicant");
    rec->scope = qb_model_astr(root, "scope");
    rec->reason = qb_model_astr(root, "reason");
    rec->reason_en = qb_model_astr(root, "reason-en");
    qb_status st = QB_OK;
    for (xmlNodePtr n = root->children; n && st == QB_OK; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        const char *name = (const char *)n->name;
        if (strcmp(name, "input") == 0) {
            rec->input.path = qb_model_astr(n, "path");
            rec->input.name = qb_model_astr(n, "name");
            rec->input.regular = (int)qb_model_aint(n, "regular", 0);
            rec->input.size = u64(n, "size", 0);
            hex(n, "sha256", rec->input.sha256);
            char *d = qb_model_astr(n, "received");
            if (d && strlen(d) < sizeof rec->input.received)
                strcpy(rec->input.received, d);
            free(d);
            rec->workdir = qb_model_astr(n, "workdir");
            rec->keep_workdir = 1; /* never remove what a record names */
        } else if (strcmp(name, "package") == 0 && !rec->have_pkg) {
            st = read_package(n, rec);
        } else if (strcmp(name, "proof-file") == 0) {
            st = add_path(&rec->proof_files, &rec->nproof_files, n);
        } else if (strcmp(name, "attach") == 0) {
            st = add_path(&rec->attach, &rec->nattach, n);
        } else if (strcmp(name, "finding") == 0) {
            st = qb_model_read_finding(n, &rec->findings);
        } else if (strcmp(name, "document") == 0) {
            st = read_document(n, rec);
        }
    }
    /* the write-up's own findings follow the record's */
    if (st == QB_OK && rec->have_doc)
        st = qb_findings_extend(&rec->findings, &rec->doc.findings);
    return st;
}

qb_status qb_record_read(const char *path, qb_record *rec)
{
    qb_record_init(rec);
    xmlDocPtr x;
    qb_status st = qb_model_parse_file(path, &x);
    if (st != QB_OK)
        return st;
    st = read_record(xmlDocGetRootElement(x), rec);
    xmlFreeDoc(x);
    if (st != QB_OK)
        qb_record_free(rec);
    return st;
}
