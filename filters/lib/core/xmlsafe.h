/* xmlsafe.h — libxml2 set up for hostile input (LIBRARIES.md §4): no entities, no
 * DTD, no network, DOCTYPE rejected; namespace-aware names that accept any prefix. */
#ifndef QB_XMLSAFE_H
#define QB_XMLSAFE_H

#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlreader.h>

#include "qb.h"

/* Parser options every qbintake parse uses. Never NOENT, DTDLOAD, HUGE. */
#define QB_XML_OPTS (XML_PARSE_NONET | XML_PARSE_COMPACT | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)

/* Once per process, before any parse: deny-all entity loader, silent errors. */
void qb_xml_init(void);

/* A writer into a new memory buffer (*buf, freed by the caller after the writer),
 * indenting with one space; the buffer doubles as it grows (libxml2 2.9 grows it by
 * what each write needs, which is quadratic for a big model). NULL when out of memory. */
xmlTextWriterPtr qb_xml_writer_new(xmlBufferPtr *buf);

/* Parse a memory buffer into a DOM; refuses DOCTYPEs (QB_ERR_UNSAFE), skips a UTF-8 BOM. */
qb_status qb_xml_parse_memory(const char *buf, size_t len, xmlDocPtr *out);

/* WordprocessingML namespace test: transitional or strict (ISO 29500) URI. */
int qb_xml_is_w(const xmlChar *ns_uri);
/* Element/attribute in the w: namespace with the given local name. */
int qb_xml_node_is(xmlNodePtr n, const char *local);
/* First child element in w: with that local name, or NULL. */
xmlNodePtr qb_xml_child(xmlNodePtr n, const char *local);
/* The w:-namespaced attribute (or un-namespaced, as some writers emit) value; caller xmlFree()s. */
xmlChar *qb_xml_attr(xmlNodePtr n, const char *local);
/* Same, copied into buf (truncated at a UTF-8 boundary); returns 1 if present. */
int qb_xml_attr_buf(xmlNodePtr n, const char *local, char *buf, size_t size);
/* Copy a libxml2 string into buf (truncated at a UTF-8 boundary) and free it; 0 for NULL. */
int qb_xml_take_buf(xmlChar *v, char *buf, size_t size);
/* OOXML on/off values ("0", "false", "off" are off; absence of w:val is on). */
int qb_xml_onoff(xmlNodePtr n);

#endif
