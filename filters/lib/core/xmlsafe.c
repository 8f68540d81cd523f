/* xmlsafe.c — the one place libxml2 is configured. */
#include "xmlsafe.h"
#include "utf8.h"

#include <libxml/parser.h>
#include <string.h>

static xmlParserInputPtr deny_loader(const char *url, const char *id, xmlParserCtxtPtr ctx)
{
    (void)url; (void)id; (void)ctx;
    return NULL; /* nothing outside the part is ever read */
}

static void silent(void *ctx, const char *msg, ...)
{
    (void)ctx; (void)msg;
}

static void silent_structured(void *ctx, xmlErrorPtr e)
{
    (void)ctx; (void)e;
}

void qb_xml_init(void)
{
    static int done;
    if (done)
        return;
    done = 1;
    xmlInitParser();
    xmlSetExternalEntityLoader(deny_loader);
    xmlSetGenericErrorFunc(NULL, silent);
    xmlSetStructuredErrorFunc(NULL, silent_structured);
}

qb_status qb_xml_parse_memory(const char *buf, size_t len, xmlDocPtr *out)
{
    *out = NULL;
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
        buf += 3;
        len -= 3;
    }
    if (len > (size_t)0x7fffffff)
        return QB_ERR_LIMIT;
    xmlDocPtr doc = xmlReadMemory(buf, (int)len, "part.xml", NULL, QB_XML_OPTS);
    if (!doc)
        return QB_ERR_FORMAT;
    if (doc->intSubset || doc->extSubset) {
        xmlFreeDoc(doc);
        return QB_ERR_UNSAFE;
    }
    if (!xmlDocGetRootElement(doc)) {
        xmlFreeDoc(doc);
        return QB_ERR_FORMAT;
    }
    *out = doc;
    return QB_OK;
}

int qb_xml_is_w(const xmlChar *ns)
{
    return ns && (strcmp((const char *)ns, "http://schemas.openxmlformats.org/wordprocessingml/2006/main") == 0 ||
                  strcmp((const char *)ns, "http://purl.oclc.org/ooxml/wordprocessingml/main") == 0);
}

int qb_xml_node_is(xmlNodePtr n, const char *local)
{
    return n && n->type == XML_ELEMENT_NODE && n->ns && qb_xml_is_w(n->ns->href) &&
           strcmp((const char *)n->name, local) == 0;
}

xmlNodePtr qb_xml_child(xmlNodePtr n, const char *local)
{
    if (!n)
        return NULL;
    for (xmlNodePtr c = n->children; c; c = c->next)
        if (qb_xml_node_is(c, local))
            return c;
    return NULL;
}

static xmlAttrPtr find_attr(xmlNodePtr n, const char *local)
{
    for (xmlAttrPtr a = n ? n->properties : NULL; a; a = a->next)
        if (strcmp((const char *)a->name, local) == 0 && (!a->ns || qb_xml_is_w(a->ns->href)))
            return a;
    return NULL;
}

xmlChar *qb_xml_attr(xmlNodePtr n, const char *local)
{
    xmlAttrPtr a = find_attr(n, local);
    return a ? xmlNodeGetContent((xmlNodePtr)a) : NULL;
}

int qb_xml_take_buf(xmlChar *v, char *buf, size_t size)
{
    if (!v)
        return 0;
    size_t len = qb_utf8_clip((const char *)v, size - 1);
    memcpy(buf, v, len);
    buf[len] = '\0';
    xmlFree(v);
    return 1;
}

int qb_xml_attr_buf(xmlNodePtr n, const char *local, char *buf, size_t size)
{
    xmlAttrPtr a = find_attr(n, local);
    if (!a)
        return 0;
    /* the usual value, one text node, read in place: no copy made and freed per property
     * of every run (the reader's entities are off, so there is nothing to expand) */
    xmlNodePtr t = a->children;
    if (t && !t->next && t->type == XML_TEXT_NODE && t->content) {
        size_t len = qb_utf8_clip((const char *)t->content, size - 1);
        memcpy(buf, t->content, len);
        buf[len] = '\0';
        return 1;
    }
    return qb_xml_take_buf(xmlNodeGetContent((xmlNodePtr)a), buf, size);
}

int qb_xml_onoff(xmlNodePtr n)
{
    xmlChar *v = qb_xml_attr(n, "val");
    if (!v)
        return 1;
    int on = !(strcmp((char *)v, "0") == 0 || strcmp((char *)v, "false") == 0 ||
               strcmp((char *)v, "off") == 0 || strcmp((char *)v, "none") == 0);
    xmlFree(v);
    return on;
}

xmlTextWriterPtr qb_xml_writer_new(xmlBufferPtr *buf)
{
    *buf = xmlBufferCreate();
    if (!*buf)
        return NULL;
    xmlBufferSetAllocationScheme(*buf, XML_BUFFER_ALLOC_DOUBLEIT);
    xmlTextWriterPtr w = xmlNewTextWriterMemory(*buf, 0);
    if (!w) {
        xmlBufferFree(*buf);
        *buf = NULL;
        return NULL;
    }
    xmlTextWriterSetIndent(w, 1);
    xmlTextWriterSetIndentString(w, BAD_CAST " ");
    return w;
}
