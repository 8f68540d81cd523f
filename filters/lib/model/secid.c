/* secid.c — names of the write-up's sections. */
#include "secid.h"

#include <string.h>

static const char *const keys[QB_NSEC] = {"title", "abstract", "overview", "practice", "results"};
static const char *const zh[QB_NSEC] = {"标题", "摘要", "企业概况", "推进和应用情况", "实施效果"};
static const char *const en[QB_NSEC] = {"title", "abstract", "company overview",
                                        "deployment and application", "results"};

const char *qb_sec_key(qb_secid s) { return (unsigned)s < QB_NSEC ? keys[s] : "?"; }
const char *qb_sec_name_zh(qb_secid s) { return (unsigned)s < QB_NSEC ? zh[s] : "?"; }
const char *qb_sec_name_en(qb_secid s) { return (unsigned)s < QB_NSEC ? en[s] : "?"; }

int qb_sec_from_key(const char *key)
{
    for (int i = 0; i < QB_NSEC; i++)
        if (strcmp(keys[i], key) == 0)
            return i;
    return -1;
}
