/* findings.h — what a check found: rule id (DESIGN §3), severity, bilingual message, location. */
#ifndef QB_FINDINGS_H
#define QB_FINDINGS_H

#include "qb.h"

typedef enum { QB_SEV_INFO = 0, QB_SEV_WARNING = 1, QB_SEV_ERROR = 2 } qb_severity;

typedef struct {
    char *rule;       /* e.g. "count.abstract" */
    qb_severity severity;
    char *message;    /* Chinese, for the applicant */
    char *message_en; /* English, for --lang en */
    char *file;       /* document the finding is in, or NULL */
    char *section;    /* "abstract" …, or NULL */
    int paragraph;    /* 1-based paragraph number in the document, 0 if none */
    char *excerpt;    /* a short quote of the offending text, or NULL */
} qb_finding;

typedef struct {
    qb_finding *v;
    size_t n, cap;
} qb_findings;

/* Append a finding; strings are copied, NULL is allowed for the optional ones. */
qb_status qb_findings_add(qb_findings *fs, const char *rule, qb_severity sev,
                          const char *file, const char *section, int paragraph,
                          const char *excerpt, const char *message, const char *message_en);
/* Append copies of every finding of src. */
qb_status qb_findings_extend(qb_findings *fs, const qb_findings *src);
size_t qb_findings_count(const qb_findings *fs, qb_severity sev);
int qb_findings_has_rule(const qb_findings *fs, const char *rule);
const char *qb_severity_name(qb_severity s);     /* "error" … */
const char *qb_severity_name_zh(qb_severity s);  /* "错误" … */
int qb_severity_parse(const char *s, qb_severity *out);
void qb_findings_free(qb_findings *fs);

#endif
