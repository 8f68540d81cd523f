/* omml.h — an Office Math (OMML) equation as linear text: a + b = c, fractions as
 * a/b, sub- and superscripts as lowered and raised pieces (model.h's valign), so the
 * dossier can set them smaller and off the baseline. */
#ifndef QB_OMML_H
#define QB_OMML_H

#include <libxml/tree.h>

#include "buf.h"

#define QB_NS_M "http://schemas.openxmlformats.org/officeDocument/2006/math"

/* A stretch of the linear text on one level (0 baseline, 1 raised, 2 lowered), italic
 * or upright: Word sets a math variable italic, numbers, operators and function names
 * upright (ECMA-376 Part 1, §22.1.2.90 sty, §22.1.2.73 nor). */
typedef struct {
    qb_buf text;
    int valign;
    int italic;
} qb_omml_piece;

typedef struct {
    qb_omml_piece *v;
    size_t n, cap;
} qb_omml;

/* Is this element m:oMath or m:oMathPara? */
int qb_omml_is_math(xmlNodePtr n);
/* Append the linear text of m:oMath / m:oMathPara n to *out (pieces of one level and
 * slant are merged). A nesting deeper than the reader follows is taken as its plain text. */
qb_status qb_omml_linear(xmlNodePtr n, qb_omml *out);
void qb_omml_free(qb_omml *m);

#endif
