/* form.c — reading the applicant's name off the application form. */
#include "form.h"
#include "buf.h"
#include "count.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

/* Label words, compared after spaces, colons and "（盖章）" are dropped. */
static const char *const labels[] = {"申报单位", "申报单位名称", "申报单位全称", "申请单位", "申请单位名称",
                                     "单位名称", "单位全称", "企业名称", "企业全称", "组织名称",
                                     "申报企业", "申报企业名称", "申报组织名称"};

/* Text without white space, a trailing (盖章)/（盖章）, and (labels only) colons: a
 * value keeps its colons — "=HYPERLINK(\"http://…\")有限公司" is shown as written. */
static char *squeeze_text(const char *s, int drop_colons)
{
    qb_buf b = {0};
    size_t len = strlen(s), i = 0;
    while (i < len) {
        unsigned cp;
        size_t n = qb_utf8_decode(s + i, len - i, &cp);
        if (!n) {
            i++;
            continue;
        }
        if (!qb_cp_is_space(cp) && !(drop_colons && (cp == ':' || cp == 0xFF1A)) && qb_buf_add(&b, s + i, n) != QB_OK) {
            qb_buf_free(&b);
            return NULL;
        }
        i += n;
    }
    char *out = qb_buf_take(&b);
    if (!out)
        return NULL;
    const char *tails[] = {"（盖章）", "(盖章)", "（公章）", "(公章)"};
    for (size_t k = 0; k < 4; k++) {
        size_t ol = strlen(out), tl = strlen(tails[k]);
        if (ol > tl && strcmp(out + ol - tl, tails[k]) == 0)
            out[ol - tl] = '\0';
    }
    return out;
}

static char *squeeze(const char *s)
{
    return squeeze_text(s, 1);
}

static int is_label(const char *text)
{
    char *s = squeeze(text);
    int hit = 0;
    for (size_t k = 0; s && k < sizeof labels / sizeof labels[0] && !hit; k++)
        hit = strcmp(s, labels[k]) == 0;
    free(s);
    return hit;
}

static char *value_or_null(const char *text)
{
    char *v = squeeze_text(text, 0);
    if (v && !*v) {
        free(v);
        return NULL;
    }
    return v;
}

char *qb_form_applicant(const qb_doc *d)
{
    for (size_t i = 0; i < d->npara; i++) {
        const qb_para *p = &d->paras[i];
        const char *t = qb_para_body(p);
        if (p->where == QB_IN_TABLE && is_label(t)) {
            /* the next cell of the same row holds the value */
            for (size_t j = i + 1; j < d->npara; j++) {
                const qb_para *q = &d->paras[j];
                if (q->table != p->table || q->row != p->row)
                    break;
                if (q->cell == p->cell + 1) {
                    char *v = value_or_null(qb_para_body(q));
                    if (v)
                        return v;
                }
                if (q->cell > p->cell + 1)
                    break;
            }
            continue;
        }
        /* "申报单位（盖章）：某某有限公司" in one paragraph or cell */
        const char *colon = strstr(t, "：");
        size_t clen = 3;
        if (!colon) {
            colon = strchr(t, ':');
            clen = 1;
        }
        if (colon && colon - t < 60) {
            char *label = qb_strndup(t, (size_t)(colon - t));
            int hit = label && is_label(label);
            free(label);
            if (hit) {
                char *v = value_or_null(colon + clen);
                if (v)
                    return v;
            }
        }
    }
    return NULL;
}
