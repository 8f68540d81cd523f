/* form.h — facts from the application form (申报书). For now: the applicant's name,
 * which the package name must match (package.name). */
#ifndef QB_FORM_H
#define QB_FORM_H

#include "model.h"

/* The organisation the form names in a "申报单位 / 单位名称 / 企业名称" field: the cell
 * after such a label in a table row, or the text after "申报单位：" in a paragraph.
 * NULL when the form names none (or on allocation failure). Caller frees. */
char *qb_form_applicant(const qb_doc *form);

#endif
