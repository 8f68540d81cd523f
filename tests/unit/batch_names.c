/* batch_names.c — the names qb-batch derives from inbox entries: outbox folders
 * (safe, and never shared by two inputs), names for people, URLs, CSV fields. */
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "tap.h"

static void folder(const char *name, const char *want, const char *what)
{
    char *got = qb_batch_folder_name(name);
    is_str(got, want, "folder of %s: %s", what, want);
    free(got);
}

static void display(const char *name, const char *want, const char *what)
{
    char *got = qb_batch_display_name(name);
    is_str(got, want, "display of %s", what);
    free(got);
}

static void csv(const char *s, const char *want, const char *what)
{
    char *got = qb_batch_csv_field(s);
    is_str(got, want, "CSV: %s", what);
    free(got);
}

int main(void)
{
    /* folders */
    folder("某某精工机械制造有限公司.rar", "某某精工机械制造有限公司.rar", "a Chinese name, kept");
    folder("某某（集团）有限公司 2024.zip", "某某（集团）有限公司 2024.zip", "brackets and a space, kept");
    folder("a\nb", "a%0Ab", "a control character");
    folder("a\\b:c*d?e\"f<g>h|i", "a%5Cb%3Ac%2Ad%3Fe%22f%3Cg%3Eh%7Ci", "what Windows forbids");
    folder("100%.rar", "100%25.rar", "a percent sign (so that escapes stay unambiguous)");
    folder("100%25.rar", "100%2525.rar", "a name that looks escaped");
    folder(".hidden.rar", "%2Ehidden.rar", "a leading dot");
    folder("name.", "name%2E", "a trailing dot");
    folder("name ", "name%20", "a trailing space");
    folder("summary.csv", "summary%2Ecsv", "the summary's own file name");
    folder("INDEX.HTML", "INDEX%2EHTML", "a summary name in capitals");
    folder("summary.csv.rar", "summary.csv.rar", "a name that only starts like one");
    folder("\xc4\xb3\xc4\xb3\xd3\xd0\xcf\xde\xb9\xab\xcb\xbe.zip", "某某有限公司.zip%gbk", "a GBK name, decoded and marked");
    folder("\xff\xfe.rar", "%FF%FE.rar", "bytes that decode in no way");
    folder("a\xe2\x80\xae" "b", "a%E2%80%AEb", "a right-to-left override");
    /* a long name is cut on a character and ends with a hash; two of them differ */
    char longa[241], longb[241];
    for (int i = 0; i < 80; i++) {
        memcpy(longa + 3 * i, "公", 3);
        memcpy(longb + 3 * i, "公", 3);
    }
    longa[240] = longb[240] = '\0';
    memcpy(longb + 237, "司", 3);
    char *fa = qb_batch_folder_name(longa), *fb = qb_batch_folder_name(longb);
    ok(fa && strlen(fa) <= 200, "a 240-byte name gives a folder of at most 200 bytes (%zu)", fa ? strlen(fa) : 0);
    ok(fa && strstr(fa, "%~") && strlen(strstr(fa, "%~")) == 18, "ending %%~ and 16 hex digits");
    ok(fa && fb && strcmp(fa, fb) != 0, "two long names that differ only at the end get two folders");
    ok(fa && strncmp(fa, longa, strlen(fa) - 18) == 0, "the cut keeps whole characters");
    free(fa);
    free(fb);
    /* injectivity over names that escape into one another */
    const char *names[] = {"a:b", "a%3Ab", "a_b", "summary.csv", "summary%2Ecsv", ".x", "%2Ex", "x.", "x%2E"};
    size_t n = sizeof names / sizeof names[0];
    char *f[sizeof names / sizeof names[0]];
    for (size_t i = 0; i < n; i++)
        f[i] = qb_batch_folder_name(names[i]);
    int clash = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            clash |= !f[i] || !f[j] || strcmp(f[i], f[j]) == 0;
    ok(!clash, "nine names that escape into one another keep nine folders");
    for (size_t i = 0; i < n; i++)
        free(f[i]);

    /* names for people */
    display("某某有限公司.rar", "某某有限公司.rar", "a UTF-8 name");
    display("\xc4\xb3\xc4\xb3\xd3\xd0\xcf\xde\xb9\xab\xcb\xbe.zip", "某某有限公司.zip", "a GBK name");
    display("a\nb", "a\xef\xbf\xbd" "b", "a control character (U+FFFD)");

    /* URLs */
    char *u = qb_batch_url("某 a%25.rar");
    is_str(u, "%E6%9F%90%20a%2525.rar", "a folder name as a URL path");
    free(u);

    /* CSV */
    csv("plain", "plain", "plain text as it is");
    csv("a,b", "\"a,b\"", "a comma: quoted");
    csv("say \"hi\"", "\"say \"\"hi\"\"\"", "quotes doubled inside quotes");
    csv("two\r\nlines", "\"two\r\nlines\"", "a line break: quoted");
    csv("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"", "a formula is defused and quoted");
    csv("-1+1", "'-1+1", "a leading minus is defused");
    csv("\t=1+1", "'\t=1+1", "a leading tab is defused");
    csv("\r=1+1", "\"'\r=1+1\"", "a leading carriage return is defused (and quoted)");
    csv("@SUM(A1)", "'@SUM(A1)", "a leading @ is defused");
    csv("", "", "an empty field");
    csv("某某，有限公司", "某某，有限公司", "a full-width comma needs no quotes");
    return tap_done();
}
