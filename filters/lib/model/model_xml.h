/* model_xml.h — the document model as an XML file, so each filter runs alone with
 * files in and out (qb-docx > model.xml; qb-sections < model.xml > model2.xml …).
 * Root <qb-model version="1">; see model_xml.c for the elements. */
#ifndef QB_MODEL_XML_H
#define QB_MODEL_XML_H

#include <stdio.h>

#include "model.h"

qb_status qb_model_write(const qb_doc *doc, FILE *out);
/* Reads what qb_model_write wrote (from a file path, "-" = stdin). */
qb_status qb_model_read(const char *path, qb_doc *doc);

#endif
