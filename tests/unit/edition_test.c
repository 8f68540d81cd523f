/* Unit tests of rule editions: the five shipped editions load; a bad file names its line. */
#define _DEFAULT_SOURCE
#include "edition.h"
#include "tap.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <stdio.h>
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

/* A bad rules file is QB_ERR_CONFIG; the reason holds en (English) and zh (Chinese,
 * NULL: the English needle, for names and numbers) and, in both, the file's name. */
static void expect_error(const char *text, const char *en, const char *zh, const char *what)
{
    char *path = write_tmp(text);
    qb_edition ed;
    qb_err err = {0};
    qb_status st = qb_edition_load(path, &ed, &err);
    ok(st == QB_ERR_CONFIG && err.st == st && strstr(err.en, en) && strstr(err.en, path), "%s (%s)", what,
       st == QB_OK ? "no error" : err.en);
    ok(st == QB_ERR_CONFIG && strstr(err.zh, zh ? zh : en) && strstr(err.zh, path), "… and in Chinese (%s)", err.zh);
    if (st == QB_OK)
        qb_edition_free(&ed);
    unlink(path);
    free(path);
}

/* The reason in full, both languages: file:line, then the key and what it should be. */
static void expect_reason(const char *text, int line, const char *zh, const char *en, const char *what)
{
    char *path = write_tmp(text);
    qb_edition ed;
    qb_err err = {0};
    qb_status st = qb_edition_load(path, &ed, &err);
    char *want_zh = qb_asprintf("%s:%d：%s", path, line, zh), *want_en = qb_asprintf("%s:%d: %s", path, line, en);
    is_int(st, QB_ERR_CONFIG, "%s: a bad rules file", what);
    is_str(err.zh, want_zh, "%s: the Chinese reason names the file and line", what);
    is_str(err.en, want_en, "%s: the English one too, as before", what);
    if (st == QB_OK)
        qb_edition_free(&ed);
    free(want_zh);
    free(want_en);
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
        qb_err err = {0};
        qb_status st = qb_edition_load(names[i], &ed, &err);
        ok(st == QB_OK && err.st == QB_OK, "edition %s loads%s%s", names[i], st ? ": " : "", st ? err.en : "");
        if (st == QB_OK) {
            is_str(ed.name, names[i], "it is named %s", names[i]);
            is_int(ed.limit[QB_SEC_PRACTICE], 8000, "%s: 推进和应用情况 ≤ 8000", names[i]);
            is_int(qb_edition_deadline(&ed), deadlines[i], "%s: the deadline of its seed", names[i]);
            qb_edition_free(&ed);
        }
    }
    qb_edition ed;
    qb_err err = {0};
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
        /* a resident edition (qb-serve, qb-batch) matches through the JIT: the same answers */
        static const char *const heads[] = {"（二）主要做法", "主要做法", "二、 推进", "1.1 背景", "第三章 效果", "\xff（一）"};
        long plain[6];
        for (int i = 0; i < 6; i++) {
            qb_edition_patterns(&ed, "headings", "prefix", &pat);
            plain[i] = qb_patterns_match(&pat, heads[i], strlen(heads[i]), 0, md);
            qb_patterns_free(&pat);
        }
        ok(qb_edition_jit(&ed) == QB_OK && qb_edition_patterns(&ed, "headings", "prefix", &pat) == QB_OK &&
               pat.jit && pat.jit[0] != pat.re[0] && pat.re[0] == qb_edition_regex(x),
           "after qb_edition_jit: anchored JIT code for matching, the loaded code kept for searching");
        int same = 1;
        for (int i = 0; i < 6; i++)
            same &= qb_patterns_match(&pat, heads[i], strlen(heads[i]), 0, md) == plain[i];
        ok(same && plain[0] == (long)strlen("（二）") && plain[1] == -1, "JIT and interpreter give the same ends");
        qb_patterns_free(&pat);
        ok(qb_edition_patterns(&ed, "package", "max_size_mb", &pat) == QB_ERR_USAGE,
           "asking for the patterns of a number key is the caller's mistake");
        pcre2_match_data_free(md);
        qb_edition_free(&ed);
    }
    is_int(qb_size_halfpoints("小二"), 36, "小二 is 18 pt");
    is_int(qb_size_halfpoints("五号"), 21, "五号 is 10.5 pt");
    is_int(qb_size_halfpoints("12pt"), 24, "12pt is 24 half-points");
    is_int(qb_size_halfpoints("大号"), 0, "an unknown size name is refused");
    is_str(qb_size_name(24), "小四", "24 half-points is called 小四");

    const char *head = "[edition]\nname = x\ntitle = x\ncounting = words\n";
    char buf[512];
    snprintf(buf, sizeof buf, "%s[limits]\ntitle = forty\n", head);
    expect_error(buf, ":6: title: expected a whole number", ":6：title 应为不小于 0 的整数", "a non-number limit names line 6");
    snprintf(buf, sizeof buf, "%s[headings]\nabstract = ^摘(要\n", head);
    expect_error(buf, ":6: abstract: invalid regular expression", ":6：abstract 不是有效的正则表达式",
                 "a broken regular expression names its line");
    snprintf(buf, sizeof buf, "%s[limits]\ntitel = 40\n", head);
    expect_error(buf, "unknown key \"titel\" in [limits]", "未知的项“titel”（[limits] 中没有这一项",
                 "a misspelt key is refused");
    snprintf(buf, sizeof buf, "%s[format]\ntitle_size = 大号\n", head);
    expect_error(buf, "title_size", "title_size 应为中文字号", "an unknown Chinese size is refused");
    expect_error("[edition]\nname = x\n", "[edition] has no title", "[edition] 中缺少 title",
                 "a file without the required keys is refused");
    snprintf(buf, sizeof buf, "%s[limits]\ntitle = 40\n", head);
    expect_error(buf, "[limits] has no abstract", "[limits] 中缺少 abstract", "a file without a limit is refused");
    snprintf(buf, sizeof buf, "%s[edition]\ndeadline = 2023-02-29\n", head);
    expect_error(buf, "deadline: expected a date", "deadline 应为日期",
                 "a deadline that is no date (29 February 2023) is refused");
    snprintf(buf, sizeof buf, "%s[edition]\ndeadline = 2023/6/30\n", head);
    expect_error(buf, "deadline", "deadline 应为日期", "a deadline in another format is refused");
    snprintf(buf, sizeof buf, "%sthis line has no equals sign\n", head);
    expect_error(buf, ":5: syntax error (expected key = value)", ":5：无法识别这一行", "a line that is no key = value");
    snprintf(buf, sizeof buf, "%s[edition]\nbase = caq-2023\n", head);
    expect_error(buf, ":6: base must be the first key of [edition]", ":6：base 必须是 [edition] 中的第一项",
                 "base after other keys is refused");

    /* the reason in full, in the secretariat's words and as before in English */
    snprintf(buf, sizeof buf, "%s[format]\nbody_font = 仿宋\ntitle_size = 大号\n", head);
    expect_reason(buf, 7, "title_size 应为中文字号（如 小四）或磅值（如 12pt）",
                  "title_size: expected a Chinese size name (小四) or points (12pt)", "title_size = 大号");
    snprintf(buf, sizeof buf, "%s[document]\nmax_chars = 0\n", head);
    expect_reason(buf, 6, "max_chars 应为 1 到 1000000000 之间的整数",
                  "max_chars: expected a whole number from 1 to 1000000000", "max_chars = 0");

    /* a base that fails: its own file and line, then which base, then where it was named */
    const char *tmp = getenv("TMPDIR");
    char *dir = qb_asprintf("%s/qb-rules-XXXXXX", tmp && *tmp ? tmp : P_tmpdir);
    const char *old = getenv("QB_RULES_DIR");
    char *saved = old ? qb_strdup(old) : NULL;
    if (dir && mkdtemp(dir) && setenv("QB_RULES_DIR", dir, 1) == 0) {
        char *base = qb_asprintf("%s/broken.ini", dir), *mine = qb_asprintf("%s/mine.ini", dir);
        FILE *f = fopen(base, "w");
        if (f) {
            fputs("[edition]\nname = broken\n[format]\ncaption_align = middle\n", f);
            fclose(f);
        }
        f = fopen(mine, "w");
        if (f) {
            fputs("; a copy for next year\n[edition]\nbase = broken\nname = mine\n", f);
            fclose(f);
        }
        qb_err be = {0};
        qb_status st = qb_edition_load("mine", &ed, &be);
        char *zh = qb_asprintf("%s:3：基础规则 broken：%s:4：caption_align 应为 center、left、right、both 或 distribute",
                               mine, base);
        char *en = qb_asprintf("%s:3: base edition broken: %s:4: caption_align: expected center, left, right, "
                               "both or distribute", mine, base);
        is_int(st, QB_ERR_CONFIG, "a bad base makes a bad rules file");
        is_int(be.st, QB_ERR_CONFIG, "… and the reason's status says so");
        is_str(be.zh, zh, "the Chinese reason names both files and lines");
        is_str(be.en, en, "the English reason as before");
        free(zh);
        free(en);
        qb_err_clear(&be);
        f = fopen(mine, "w");
        if (f) {
            fputs("[edition]\nbase = missing\n", f);
            fclose(f);
        }
        st = qb_edition_load("mine", &ed, &be);
        ok(st == QB_ERR_CONFIG && strstr(be.zh, "基础规则 missing：") && strstr(be.zh, "missing.ini：无法打开规则文件") &&
               strstr(be.en, "base edition missing: ") && strstr(be.en, "missing.ini: cannot open rules file"),
           "a base that is not there: said in both languages (%s / %s)", be.zh, be.en);
        unlink(base);
        unlink(mine);
        rmdir(dir);
        free(base);
        free(mine);
    }
    if (saved)
        setenv("QB_RULES_DIR", saved, 1);
    else
        unsetenv("QB_RULES_DIR");
    free(saved);
    free(dir);

    qb_err e2 = {0};
    ok(qb_edition_load("../../etc/passwd", &ed, &e2) != QB_OK, "a path-like name that is no rules file fails");
    qb_err_clear(&e2);
    ok(qb_edition_load("no such edition", &ed, &e2) == QB_ERR_USAGE && e2.st == QB_ERR_USAGE &&
           strstr(e2.zh, "规则版本名“no such edition”只能由 a-z") &&
           strstr(e2.en, "edition name \"no such edition\" may hold only"),
       "an edition name with spaces is refused, in both languages (%s)", e2.zh);
    qb_err_clear(&e2);
    ok(qb_edition_load("nowhere/x.ini", &ed, &e2) == QB_ERR_IO && e2.st == QB_ERR_IO &&
           strcmp(e2.zh, "nowhere/x.ini：无法打开规则文件") == 0 && strcmp(e2.en, "nowhere/x.ini: cannot open rules file") == 0,
       "a rules file that is not there: QB_ERR_IO (%s)", e2.zh);
    /* the first reason is kept; no reason wanted is fine too */
    ok(qb_edition_load("no such edition", &ed, &e2) == QB_ERR_USAGE && e2.st == QB_ERR_IO &&
           strstr(e2.en, "cannot open"), "an earlier reason is kept");
    ok(qb_edition_load("nowhere/x.ini", &ed, NULL) == QB_ERR_IO, "the reason may be NULL");
    return tap_done();
}
