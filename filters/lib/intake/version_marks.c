/* version_marks.c — the marks applicants add to a resubmitted package's name, which are
 * not part of the organisation's name: "某某有限公司（修改稿）.rar", "(v2)", "【第二版】",
 * "-v2", "_修改稿". The package-name check and the batch's grouping of resubmissions
 * both take them off here. */
#include "package.h"

#include <string.h>

/* Words that mark a version rather than name an organisation. */
static const char *const marks[] = {"修改稿", "修改版", "修订稿", "修订版", "更正版", "更正", "补正", "补充",
                                    "重新提交", "重报", "最终版", "最终稿", "终稿", "定稿", "新版", "正式版",
                                    "修改", "修订"};

/* Is [s, s+n) a version mark: one of the words, 第…版 / 第…稿 / 第…次, v2 / V3 / 2? */
static int is_mark(const char *s, size_t n)
{
    for (size_t k = 0; k < sizeof marks / sizeof marks[0]; k++)
        if (strlen(marks[k]) == n && memcmp(s, marks[k], n) == 0)
            return 1;
    if (n > 6 && memcmp(s, "第", 3) == 0 &&
        (memcmp(s + n - 3, "版", 3) == 0 || memcmp(s + n - 3, "稿", 3) == 0 || memcmp(s + n - 3, "次", 3) == 0))
        return n <= 3 + 9 + 3; /* 第 + up to three characters + 版 */
    size_t i = (n && (s[0] == 'v' || s[0] == 'V')) ? 1 : 0;
    if (i == n)
        return 0;
    for (size_t k = i; k < n; k++)
        if (s[k] < '0' || s[k] > '9')
            return 0;
    return i == 1 || n <= 2; /* v2, or a bare number in brackets: （2） */
}

/* Take one trailing mark off b: "（修改稿）", "(v2)", "【第二版】", "-v2", "_修改稿", " v3". */
int qb_name_strip_version(qb_buf *b)
{
    char *s = b->s;
    size_t n = b->len;
    static const char *const closes[] = {"）", ")", "】", "]"}, *const opens[] = {"（", "(", "【", "["};
    for (int k = 0; k < 4; k++) {
        size_t cl = strlen(closes[k]);
        if (n <= cl || memcmp(s + n - cl, closes[k], cl) != 0)
            continue;
        for (size_t o = n - cl; o-- > 0;) {
            for (int j = 0; j < 4; j++) {
                size_t ol = strlen(opens[j]);
                if (o + ol <= n - cl && memcmp(s + o, opens[j], ol) == 0 && o > 0 &&
                    is_mark(s + o + ol, n - cl - o - ol)) {
                    b->len = o;
                    s[o] = '\0';
                    return 1;
                }
            }
        }
        return 0;
    }
    for (size_t o = n; o-- > 1;) { /* "-v2", "_修改稿" */
        if (s[o] != '-' && s[o] != '_')
            continue;
        if (is_mark(s + o + 1, n - o - 1)) {
            b->len = o;
            s[o] = '\0';
            return 1;
        }
        break;
    }
    return 0;
}

