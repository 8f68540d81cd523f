/* lint.h — the programme's format rules (DESIGN §3 format.*), checked on the model
 * whose formatting styles.c resolved as Word shows it.
 *
 * Rules and what they look at (every required value comes from the edition's
 * [format] and [fonts]; a rule whose keys are absent is not checked):
 *   format.page              every w:sectPr: A4, portrait (page = A4 portrait)
 *   format.title             the title paragraph: title_font / title_size / title_align
 *   format.abstract-heading  "摘要": abstract_heading_font / _size / _bold / _align
 *   format.body-font         abstract and body text: body_font (East Asian slot for
 *   format.body-size           Chinese; Latin text only when set in another Chinese
 *   format.line-spacing        font), body_size, line_spacing
 *   format.caption-position  table caption directly above its table, figure caption
 *                            directly below its figure; a missing caption too
 *   format.caption-style     caption_font / caption_size / caption_bold / caption_align
 *   format.caption-numbering per kind 1, 2, 3 … or 2-1, 2-2 …: gaps, repeats, mixed schemes
 * Body text means body paragraphs of the abstract, overview, practice and results
 * sections, without headings (outline level, heading style, or a short line opening
 * with a [headings] prefix), captions, table cells, text boxes and notes.
 * Findings are grouped: one per rule and section, quoting the first quote_first
 * paragraphs, then "另有 N 处". A rule broken in less than stray_share_percent of
 * what it looks at is a warning, otherwise an error. */
#ifndef QB_LINT_H
#define QB_LINT_H

#include "edition.h"
#include "model.h"

/* Append the format findings to doc->findings. Run qb_sections_run first: without
 * sections only format.page is checked. */
qb_status qb_lint_run(qb_doc *doc, const qb_edition *ed);

#endif
