#define _DEFAULT_SOURCE
/* Unit tests of the form's values: the 统一社会信用代码 check (GB 32100-2015), amounts,
 * dates, yes/no answers, labels, and the 遴选范围 as applicants write it. */
#include "edition.h"
#include "form.h"
#include "record.h"
#include "tap.h"

#include <math.h>
#include <stdlib.h>
#include <unistd.h>

/* A rules file with a bad [form] line is refused, naming the line and the key. */
static void bad_form_rules(const char *line, const char *needle, const char *zh_needle)
{
    const char *dir = getenv("TMPDIR");
    char *path = qb_asprintf("%s/qb-form-rules-XXXXXX.ini", dir && *dir ? dir : P_tmpdir);
    int fd = path ? mkstemps(path, 4) : -1;
    char *text = qb_asprintf("[edition]\nbase = caq-2023\nname = x\n[form]\n%s\n", line);
    ok(fd >= 0 && text && write(fd, text, strlen(text)) == (ssize_t)strlen(text), "rules file written");
    if (fd >= 0)
        close(fd);
    qb_edition ed;
    qb_err err = {0};
    qb_status st = qb_edition_load(path, &ed, &err);
    ok(st == QB_ERR_CONFIG && err.st == st && strstr(err.en, ":5: ") && strstr(err.en, needle),
       "[form] %s is refused (%s)", line, st == QB_OK ? "loaded" : err.en);
    ok(st == QB_ERR_CONFIG && strstr(err.zh, ":5：") && strstr(err.zh, zh_needle), "and in Chinese (%s)", err.zh);
    if (st == QB_OK)
        qb_edition_free(&ed);
    free(text);
    if (path)
        unlink(path);
    free(path);
}

static void code_ok(const char *c, const char *what)
{
    const char *why = qb_credit_code_problem(c);
    ok(!why, "valid code %s (%s)%s%s", c, what, why ? ": " : "", why ? why : "");
}

static void code_bad(const char *c, const char *want, const char *what)
{
    const char *why = qb_credit_code_problem(c);
    ok(why && strstr(why, want), "invalid code %s: %s (%s)", c, what, why ? why : "accepted");
}

static void amount(const char *s, const char *unit, double want, int loss)
{
    double w;
    int l;
    int r = qb_form_amount(s, unit, &w, &l);
    ok(r && l == loss && (isnan(want) ? isnan(w) : fabs(w - want) < 1e-6), "amount \"%s\" = %g 万元%s (got %g, loss %d)",
       s, want, loss ? ", a loss" : "", w, l);
}

static void label(const char *s, const char *want, int year, const char *unit)
{
    int y;
    char u[16];
    char *n = qb_form_label_norm(s, &y, u);
    ok(n && !strcmp(n, want) && y == year && !strcmp(u, unit), "label \"%s\" → \"%s\" year %d unit \"%s\" (got \"%s\" %d \"%s\")",
       s, want, year, unit, n ? n : "", y, u);
    free(n);
}

int main(void)
{
    /* GB 32100-2015: weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28, mod 31; the
     * valid codes' check digits were computed by hand from the standard, not by this code */
    code_ok("91350100M000100Y43", "the standard's example");
    code_ok("91110000600037341L", "check digit L");
    code_ok("91230100MA1B2C3D49", "letters in the body");
    code_ok("91110108551385082Q", "check digit Q");
    code_bad("91350100M000100Y44", "校验码", "wrong check digit");
    code_bad("91110000600037341K", "校验码", "check digit off by one letter");
    code_bad("91350100MO00100Y43", "字符集", "an O");
    code_bad("91350100MI00100Y43", "字符集", "an I");
    code_bad("91350100MZ00100Y43", "字符集", "a Z");
    code_bad("91350100MS00100Y43", "字符集", "an S");
    code_bad("91350100MV00100Y43", "字符集", "a V");
    code_bad("91350100m000100y43", "字符集", "lower case");
    code_bad("91350100M000100Y4", "18 位", "17 characters");
    code_bad("91350100M000100Y430", "18 位", "19 characters");
    code_bad("", "18 位", "empty");

    amount("356.2", NULL, 356.2, 0);
    amount("-356.2", "万元", -356.2, 1);
    amount("－356.2", NULL, -356.2, 1);
    amount("（356.2）", NULL, -356.2, 1);
    amount("(356.2)", NULL, -356.2, 1);
    amount("负356.2", NULL, -356.2, 1);
    amount("亏损356.2万元", NULL, -356.2, 1);
    amount("亏损", NULL, NAN, 1);
    amount("12,345.6万元", NULL, 12345.6, 0);
    amount("123,456,000元", NULL, 12345.6, 0);
    amount("1.23亿元", NULL, 12300, 0);
    amount("1.23", "亿元", 12300, 0);
    amount("１２３４５.６", NULL, 12345.6, 0);
    double w;
    int l;
    ok(!qb_form_amount("约一千万", NULL, &w, &l), "\"约一千万\" is not an amount");
    ok(!qb_form_amount("356.2美元", NULL, &w, &l), "\"356.2美元\" is not an amount in yuan");
    ok(!qb_form_amount("", NULL, &w, &l), "an empty amount is not an amount");

    is_int(qb_form_date("2027年5月31日"), 20270531, "2027年5月31日");
    is_int(qb_form_date("2027-05-31"), 20270531, "2027-05-31");
    is_int(qb_form_date("2027.5.31"), 20270531, "2027.5.31");
    is_int(qb_form_date("2027/5/31"), 20270531, "2027/5/31");
    is_int(qb_form_date("有效期至２０２７年５月３１日止"), 20270531, "full-width digits inside a sentence");
    is_int(qb_form_date("2027-02-30"), 0, "30 February is no date");
    is_int(qb_form_date("2027.5/31"), 0, "mixed separators are no date");
    is_int(qb_form_date("长期"), 0, "words are no date");

    is_int(qb_form_yes_no("否"), 0, "否");
    is_int(qb_form_yes_no("无"), 0, "无");
    is_int(qb_form_yes_no("没有"), 0, "没有");
    is_int(qb_form_yes_no("是"), 1, "是");
    is_int(qb_form_yes_no("有"), 1, "有");
    is_int(qb_form_yes_no("□是 ☑否"), 0, "☑否 ticked");
    is_int(qb_form_yes_no("☑是 □否"), 1, "☑是 ticked");
    is_int(qb_form_yes_no("√有 □无"), 1, "√有 ticked");
    is_int(qb_form_yes_no("不清楚"), -1, "不清楚 says neither");

    ok(qb_form_phone_ok("0451-86123456") && qb_form_phone_ok("13812345678") && qb_form_phone_ok("(010)6212 3456转801"),
       "phone numbers");
    ok(!qb_form_phone_ok("待定") && !qb_form_phone_ok("123"), "not phone numbers");
    ok(qb_form_email_ok("zhiliang@example.com") && !qb_form_email_ok("zhiliang.example.com") &&
           !qb_form_email_ok("a@b") && !qb_form_email_ok("a@@b.cn"),
       "e-mail shapes");

    label("单位名称（盖章）：", "单位名称", 0, "");
    label("企 业 名 称", "企业名称", 0, "");
    label("統一社會信用代碼", "统一社会信用代码", 0, "");
    label("ＩＳＯ９００１證書編號", "iso9001证书编号", 0, "");
    label("利润总额（2022年，万元）", "利润总额", 2022, "万元");
    label("2021年度营业收入（亿元）", "营业收入", 2021, "亿元");
    label("三、联系人*", "联系人", 0, "");
    label("（二）联系电话", "联系电话", 0, "");

    qb_edition ed;
    qb_err err = {0};
    if (qb_edition_load("caq-2023", &ed, &err) != QB_OK) {
        ok(0, "caq-2023 loads: %s", qb_err_text(&err, 1));
        return tap_done();
    }
    const char *one = "运用先进质量管理理念、方法、工具促进高质量发展的典型经验";
    const char *four = "中小企业专业化、特色化、精细化、新颖化的典型经验";
    struct { const char *written, *want; } sc[] = {
        {"（一）", one}, {"一", one}, {"1", one}, {"第四项", four}, {"（四）中小企业", four},
        {"企业运用先进质量管理理念、方法、工具，促进质量变革、效率变革和动力变革，提高质量、效益和效率，促进企业高质量发展的典型经验。", one},
        {"运用先进质量管理理念、方法、工具", one}, {"中小企业专精特新", four},
        {"□（一）☑（四）□（五）", four}, {"□运用先进质量管理\n☑中小企业专业化、特色化", four},
        {"（七）", NULL}, {"其他", NULL}, {"二氧化碳减排", NULL},
    };
    for (size_t i = 0; i < sizeof sc / sizeof sc[0]; i++) {
        const char *got = qb_form_scope_written(sc[i].written, &ed);
        ok(got == sc[i].want || (got && sc[i].want && !strcmp(got, sc[i].want)), "scope \"%s\" → %s (got %s)",
           sc[i].written, sc[i].want ? sc[i].want : "none", got ? got : "none");
    }
    /* the [form] section's labels reach the reader: a label added by a secretariat is read */
    size_t n = 0, pos = 0;
    while (qb_edition_next(&ed, "form", "applicant", &pos))
        n++;
    ok(n >= 10, "caq-2023 inherits national-2020's applicant labels (%zu)", n);
    qb_edition_free(&ed);
    bad_form_rules("required = nonsense", "required", "required 应为 [form] 中的字段名");
    bad_form_rules("required = revenue", "required", "required 应为 [form] 中的字段名");
    bad_form_rules("scope_key = 0 | 先进", "scope_key", "scope_key 的格式应为");
    bad_form_rules("scope_key = 1 先进", "scope_key", "scope_key 的格式应为");
    bad_form_rules("telephone = 电话", "unknown key", "未知的项“telephone”");
    return tap_done();
}
