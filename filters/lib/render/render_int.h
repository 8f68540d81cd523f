/* render_int.h — the typesetter the dossier's parts share (render_*.c only).
 *
 * The dossier is assembled twice by the same code. In the collect pass nothing is
 * drawn: every text primitive only records which characters each face must supply
 * (and which no face has). The fonts are then subset and embedded, and the draw
 * pass lays out and draws for real. So the parts are written once, as straight-line
 * code, and the fonts hold exactly the glyphs used. */
#ifndef QB_RENDER_INT_H
#define QB_RENDER_INT_H

#include <hpdf.h>

#include "buf.h"
#include "fonts.h"
#include "layout.h"
#include "pdf_merge.h"
#include "render.h"

/* Chinese type sizes in points (seeds/README.md). */
#define RD_ERHAO 22.0f
#define RD_XIAOER 18.0f
#define RD_SANHAO 16.0f
#define RD_SIHAO 14.0f
#define RD_XIAOSI 12.0f
#define RD_WUHAO 10.5f
#define RD_XIAOWU 9.0f

typedef struct {
    qb_font_id font;
    float size;            /* points */
    unsigned char bold;    /* synthetic bold (fill + stroke): neither face has a bold */
    unsigned char gray;    /* 0 black … 100 white, for labels */
    unsigned char italic;  /* synthetic italic (slanted text matrix): no face has one */
    float rise;            /* baseline shift, points (superscript up, subscript down) */
    unsigned char underline;
} rd_style;

typedef enum { RD_LEFT = 0, RD_CENTER, RD_RIGHT, RD_JUSTIFY } rd_align;

typedef struct {
    rd_style st;
    rd_align align;
    float first_indent;    /* points */
    float left_indent;     /* points, whole paragraph */
    float before, after;   /* space above and below, points */
    float leading;         /* line height as a multiple of the largest size on the line */
    int keep_next;         /* keep on the page of the next block (headings, captions) */
} rd_pstyle;

typedef struct {
    const char *s;
    size_t len;
    rd_style st;
} rd_span;

/* A paragraph laid out for a given width (owned arrays). */
typedef struct {
    qb_lchar *ch;
    size_t n, cap;
    rd_style *st;          /* the styles ch[].style points into */
    size_t nst, capst;
    qb_llines lines;
    float *lh;             /* height of each line */
    size_t caplh;
    rd_pstyle ps;
    float width;           /* frame width the lines were broken for */
    float height;          /* before + lines + after */
    unsigned char *note;   /* with noted: per character, the waiting footnote whose mark it
                              is (1 + its index in rd.wait), 0 for the others */
    size_t capnote;
    int noted;
} rd_shaped;

typedef struct rd {
    int collect;           /* 1: collect pass (record characters only) */
    const qb_render_input *in;
    qb_findings *warn;     /* render.* warnings go here */
    size_t warn_from;      /* …from this index on */
    qb_render_stats stats;
    qb_fonts *fonts;
    HPDF_Doc pdf;
    HPDF_Encoder enc;      /* UTF-8, for outline titles */
    HPDF_STATUS hpdf_err;  /* last libharu error, from the handler */
    HPDF_Page page;
    HPDF_Page *pages;
    size_t npages, cappages;
    float pw, ph;          /* page size */
    int landscape;         /* new pages are A4 landscape (a landscape section of a document) */
    float keep_after;      /* room the next picture needs below it (its caption), points */
    float ml, mr, mt, mb;  /* margins */
    float y;               /* top of the free space on the current page */
    /* text state last set on the current page, to skip repeating it */
    HPDF_Font cur_font;
    float cur_size, cur_cs;
    int cur_bold, cur_gray;
    const char *part;      /* the running header's part name */
    char *part_own;        /* … when it names a proof ("证明材料：证书.pdf"), owned */
    HPDF_Outline outline;  /* the current part's bookmark */
    unsigned *missing;     /* characters no face has (collect pass), sorted, unique */
    size_t nmissing, capmissing;
    size_t missing_total;
    /* proof files (parallel to in->proof_files), learnt in the collect pass */
    unsigned *pdf_pages;   /* pages of a proof PDF to place (0: not a PDF, or not shown) */
    unsigned char *shown;  /* drawn as pages: not attached again */
    qb_err *pdf_why;       /* why a proof PDF is not shown (its state when probed) */
    qb_pdf_place *places;  /* proof pages reserved in the draw pass, for qb_pdf_merge */
    size_t nplaces, capplaces;
    qb_buf utf8;           /* scratch for ShowText */
    float *ul;             /* underlines of the line being drawn: x0, x1, y, width … */
    size_t nul, capul;
    rd_shaped scratch;     /* scratch paragraph for body text */
    /* footnotes: those whose marks are in the paragraph being set (rd_para places each
     * with the line holding its mark), and those placed at the foot of this page, whose
     * room is taken from the body by raising mb by foot_h until the page ends */
    rd_shaped *wait;
    size_t nwait, capwait;
    rd_shaped *foot;
    size_t nfoot, capfoot;
    float foot_h;
    const unsigned char *span_note; /* for the spans rd_para gets next: per span, the waiting
                                       footnote whose mark it is (1 + index), or NULL */
} rd;

static inline float rd_width(const rd *r) { return r->pw - r->ml - r->mr; }

/* --- render_text.c: characters, paragraphs, pages ------------------------------ */
rd_pstyle rd_ps(qb_font_id font, float size, rd_align align);
rd_span rd_sp(const char *s, rd_style st);
/* Start a new page (running header drawn). */
qb_status rd_new_page(rd *r);
/* Make sure h points are free below r->y, else start a new page. */
qb_status rd_need(rd *r, float h);
/* Lay a paragraph out for width (collect pass: only record characters). */
qb_status rd_shape(rd *r, const rd_pstyle *ps, const rd_span *sp, size_t n, float width, rd_shaped *out);
void rd_shaped_free(rd_shaped *s);
/* Draw line i of s with its top at y_top in a frame starting at x. */
qb_status rd_draw_line(rd *r, const rd_shaped *s, size_t i, float x, float y_top);
/* A paragraph in the body, broken across pages as needed; a footnote waiting for
 * its mark (rd_foot_wait) goes to the foot of the page its mark's line is set on,
 * and that line to the next page when the note does not fit below it. */
qb_status rd_para(rd *r, const rd_pstyle *ps, const rd_span *sp, size_t n);
qb_status rd_text(rd *r, const rd_pstyle *ps, const char *text);
/* A footnote, laid out, to wait for its mark in the next rd_para (taken over; the
 * mark's span has the returned number in r->span_note). 0 when it cannot be taken. */
size_t rd_foot_wait(rd *r, rd_shaped *note);
/* Drop the notes rd_para did not place. */
void rd_foot_wait_clear(rd *r);
/* Nonzero when waiting note k (rd_foot_wait's number) is still waiting: not placed. */
int rd_foot_waiting(const rd *r, size_t k);
/* The room the waiting notes whose marks are on line i of s need at the foot of this
 * page (the rule above them included); with place, put them there: the body's room
 * shrinks by as much (each note is placed once). */
float rd_foot_line(rd *r, const rd_shaped *s, size_t i, int place);
/* Draw the footnotes placed on the current page at its foot (before a new page, and
 * at the end of the dossier) and give the body its room back. */
qb_status rd_foot_flush(rd *r);
qb_status rd_textf(rd *r, const rd_pstyle *ps, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Vertical space (not carried over a page break). */
void rd_space(rd *r, float h);
/* Start a part of the dossier: a new page whose running header names it, and a
 * top-level bookmark. */
qb_status rd_begin_part(rd *r, const char *title);
/* A part too short for a page of its own (a document that is missing): a
 * top-level bookmark at the current position. */
qb_status rd_begin_part_here(rd *r, const char *title);
/* A bookmark under the current part, pointing at the current position. */
qb_status rd_bookmark(rd *r, const char *title);
/* Thin lines and boxes. */
void rd_line(rd *r, float x1, float y1, float x2, float y2, float w);
void rd_rect(rd *r, float x, float y, float w, float h, float lw, int fill_gray);
/* Record a libharu failure as a qb_status (and clear libharu's error state). */
qb_status rd_hpdf_status(rd *r);
/* Append a render.* warning. */
qb_status rd_warn(rd *r, const char *rule, const char *file, const char *zh, const char *en);

/* --- render_table.c: ruled tables ---------------------------------------------- */
typedef struct {
    rd_pstyle ps;
    rd_span *sp;
    size_t nsp, capsp;
    unsigned char *note;  /* per span: the waiting footnote whose mark it is, as rd.span_note */
    size_t capnote;
    int noted;            /* some span is a waiting footnote's mark */
} rd_cpara;

typedef struct {
    rd_cpara *p;
    size_t n, cap;
    int shade;            /* gray fill (header cells of generated tables) */
} rd_cell;

typedef struct {
    size_t rows, cols;
    rd_cell *cells;       /* rows × cols */
    float *fixed;         /* column widths as shares of the table (NULL: from content) */
    size_t header_rows;   /* repeated at the top of every page the table continues on */
    int borders;          /* QB_TB_* bits (model.h) a document's table sets; -1: a full grid */
    char **owned;         /* copies of generated cell text (rd_cell_text) */
    size_t nowned, capowned;
} rd_grid;

qb_status rd_grid_init(rd_grid *g, size_t rows, size_t cols);
void rd_grid_free(rd_grid *g);
rd_cell *rd_grid_cell(rd_grid *g, size_t row, size_t col);
/* Add a paragraph to a cell; spans are added to it with rd_cpara_span. */
qb_status rd_cell_para(rd_cell *c, const rd_pstyle *ps, rd_cpara **out);
qb_status rd_cpara_span(rd_cpara *p, const char *s, size_t len, rd_style st);
/* … a span that is the mark of waiting footnote `note` (rd_foot_wait's number; 0: none):
 * the note goes to the foot of the page the mark's row is drawn on. */
qb_status rd_cpara_span_note(rd_cpara *p, const char *s, size_t len, rd_style st, unsigned char note);
/* Convenience: a cell holding one paragraph of text. */
qb_status rd_cell_text(rd_grid *g, size_t row, size_t col, const rd_pstyle *ps, const char *text);
qb_status rd_table(rd *r, rd_grid *g);

/* --- render_image.c: pictures -------------------------------------------------- */
/* Draw a PNG or JPEG held in memory, centred, fitted into max_w × max_h points
 * (its natural size, or want_w × want_h when given, never larger than the box).
 * Anything else, or a picture libharu cannot read, becomes a framed placeholder
 * naming it. `what` names the picture in warnings. */
qb_status rd_picture(rd *r, const unsigned char *data, size_t len, float want_w, float want_h,
                     float max_w, float max_h, const char *what, const char *file);
qb_status rd_placeholder(rd *r, float w, float h, const char *label);

/* --- render_chart.c: Word charts ------------------------------------------------ */
/* Draw a chart of the model (qb_chart_drawable) in the flow, centred, at its size in
 * the document fitted to the text width and a page (r->keep_after kept free below). */
qb_status rd_chart(rd *r, const qb_chart *c);
/* --- render_shape.c: Word shapes ---------------------------------------------- */
/* The drawings of Word shapes anchored in paragraph para (d->shapes from *next on, which
 * moves past them), each in a box of its extent below the paragraph. The paragraphs
 * whose text a drawn shape holds are set in claimed (d->npara bytes); *drawn counts the
 * drawn ones that are among the paragraph's drawings (qb_para.drawings), *unknown adds
 * the shapes drawn only as a dashed box (a geometry the dossier does not know). A
 * drawing whose text does not fit is not drawn (its paragraphs stay unclaimed). */
qb_status rd_shapes_para(rd *r, const qb_doc *d, size_t para, size_t *next, unsigned char *claimed, int *drawn,
                         int *unknown);

/* --- render_doc.c: a document of the model ------------------------------------- */
/* Is paragraph i of d in a landscape section? */
int rd_para_landscape(const qb_doc *d, size_t i);
typedef enum { RD_DOC_PLAIN = 0, RD_DOC_OFFICIAL } rd_doc_mode;
qb_status rd_doc(rd *r, const qb_doc *d, rd_doc_mode mode, int bookmarks);
/* A part whose document is missing: a bookmarked heading and a note in the flow. */
qb_status rd_missing_part(rd *r, const char *part, const char *note);

/* --- the parts ------------------------------------------------------------------ */
qb_status rd_part_cover(rd *r);       /* render_cover.c */
qb_status rd_part_summary(rd *r);     /* render_summary.c */
/* The summary's notes on the dossier itself (r->warn from warn_from on); also run at
 * the end of the collect pass, when those notes are known. */
qb_status rd_summary_notes(rd *r);
qb_status rd_part_form(rd *r);        /* render_doc.c */
qb_status rd_form_facts(rd *r);       /* render_form.c: the form's key facts */
qb_status rd_part_writeup(rd *r);     /* render_doc.c */
qb_status rd_part_proof(rd *r);       /* render_proof.c */
qb_status rd_part_scoring(rd *r);     /* render_score.c */
/* render_attach.c */
qb_status rd_attach_all(rd *r);
/* The ASCII name a path is attached under ("01_experience.docx"), or NULL if it is
 * not among the attachments. Caller frees. */
char *rd_attach_name(const rd *r, const char *path);

/* The name a file is known by: its original name in the package, else its base
 * name (render_attach.c). */
const char *rd_orig_name(const rd *r, const char *path);

/* Text helpers shared by the parts (render_text.c). */
const char *rd_status_zh(const char *status);
/* The write-up's title text (质量标杆名称, all its lines), or NULL. Caller frees. */
char *rd_title_text(const qb_doc *d);

#endif
