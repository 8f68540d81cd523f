/* chart.h — a Word chart part (word/charts/chartN.xml) read into the model's qb_chart
 * (chartdata.h) from its caches: the kind (bar/column, line, pie, doughnut as pie),
 * the title's text, series names and colours, categories and values. The part is read
 * whole into a DOM with xmlsafe.h's settings. What cannot be read — 3D and other kinds,
 * combinations, missing caches, counts over the bounds — leaves the chart's kind
 * QB_CHART_UNKNOWN (the dossier then shows a placeholder); only running out of memory
 * is an error. */
#ifndef QB_DOCX_CHART_H
#define QB_DOCX_CHART_H

#include "model.h"
#include "opc.h"

/* The memory a document's charts may hold together, values and labels (the bounds of
 * one chart are in chartdata.h): a chart that would take more is not read. */
#define QB_DOCX_MAX_CHART_BYTES (4u << 20)
#define QB_DOCX_MAX_CHARTS 256

/* Fill c (para, part, cx, cy set by the caller) from its part. *used counts the bytes
 * the document's charts hold so far and is raised by what this one takes. */
qb_status qb_chart_load(qb_opc *o, qb_chart *c, size_t *used);

#endif
