/* chart_xml.h — a chart of the model as XML (one <chart> element of <qb-model>):
 *
 *   <chart para= part= cx= cy= kind= stacked= show-val= title=>
 *     <cat>label</cat>…                     one per category
 *     <ser name= color=>v v …</ser>…        color RRGGBB or ""; values as %.15g (%.17g when
 *                                           that does not read back exactly), "-" for none
 *   </chart> */
#ifndef QB_CHART_XML_H
#define QB_CHART_XML_H

#include <libxml/tree.h>
#include <libxml/xmlwriter.h>

#include "model.h"

/* 0, or -1 when the writer failed. */
int qb_chart_write_xml(xmlTextWriterPtr w, const qb_chart *c);
/* Appends the chart of element n to d (bounds as the DOCX reader's; indices checked
 * by the caller). */
qb_status qb_chart_read_xml(xmlNodePtr n, qb_doc *d);

#endif
