/* render.h — the reviewer's dossier: one normalized, searchable PDF per applicant
 * (qb-render's library half, called in process by qb-check and qb-batch).
 *
 * Contents, each part bookmarked: cover; check summary (status, counts, findings);
 * the application form's text; the write-up re-typeset in the programme's official
 * format (A4, title 黑体 小二 centred, "摘要" 宋体 四号 bold centred, body 宋体 小四
 * single spacing with a two-character first-line indent, ruled tables continued
 * across pages with their header row, figures fitted to the text width with their
 * captions); the proof material (inventory, images as pages, the pages of proof
 * PDFs placed by qpdf (pdf_merge.h), the text of DOCX proofs); the scoring sheet of the
 * edition's [scoring] criteria. Every page has a running header with the applicant's
 * name and 第 N 页 共 M 页. Files go by their original names (name_paths/names): the
 * originals not shown as pages are attached as /Filespec with an ASCII /F and the
 * original name as /UF and in the description.
 *
 * The output depends only on the input: the PDF's dates come from `received`, so a
 * rerun gives the same bytes. */
#ifndef QB_RENDER_H
#define QB_RENDER_H

#include "edition.h"
#include "findings.h"
#include "model.h"
#include "record.h"

typedef struct {
    const qb_doc *experience;               /* the write-up, sections filled; NULL if missing */
    const qb_doc *form;                     /* the application form; NULL if missing */
    const qb_form *fields;                  /* its fields (the key facts table); NULL if not read */
    const qb_doc *const *proof_docs;        /* DOCX proof material */
    size_t nproof_docs;
    const char *const *proof_files;         /* other proof files (images, PDFs …): paths */
    size_t nproof_files;
    const char *const *attach;              /* original files to attach: paths */
    size_t nattach;
    const char *const *name_paths;          /* original names of files by path (a package's */
    const char *const *names;               /* members): shown and attached under them */
    size_t nnames;
    unsigned image_dpi;                     /* pictures above this at their placed size are
                                             * downsampled; 0: 200 */
    const qb_edition *ed;                   /* required */
    const qb_findings *findings;            /* every finding of the package; NULL: the write-up's */
    const char *applicant;                  /* organisation; NULL = unknown */
    const char *package_id;                 /* SHA-256 prefix of the package */
    const char *received;                   /* YYYY-MM-DD (from the input's mtime) */
    const char *scope;                      /* 遴选范围 chosen in the form; NULL = unknown */
    const char *status;                     /* "pass" | "fail" | "error" */
    const char *font_song, *font_hei;       /* TrueType files; NULL = Debian's uming / zenhei */
} qb_render_input;

/* Figures of one run, for the caller's notes and for tests (may be NULL). */
typedef struct {
    unsigned pages;
    unsigned glyphs[5];      /* glyphs embedded: 宋体, 黑体, Latin serif, Latin sans, symbols (fonts.h) */
    unsigned images;         /* pictures drawn */
    unsigned placeholders;   /* pictures that could not be drawn (EMF/WMF, broken, too big) */
    unsigned downsampled;    /* pictures drawn at fewer pixels than they came with (image_dpi) */
} qb_render_stats;

/* Write the dossier to out_pdf (through a temporary file renamed into place).
 * Problems that do not stop the dossier (a character no font has, an EMF figure,
 * an unreadable proof image) are appended to *warnings as findings (rule
 * "render.*", severity warning). QB_ERR_USAGE for bad arguments, QB_ERR_CONFIG when
 * the fonts cannot be found or used (*warnings then also holds the reason),
 * QB_ERR_IO when the PDF cannot be written. */
qb_status qb_render_dossier(const qb_render_input *in, const char *out_pdf, qb_findings *warnings,
                            qb_render_stats *stats);

/* Options of a dossier made from a record; NULL fields take the record's values. */
typedef struct {
    const char *applicant;   /* default: the record's applicant */
    const char *package_id;  /* default: the first 12 hex digits of the input's SHA-256 */
    const char *received;    /* default: the input's modification date (UTC), as recorded */
    const char *font_song, *font_hei;
    unsigned image_dpi;      /* 0: 200 (qb_render_input) */
} qb_render_opts;

/* The dossier of one application record (qb-render, qb-check --pdf, qb-batch). It opens
 * only the files the record names: the DOCX of a document with pictures, proof files,
 * the originals to attach. Statuses as qb_render_dossier. */
qb_status qb_render_record(const qb_record *rec, const qb_edition *ed, const qb_render_opts *o,
                           const char *out_pdf, qb_findings *warnings);
/* The same, from the render module (module.h): for qb-check, which does not link the
 * dossier's libraries. When the module cannot be loaded, QB_ERR_CONFIG with the reason
 * in *warnings (rule render.module). */
qb_status qb_render_record_module(const qb_record *rec, const qb_edition *ed, const qb_render_opts *o,
                                  const char *out_pdf, qb_findings *warnings);

#endif
