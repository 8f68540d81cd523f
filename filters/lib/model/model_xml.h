/* model_xml.h — the document model as XML: the <qb-model version="1"> element (see
 * model_xml.c for its content). The application record (record_xml.h) holds one such
 * element per document; qb_model_write/qb_model_read keep a model alone in a file. */
#ifndef QB_MODEL_XML_H
#define QB_MODEL_XML_H

#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <stdio.h>

#include "model.h"

qb_status qb_model_write(const qb_doc *doc, FILE *out);
/* Reads what qb_model_write wrote (from a file path, "-" = stdin). */
qb_status qb_model_read(const char *path, qb_doc *doc);

/* The <qb-model> element into an open writer, and back from its node (doc is
 * initialised here; released on failure). */
qb_status qb_model_write_xml(xmlTextWriterPtr w, const qb_doc *doc);
qb_status qb_model_read_xml(xmlNodePtr root, qb_doc *doc);
/* One <finding> element, written and read. */
int qb_model_write_finding(xmlTextWriterPtr w, const qb_finding *f);
qb_status qb_model_read_finding(xmlNodePtr n, qb_findings *fs);
/* Attributes as the model writes them (control characters blanked) and reads them
 * (a missing integer is dflt; a missing string NULL; caller frees). */
int qb_model_wattr(xmlTextWriterPtr w, const char *name, const char *v);
int qb_model_wint(xmlTextWriterPtr w, const char *name, long v);
long qb_model_aint(xmlNodePtr n, const char *name, long dflt);
char *qb_model_astr(xmlNodePtr n, const char *name);
/* Parse an XML file safely (path, "-" = stdin); caller frees with xmlFreeDoc. */
qb_status qb_model_parse_file(const char *path, xmlDocPtr *out);

#endif
