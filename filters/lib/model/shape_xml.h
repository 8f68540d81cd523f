/* shape_xml.h — the model's shapes as XML: one <shape …/> element each (shape_xml.c). */
#ifndef QB_SHAPE_XML_H
#define QB_SHAPE_XML_H

#include <libxml/tree.h>
#include <libxml/xmlwriter.h>

#include "model.h"

/* Every shape of d as a <shape> element; -1 on a writer failure. */
int qb_shapes_write_xml(xmlTextWriterPtr w, const qb_doc *d);
/* One <shape> element, appended to d->shapes. */
qb_status qb_shape_read_xml(xmlNodePtr n, qb_doc *d);
/* The shapes read point inside the model (paragraphs), and there are not too many. */
qb_status qb_shapes_check(const qb_doc *d);

#endif
