/* findings.c — the list of findings every stage appends to. */
#include "findings.h"

#include <stdlib.h>
#include <string.h>

static qb_status dup_opt(char **dst, const char *src)
{
    *dst = NULL;
    if (!src)
        return QB_OK;
    *dst = qb_strdup(src);
    return *dst ? QB_OK : QB_ERR_NOMEM;
}

static void finding_free(qb_finding *f)
{
    free(f->rule);
    free(f->message);
    free(f->message_en);
    free(f->file);
    free(f->section);
    free(f->excerpt);
}

qb_status qb_findings_add(qb_findings *fs, const char *rule, qb_severity sev,
                          const char *file, const char *section, int paragraph,
                          const char *excerpt, const char *message, const char *message_en)
{
    qb_status st = qb_grow((void **)&fs->v, &fs->cap, fs->n + 1, sizeof *fs->v);
    if (st != QB_OK)
        return st;
    qb_finding f = {0};
    f.severity = sev;
    f.paragraph = paragraph;
    if (dup_opt(&f.rule, rule) || dup_opt(&f.message, message) ||
        dup_opt(&f.message_en, message_en ? message_en : message) || dup_opt(&f.file, file) ||
        dup_opt(&f.section, section) || dup_opt(&f.excerpt, excerpt)) {
        finding_free(&f);
        return QB_ERR_NOMEM;
    }
    fs->v[fs->n++] = f;
    return QB_OK;
}

qb_status qb_findings_extend(qb_findings *fs, const qb_findings *src)
{
    for (size_t i = 0; i < src->n; i++) {
        const qb_finding *f = &src->v[i];
        qb_status st = qb_findings_add(fs, f->rule, f->severity, f->file, f->section,
                                       f->paragraph, f->excerpt, f->message, f->message_en);
        if (st != QB_OK)
            return st;
    }
    return QB_OK;
}

size_t qb_findings_count(const qb_findings *fs, qb_severity sev)
{
    size_t n = 0;
    for (size_t i = 0; i < fs->n; i++)
        if (fs->v[i].severity == sev)
            n++;
    return n;
}

int qb_findings_has_rule(const qb_findings *fs, const char *rule)
{
    for (size_t i = 0; i < fs->n; i++)
        if (strcmp(fs->v[i].rule, rule) == 0)
            return 1;
    return 0;
}

const char *qb_severity_name(qb_severity s)
{
    return s == QB_SEV_ERROR ? "error" : s == QB_SEV_WARNING ? "warning" : "info";
}

const char *qb_severity_name_zh(qb_severity s)
{
    return s == QB_SEV_ERROR ? "错误" : s == QB_SEV_WARNING ? "警告" : "提示";
}

int qb_severity_parse(const char *s, qb_severity *out)
{
    for (int i = QB_SEV_INFO; i <= QB_SEV_ERROR; i++)
        if (strcmp(s, qb_severity_name((qb_severity)i)) == 0) {
            *out = (qb_severity)i;
            return 1;
        }
    return 0;
}

void qb_findings_free(qb_findings *fs)
{
    for (size_t i = 0; i < fs->n; i++)
        finding_free(&fs->v[i]);
    free(fs->v);
    fs->v = NULL;
    fs->n = fs->cap = 0;
}
