/* model.h — the document model every stage reads and extends (like pandoc's AST).
 *
 * qb-docx fills paragraphs, tables, images and page setup in reading order;
 * qb-sections adds the sections and counts; qb-lint adds findings. The model is
 * written and read as XML (model_xml.c) so each filter runs alone with files in
 * and out, and in-process by qb-check without re-parsing. */
#ifndef QB_MODEL_H
#define QB_MODEL_H

#include "chartdata.h"
#include "findings.h"
#include "qb.h"
#include "secid.h"
#include "shape.h"

/* Where a paragraph sits. */
typedef enum {
    QB_IN_BODY = 0,
    QB_IN_TABLE,    /* a table cell (table/row/cell/depth say which) */
    QB_IN_TEXTBOX,  /* w:txbxContent */
    QB_IN_FOOTNOTE, /* footnote text, placed after the paragraph that references it */
    QB_IN_ENDNOTE
} qb_where;

typedef enum { QB_JC_UNSET = 0, QB_JC_LEFT, QB_JC_CENTER, QB_JC_RIGHT, QB_JC_BOTH, QB_JC_DISTRIBUTE } qb_jc;
typedef enum { QB_LINE_UNSET = 0, QB_LINE_AUTO, QB_LINE_EXACT, QB_LINE_AT_LEAST } qb_line_rule;

#define QB_FONT_MAX 96

/* What a paragraph is, decided once by the section finder (rules/sections.c, roles.c)
 * and used by lint, report and render alike. UNSET: no edition has looked at it yet
 * (qb-docx alone). Where a paragraph sits (body, cell, note) is qb_where, not a role. */
typedef enum {
    QB_PARA_UNSET = 0,
    QB_PARA_EMPTY,          /* no visible text (it may hold a picture: drawings says) */
    QB_PARA_FRONT,          /* before the title: labels such as "附件1" */
    QB_PARA_TITLE,          /* the title (the section's head) */
    QB_PARA_HEADING,        /* a section's heading line; role_sec says which section */
    QB_PARA_SUBHEADING,     /* a heading inside a section (outline level, heading style, "一、…") */
    QB_PARA_BODY,
    QB_PARA_LIST,           /* body text with automatic numbering or bullets */
    QB_PARA_TABLE_CAPTION,  /* "表 1 …", "续表 1", SEQ 表 */
    QB_PARA_FIGURE_CAPTION, /* "图 1 …", SEQ 图 */
    QB_PARA_TOC,            /* a table of contents: its heading (目录) and entries (TOC field or SDT,
                               style TOC 1…9 / table of figures, lines ending in page numbers) */
    QB_PARA_APPENDIX,       /* after the write-up's end (附件, 证明材料 … and what follows) */
    QB_PARA_NROLES
} qb_para_role;

/* "body", "table-caption" …; "" for UNSET. */
const char *qb_para_role_name(qb_para_role r);
/* The role of a name, QB_PARA_UNSET when unknown. */
qb_para_role qb_para_role_parse(const char *name);

/* Effective character formatting of a run, as Word would show it (styles.c). */
typedef struct {
    char font_ea[QB_FONT_MAX];    /* East Asian slot (w:eastAsia, after theme) */
    char font_ascii[QB_FONT_MAX]; /* Latin slot (w:ascii) */
    char font_hansi[QB_FONT_MAX]; /* w:hAnsi */
    int size_hp;                  /* half-points (w:sz); 0 = unknown */
    signed char bold, italic;     /* 0/1 effective; -1 unknown */
    signed char caps, strike;
    signed char hint_ea;          /* w:hint="eastAsia" */
    signed char vanish;           /* hidden text */
    signed char valign;           /* w:vertAlign: 0 baseline, 1 superscript, 2 subscript */
    signed char underline;        /* w:u other than none */
    signed char math;             /* an equation's linear text (OMML): shown, not counted (DESIGN §4) */
    signed char note_ref;         /* 1 footnote, 2 endnote reference: an empty run where the mark is */
    int note_no;                  /* … the note's number (1, 2 … per kind, in reference order) */
} qb_rfmt;

/* Effective paragraph formatting. */
typedef struct {
    char style_id[QB_FONT_MAX];   /* w:pStyle as written */
    char style_name[QB_FONT_MAX]; /* w:name of that style ("heading 1", "标题 1" …) */
    qb_jc jc;
    int line;                     /* w:spacing/@line (240ths of a line for auto, twips otherwise) */
    qb_line_rule line_rule;
    int ind_first;                /* first-line indent in twips (negative = hanging) */
    int ind_first_chars;          /* w:firstLineChars (1/100 character) */
    int outline_lvl;              /* 0-8, -1 = body text */
    int num_id, num_lvl;          /* numbering, -1 when none */
} qb_pfmt;

typedef struct {
    char *text;   /* UTF-8; the run's visible text (tabs as \t, breaks as \n) */
    qb_rfmt f;
} qb_run;

typedef struct {
    char *text;       /* visible text of the paragraph, numbering label included */
    int number;       /* 1-based ordinal of its w:p in the main part (what findings and
                         annotations cite); 0 for footnote/endnote paragraphs */
    size_t label_len; /* bytes at the start of text that come from automatic numbering */
    qb_where where;
    int note;         /* footnote/endnote paragraphs: their note's number (the reference's
                         note_no); 0 not known */
    int table;        /* index into doc->tables, -1 outside tables */
    int row, cell;    /* 0-based position in that table */
    int sect;         /* index into doc->sects of the section holding it */
    int drawings;     /* pictures/charts/shapes anchored in this paragraph (not text boxes) */
    char seq[32];     /* SEQ field identifier in this paragraph (图, 表, Figure …), or "" */
    int in_toc;       /* the reader saw it inside a TOC field's result or a table-of-contents
                         SDT (docPartGallery "Table of Contents"): an entry, not a heading */
    qb_para_role role;
    int role_sec;     /* QB_PARA_TITLE / QB_PARA_HEADING: the section (qb_secid); else -1 */
    qb_pfmt f;
    qb_rfmt mark;     /* the paragraph mark's run properties (for empty paragraphs) */
    qb_run *runs;
    size_t nruns, capruns;
    size_t text_len;  /* strlen(text) once runs are added (kept by qb_para_add_run) */
} qb_para;

typedef struct {
    int parent;       /* enclosing table for nested tables, -1 at top level */
    int depth;        /* 1 for a top-level table */
    int rows, cols;   /* rows seen; the largest cell count of a row */
    size_t first_para, end_para; /* paragraphs [first, end) belong to it (nested included) */
    size_t before_para; /* number of paragraphs before the table started (its caption is at before_para-1) */
    int borders;      /* the table's own borders, QB_TB_* bits; -1 not known (from its style): a grid */
} qb_table;

/* Borders a table sets itself (w:tblBorders; none at all without a style or borders),
 * and the rule under its first row (the first row's w:tcBorders), as a 三线表 has. */
enum { QB_TB_TOP = 1, QB_TB_BOTTOM = 2, QB_TB_LEFT = 4, QB_TB_RIGHT = 8, QB_TB_INSIDE_H = 16,
       QB_TB_INSIDE_V = 32, QB_TB_HEAD_RULE = 64 };

#define QB_PAGE_INVALID (-1L)

typedef struct {
    long w, h;        /* page size in twips (A4 portrait = 11906 x 16838); 0 not set (no
                         w:pgSz: the reader's default paper); QB_PAGE_INVALID written as 0 x 0 */
    int landscape;    /* w:orient="landscape" */
    size_t end_para;  /* the section ends before this paragraph */
} qb_sect;

typedef struct {
    char *part;       /* ZIP part name, e.g. "word/media/image1.png" (NULL: linked, not embedded) */
    char *target;     /* external target for linked images */
    size_t para;      /* the paragraph holding it */
    long cx, cy;      /* extent in EMU; 0 unknown */
    int anchored;     /* wp:anchor rather than wp:inline */
} qb_image;

typedef struct {
    int found;
    size_t head;      /* the heading paragraph (for the title: the title paragraph) */
    size_t first, end;/* body paragraphs [first, end) — the heading line itself excluded */
    long count;       /* 字数 per DESIGN §4 (or chars, per the edition's counting mode) */
    long words, chars;/* both figures */
    long limit;       /* the edition's limit */
    int inline_head;  /* the heading shares its paragraph with text ("摘要：本文……") */
    size_t head_bytes;/* bytes of the head paragraph's text that belong to the heading */
} qb_section;

typedef struct {
    char *source;     /* path of the DOCX it was read from */
    char *file;       /* display name of the document (basename) */
    qb_para *paras;
    size_t npara, cappara;
    qb_table *tables;
    size_t ntable, captable;
    qb_sect *sects;
    size_t nsect, capsect;
    qb_image *images;
    size_t nimage, capimage;
    qb_chart *charts;  /* Word charts (chartdata.h), in reading order */
    size_t nchart, capchart;
    qb_shape *shapes;     /* Word shapes in reading order (shape.h) */
    size_t nshape, capshape;
    int revisions;    /* tracked insertions/deletions seen (read as the final text) */
    int sectioned;    /* qb-sections has run */
    qb_section sec[QB_NSEC];
    qb_findings findings;
} qb_doc;

void qb_doc_init(qb_doc *d);
void qb_doc_free(qb_doc *d);

/* Append an empty paragraph (where/table given) and return its index in *idx. */
qb_status qb_doc_add_para(qb_doc *d, qb_where where, int table, size_t *idx);
/* Append a run to paragraph idx, extending its text. */
qb_status qb_para_add_run(qb_para *p, const char *text, size_t len, const qb_rfmt *f);
void qb_rfmt_init(qb_rfmt *f);
void qb_pfmt_init(qb_pfmt *f);

/* Nonzero when the paragraph has visible text (not only white space). */
int qb_para_has_text(const qb_para *p);

/* Paragraph text without its numbering label. */
static inline const char *qb_para_body(const qb_para *p) { return p->text + p->label_len; }

#endif
