/* check.c — one input through the stages, in process. */
#include "check.h"
#include "docx.h"
#include "lint.h"
#include "sections.h"

#include <stdlib.h>
#include <string.h>

static const char *rule_for(qb_status st)
{
    return st == QB_ERR_ENCRYPTED ? "package.encrypted"
           : st == QB_ERR_LIMIT   ? "package.too-large"
           : st == QB_ERR_UNSAFE  ? "package.format"
                                  : "package.format";
}

qb_status qb_check_docx(const char *path, const qb_edition *ed, qb_check_result *res)
{
    memset(res, 0, sizeof *res);
    char *why = NULL, *why_zh = NULL;
    qb_status st = qb_docx_read(path, &res->doc, &why, &why_zh);
    if (st == QB_ERR_NOMEM) {
        free(why);
        free(why_zh);
        return st;
    }
    if (st != QB_OK) {
        const char *name = qb_basename(path);
        res->reason = qb_asprintf("%s：%s", name, why_zh ? why_zh : "无法读取");
        res->reason_en = qb_asprintf("%s: %s", name, why ? why : qb_status_str(st));
        st = res->reason && res->reason_en
                 ? qb_findings_add(&res->findings, rule_for(st), QB_SEV_ERROR, name, NULL, 0, NULL,
                                   res->reason, res->reason_en)
                 : QB_ERR_NOMEM;
        free(why);
        free(why_zh);
        qb_doc_free(&res->doc);
        return st;
    }
    res->have_doc = 1;
    res->processed = 1;
    if ((st = qb_sections_run(&res->doc, ed)) != QB_OK || (st = qb_lint_run(&res->doc, ed)) != QB_OK)
        return st;
    return qb_findings_extend(&res->findings, &res->doc.findings);
}

void qb_check_result_free(qb_check_result *res)
{
    if (res->have_doc)
        qb_doc_free(&res->doc);
    qb_findings_free(&res->findings);
    free(res->applicant);
    free(res->reason);
    free(res->reason_en);
    memset(res, 0, sizeof *res);
}
