/* model.c — allocation and release of the document model. */
#include "model.h"
#include "count.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

void qb_rfmt_init(qb_rfmt *f)
{
    memset(f, 0, sizeof *f);
    f->bold = f->italic = f->caps = f->strike = f->vanish = -1;
    f->hint_ea = 0;
}

void qb_pfmt_init(qb_pfmt *f)
{
    memset(f, 0, sizeof *f);
    f->outline_lvl = -1;
    f->num_id = f->num_lvl = -1;
}

void qb_doc_init(qb_doc *d)
{
    memset(d, 0, sizeof *d);
}

void qb_doc_free(qb_doc *d)
{
    for (size_t i = 0; i < d->npara; i++) {
        qb_para *p = &d->paras[i];
        for (size_t r = 0; r < p->nruns; r++)
            free(p->runs[r].text);
        free(p->runs);
        free(p->text);
    }
    free(d->paras);
    free(d->tables);
    free(d->sects);
    for (size_t i = 0; i < d->nimage; i++) {
        free(d->images[i].part);
        free(d->images[i].target);
    }
    free(d->images);
    for (size_t i = 0; i < d->nchart; i++)
        qb_chart_clear(&d->charts[i]);
    free(d->charts);
    free(d->shapes);
    free(d->source);
    free(d->file);
    qb_findings_free(&d->findings);
    memset(d, 0, sizeof *d);
}

qb_status qb_doc_add_para(qb_doc *d, qb_where where, int table, size_t *idx)
{
    qb_status st = qb_grow((void **)&d->paras, &d->cappara, d->npara + 1, sizeof *d->paras);
    if (st != QB_OK)
        return st;
    qb_para *p = &d->paras[d->npara];
    memset(p, 0, sizeof *p);
    p->text = qb_strdup("");
    if (!p->text)
        return QB_ERR_NOMEM;
    p->where = where;
    p->table = table;
    p->sect = (int)d->nsect;
    p->role_sec = -1;
    qb_pfmt_init(&p->f);
    qb_rfmt_init(&p->mark);
    *idx = d->npara++;
    return QB_OK;
}

qb_status qb_para_add_run(qb_para *p, const char *text, size_t len, const qb_rfmt *f)
{
    /* Most paragraphs have a run or two: start with room for one, then double. From
     * qb_grow's first 8 a one-run paragraph cost 2.5 KB of runs (1.5 million of them 4.7 GB). */
    if (!p->capruns) {
        if (!(p->runs = malloc(sizeof *p->runs)))
            return QB_ERR_NOMEM;
        p->capruns = 1;
    }
    qb_status st = qb_grow((void **)&p->runs, &p->capruns, p->nruns + 1, sizeof *p->runs);
    if (st != QB_OK)
        return st;
    /* text holds the label (set before any run) and then the runs: its length is
     * tracked so that a paragraph of many runs is not quadratic to build */
    size_t old = p->nruns ? p->text_len : strlen(p->text);
    char *nt = realloc(p->text, old + len + 1);
    if (!nt)
        return QB_ERR_NOMEM;
    memcpy(nt + old, text, len);
    nt[old + len] = '\0';
    p->text = nt;
    p->text_len = old + len;
    qb_run *r = &p->runs[p->nruns];
    r->text = qb_strndup(text, len);
    if (!r->text)
        return QB_ERR_NOMEM;
    if (f)
        r->f = *f;
    else
        qb_rfmt_init(&r->f);
    p->nruns++;
    return QB_OK;
}

static const char *const role_names[QB_PARA_NROLES] = {
    "", "empty", "front", "title", "heading", "subheading", "body", "list",
    "table-caption", "figure-caption", "toc", "appendix"};

const char *qb_para_role_name(qb_para_role r)
{
    return (unsigned)r < QB_PARA_NROLES ? role_names[r] : "";
}

qb_para_role qb_para_role_parse(const char *name)
{
    for (int r = 1; r < QB_PARA_NROLES; r++)
        if (strcmp(name, role_names[r]) == 0)
            return (qb_para_role)r;
    return QB_PARA_UNSET;
}

int qb_para_has_text(const qb_para *p)
{
    const char *s = p->text;
    return s[qb_skip_space(s, strlen(s), 0)] != '\0';
}
