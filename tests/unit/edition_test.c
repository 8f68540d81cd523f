/* Unit tests of rule editions: the five shipped editions load; a bad file names its line. */
#define _DEFAULT_SOURCE
#include "edition.h"
#include "tap.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <stdlib.h>
#include <unistd.h>

static char *write_tmp(const char *text)
{
    char *path = qb_strdup("/tmp/qb-edition-XXXXXX.ini");
    int fd = mkstemps(path, 4);
    if (fd < 0)
        return NULL;
    ssize_t n = write(fd, text, strlen(text));
    close(fd);
    return n == (ssize_t)strlen(text) ? path : NULL;
}

static void expect_error(const char *text, const char *needle, const char *what)
{
    char *path = write_tmp(text);
    qb_edition ed;
    char *err = NULL;
    qb_status st = qb_edition_load(path, &ed, &err);
    ok(st == QB_ERR_CONFIG && err && strstr(err, needle), "%s (%s)", what, err ? err : "no error");
    if (st == QB_OK)
        qb_edition_free(&ed);
    free(err);
    unlink(path);
    free(path);
}

int main(void)
{
    const char *names[] = {"national-2020", "national-2022", "caq-2023", "heilongjiang-2022", "shandong-2022"};
    /* the dates the seeds give for the packages; none in the 2022 national and 2023 CAQ rules */
    const int deadlines[] = {20200626, 0, 0, 0, 20220705};
    for (size_t i = 0; i < 5; i++) {
        qb_edition ed;
        char *err = NULL;
        qb_status st = qb_edition_load(names[i], &ed, &err);
        ok(st == QB_OK, "edition %s loads%s%s", names[i], err ? ": " : "", err ? err : "");
        if (st == QB_OK) {
            is_str(ed.name, names[i], "it is named %s", names[i]);
            is_int(ed.limit[QB_SEC_PRACTICE], 8000, "%s: 推进和应用情况 ≤ 8000", names[i]);
            is_int(qb_edition_deadline(&ed), deadlines[i], "%s: the deadline of its seed", names[i]);
            qb_edition_free(&ed);
        }
        free(err);
    }
    qb_edition ed;
    char *err = NULL;
    if (qb_edition_load("heilongjiang-2022", &ed, &err) == QB_OK) {
        is_int(qb_edition_int(&ed, "eligibility", "profit_years", 0), 2, "Heilongjiang asks two profitable years");
        size_t pos = 0, n = 0;
        while (qb_edition_next(&ed, "scoring", "criterion", &pos))
            n++;
        is_int(n, 10, "Heilongjiang has ten evaluation points (its list replaces the national one)");
        is_int(ed.limit[QB_SEC_TITLE], 40, "the title limit is inherited from the base");
        is_str(qb_edition_font_canonical(&ed, "SimSun"), "宋体", "SimSun is an alias of 宋体");
        is_str(qb_edition_font_canonical(&ed, "simhei"), "黑体", "aliases compare without case");
        is_str(qb_edition_font_canonical(&ed, "仿宋_GB2312"), "仿宋", "仿宋_GB2312 is 仿宋");
        qb_edition_free(&ed);
    }
    free(err);
    err = NULL;
    if (qb_edition_load("caq-2023", &ed, &err) == QB_OK) {
        is_str(qb_edition_get(&ed, "eligibility", "iso9001"), "required", "CAQ 2023 requires ISO 9001");
        is_int(qb_edition_int(&ed, "package", "max_size_mb", 0), 200, "packages are at most 200 MB");
        /* every pattern compiled once, at load, with one set of flags */
        qb_patterns pat;
        ok(qb_edition_patterns(&ed, "headings", "prefix", &pat) == QB_OK && pat.n == 5,
           "the five enumerator patterns come compiled from the edition");
        size_t pos = 0;
        const qb_edition_entry *x = qb_edition_next(&ed, "headings", "prefix", &pos);
        ok(x && pat.n && pat.re[0] == qb_edition_regex(x), "the list holds the edition's own compiled code");
        uint32_t opts = 0;
        if (pat.n)
            pcre2_pattern_info(pat.re[0], PCRE2_INFO_ARGOPTIONS, &opts);
        ok((opts & (PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF | PCRE2_CASELESS)) ==
               (PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF | PCRE2_CASELESS),
           "compiled with UTF, UCP, MATCH_INVALID_UTF and CASELESS");
        pcre2_match_data *md = pcre2_match_data_create(4, NULL);
        is_int(qb_patterns_match(&pat, "（二）主要做法", strlen("（二）主要做法"), 0, md), strlen("（二）"),
               "a match gives its end offset (（二） and no more)");
        is_int(qb_patterns_match(&pat, "主要做法", strlen("主要做法"), 0, md), -1, "no enumerator: -1");
        qb_patterns_free(&pat);
        ok(qb_edition_patterns(&ed, "package", "max_size_mb", &pat) == QB_ERR_USAGE,
           "asking for the patterns of a number key is the caller's mistake");
        pcre2_match_data_free(md);
        qb_edition_free(&ed);
    }
    free(err);
    is_int(qb_size_halfpoints("小二"), 36, "小二 is 18 pt");
    is_int(qb_size_halfpoints("五号"), 21, "五号 is 10.5 pt");
    is_int(qb_size_halfpoints("12pt"), 24, "12pt is 24 half-points");
    is_int(qb_size_halfpoints("大号"), 0, "an unknown size name is refused");
    is_str(qb_size_name(24), "小四", "24 half-points is called 小四");

    const char *head = "[edition]\nname = x\ntitle = x\ncounting = words\n";
    char buf[512];
    snprintf(buf, sizeof buf, "%s[limits]\ntitle = forty\n", head);
    expect_error(buf, ":6:", "a non-number limit names line 6");
    snprintf(buf, sizeof buf, "%s[headings]\nabstract = ^摘(要\n", head);
    expect_error(buf, ":6:", "a broken regular expression names its line");
    snprintf(buf, sizeof buf, "%s[limits]\ntitel = 40\n", head);
    expect_error(buf, "unknown key", "a misspelt key is refused");
    snprintf(buf, sizeof buf, "%s[format]\ntitle_size = 大号\n", head);
    expect_error(buf, "title_size", "an unknown Chinese size is refused");
    expect_error("[edition]\nname = x\n", "has no", "a file without the required keys is refused");
    snprintf(buf, sizeof buf, "%s[edition]\ndeadline = 2023-02-29\n", head);
    expect_error(buf, "deadline", "a deadline that is no date (29 February 2023) is refused");
    snprintf(buf, sizeof buf, "%s[edition]\ndeadline = 2023/6/30\n", head);
    expect_error(buf, "deadline", "a deadline in another format is refused");
    char *e2 = NULL;
    ok(qb_edition_load("../../etc/passwd", &ed, &e2) != QB_OK, "a path-like name that is no rules file fails");
    free(e2);
    e2 = NULL;
    ok(qb_edition_load("no such edition", &ed, &e2) == QB_ERR_USAGE, "an edition name with spaces is refused");
    free(e2);
    return tap_done();
}
