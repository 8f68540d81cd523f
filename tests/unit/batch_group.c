/* batch_group.c — which packages are versions of one application (qb-batch groups
 * resubmissions by this key): marks of a version come off the end, an organisation's
 * own brackets stay. */
#include <stdlib.h>
#include <string.h>

#include "batch_int.h"
#include "tap.h"

static void key(const char *applicant, const char *display, const char *want, const char *what)
{
    char *got = qb_batch_group_key(applicant, display);
    is_str(got, want, "%s", what);
    free(got);
}

int main(void)
{
    const char *co = "某某有限公司";
    key(co, "x.zip", co, "the form's applicant as it is");
    key("某某 有限公司", "x.zip", co, "white space does not count");
    key(NULL, "某某有限公司.rar", co, "no applicant: the package name without its extension");
    key(NULL, "某某有限公司（修改稿）.rar", co, "（修改稿） comes off");
    key(NULL, "某某有限公司(修改稿).zip", co, "(修改稿) in half-width brackets too");
    key(NULL, "某某有限公司（第二版）.zip", co, "（第二版）");
    key(NULL, "某某有限公司【第3稿】.7z", co, "【第3稿】");
    key(NULL, "某某有限公司-v2.zip", co, "-v2");
    key(NULL, "某某有限公司_V3.zip", co, "_V3");
    key(NULL, "某某有限公司（修订版）（2）.zip", co, "two marks, one after the other");
    key(NULL, "某某有限公司.part1.rar", co, "a volume suffix");
    key("某某有限公司（修改稿）", "x.zip", co, "a mark in the applicant's own name comes off too");
    key("某某（北京）有限公司", "x.zip", "某某（北京）有限公司", "brackets inside the name stay");
    key("某某有限公司（北京）", "x.zip", "某某有限公司（北京）", "an organisation's own bracket at the end stays");
    key("ＡＢＣ有限公司", "x.zip", "ABC有限公司", "full-width letters as ASCII");
    key(NULL, "（修改稿）.zip", "（修改稿）", "a name that is only a mark keeps it");
    return tap_done();
}
