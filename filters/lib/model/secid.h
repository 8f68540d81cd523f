/* secid.h — the five parts of the typical-experience write-up (DESIGN §2 "counts"). */
#ifndef QB_SECID_H
#define QB_SECID_H

typedef enum {
    QB_SEC_TITLE = 0,  /* 质量标杆名称 (the title line) */
    QB_SEC_ABSTRACT,   /* 摘要 */
    QB_SEC_OVERVIEW,   /* 企业概况 */
    QB_SEC_PRACTICE,   /* 管理方法（技术）的推进和应用情况 */
    QB_SEC_RESULTS,    /* 管理方法（技术）的实施效果 */
    QB_NSEC
} qb_secid;

/* "title", "abstract", "overview", "practice", "results" */
const char *qb_sec_key(qb_secid s);
/* "标题", "摘要", "企业概况", "推进和应用情况", "实施效果" */
const char *qb_sec_name_zh(qb_secid s);
const char *qb_sec_name_en(qb_secid s);
/* -1 when key is not a section key */
int qb_sec_from_key(const char *key);

#endif
