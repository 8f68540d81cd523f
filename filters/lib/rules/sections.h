/* sections.h — find the write-up's five sections with the edition's patterns (pcre2,
 * UTF + UCP), count each per DESIGN §4, and add section.missing, count.*, title.naming. */
#ifndef QB_SECTIONS_H
#define QB_SECTIONS_H

#include "edition.h"
#include "model.h"

/* Fills doc->sec[] and appends findings to doc->findings. */
qb_status qb_sections_run(qb_doc *doc, const qb_edition *ed);

/* Each paragraph's role by its own text and formatting (roles.c): empty, TOC entry,
 * caption, subheading, list item or body. qb_sections_run does this first, then marks
 * the title, headings, front matter and appendix; documents that have no sections
 * (the form, proof documents) get only this. */
qb_status qb_roles_content(qb_doc *doc, const qb_edition *ed);

/* The title as the reviewer reads it (质量标杆名称): its lines joined, the subtitle
 * included; NULL when no title was found (or out of memory). Caller frees. */
char *qb_sections_title(const qb_doc *doc);

/* Does text s read as a line of a table of contents — text, a leader, a page number at
 * the end ("摘要……1", "一、企业概况\t2")? 0 no; the leader: 1 spaces only, 2 a tab, 3 dots. */
int qb_toc_line(const char *s);

/* The section a paragraph belongs to (body or heading), or -1. */
int qb_sections_of_para(const qb_doc *doc, size_t para);

#endif
