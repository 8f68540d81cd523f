/* err.h — how an error and its reason travel, in every module: a status (qb.h) plus
 * one reason for people, in Chinese and in English, in one small struct the caller
 * owns. Fixed-size text, so reporting an error never needs memory of its own.
 *
 *     qb_err e = {0};
 *     if (qb_docx_read(path, &doc, &e) != QB_OK)
 *         fprintf(stderr, "qb-docx: %s\n", qb_err_text(&e, lang_en));
 *
 * The first reason set is kept: the innermost failure knows most about what went
 * wrong, and callers above it add where (qb_err_prefix), never a vaguer reason. */
#ifndef QB_ERR_H
#define QB_ERR_H

#include "qb.h"

#define QB_ERR_TEXT 320

typedef struct {
    qb_status st;          /* QB_OK while nothing failed */
    char zh[QB_ERR_TEXT];  /* "文件已损坏（ZIP 中央目录不完整）" */
    char en[QB_ERR_TEXT];  /* "corrupt file (incomplete ZIP central directory)" */
} qb_err;

/* Record a failure in e (which may be NULL) unless one is already recorded, and
 * return st, so a failing path reads `return qb_err_set(e, QB_ERR_FORMAT, "…", "…");`.
 * zh_fmt and en_fmt are printf formats taking the same arguments. */
qb_status qb_err_set(qb_err *e, qb_status st, const char *zh_fmt, const char *en_fmt, ...)
    __attribute__((format(printf, 3, 5)));
/* A status with no better reason than its generic one (out of memory …). */
qb_status qb_err_status(qb_err *e, qb_status st);
/* Put where it happened in front of the reason: "典型经验材料.docx：" / "x.docx: ". */
void qb_err_prefix(qb_err *e, const char *zh_fmt, const char *en_fmt, ...)
    __attribute__((format(printf, 2, 4)));
/* The reason in one language (never NULL; the generic text when none was set). */
const char *qb_err_text(const qb_err *e, int en);
void qb_err_clear(qb_err *e);

/* Generic reasons of each status, in both languages. */
const char *qb_status_zh(qb_status s);

#endif
