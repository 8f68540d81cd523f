/* lint_int.h — what lint.c and lint_caption.c share (not for other modules). */
#ifndef QB_LINT_INT_H
#define QB_LINT_INT_H

#include "buf.h"
#include "lint.h"

/* The edition's requirements, read once. A NULL font / 0 size / -1 flag: not checked. */
typedef struct {
    const char *font;  /* canonical name per [fonts] */
    int hp;            /* half-points */
    int bold;          /* 1 must be bold, -1 unchecked */
    qb_jc jc;          /* QB_JC_UNSET: unchecked */
} lint_want;

typedef struct {
    qb_doc *doc;
    const qb_edition *ed;
    lint_want title, abstract_head, body, caption;
    int single_spacing;     /* line_spacing = single */
    double tol_hp;          /* size tolerance, half-points */
    long stray_pct;
    long quote_first;
} lint_ctx;

/* One offending place of a grouped finding. */
typedef struct {
    size_t para;
    char *quote;
    char *what, *what_en; /* "字体为“仿宋”" / "font is 仿宋" */
} lint_item;

typedef struct {
    lint_item *v;
    size_t n, cap;
    long bad, total;      /* extent: how much of what the rule looked at is broken */
} lint_group;

qb_status lint_group_add(lint_group *g, size_t para, const char *quote,
                         const char *what, const char *what_en);
/* Emit the group as one finding (nothing when empty) and empty it. sec < 0: no section.
 * label opens the message ("企业概况"); want: the required value ("“宋体”"), NULL when
 * the items say it themselves. force_error: an error whatever the extent. */
qb_status lint_group_emit(lint_ctx *c, lint_group *g, const char *rule, int sec, const char *label,
                          const char *label_en, const char *want, const char *want_en, int force_error);
void lint_group_free(lint_group *g);

/* Section (qb_secid) of a body paragraph when it is part of the write-up proper
 * (abstract … results), else -1. */
int lint_body_section(const lint_ctx *c, size_t para);

/* Per-character checks over bytes [from, to) of a paragraph's text. */
typedef struct {
    long font_total, font_bad;
    long size_total, size_bad;
    long bold_total, bold_bad;
    char bad_font[QB_FONT_MAX];  /* the most frequent wrong font */
    int bad_hp;                  /* the most frequent wrong size */
    size_t bad_run;              /* first run with a problem, or (size_t)-1 */
    size_t font_run, size_run;   /* first run in a wrong font / size, or (size_t)-1 */
} lint_span;
void lint_span_check(const lint_ctx *c, const qb_para *p, size_t from, size_t to,
                     const lint_want *w, lint_span *s);

/* What is wrong with bytes [from, to) of paragraph i under every part of w, appended
 * to zh / en as "字体为“宋体”（应为“黑体”）、…" (nothing when all is right). *jc_bad is
 * set when the alignment is wrong; inline_head: a heading sharing its paragraph. */
qb_status lint_describe(lint_ctx *c, size_t i, size_t from, size_t to, const lint_want *w, int inline_head,
                        qb_buf *zh, qb_buf *en, lint_span *s, int *jc_bad);

/* "小四" or "10.5 磅" into buf. */
const char *lint_size_name(int hp, char *buf, size_t size);
const char *lint_jc_name(qb_jc jc);
const char *lint_jc_name_en(qb_jc jc);
/* A short quote of a paragraph (from byte off), caller frees. */
char *lint_quote(const char *s, size_t max_cp);

/* Caption kinds. */
enum { LINT_CAP_TABLE = 0, LINT_CAP_FIGURE = 1 };
/* LINT_CAP_TABLE / LINT_CAP_FIGURE when the paragraph's role is a caption, else -1. */
int lint_caption_kind(const qb_para *p);
/* format.caption-position, format.caption-style, format.caption-numbering */
qb_status lint_captions(lint_ctx *c);

#endif
