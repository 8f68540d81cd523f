/* Unit tests of the report writers: JSON per DESIGN §2, HTML escaped, text table. */
#include "report.h"
#include "tap.h"

#include <jansson.h>
#include <stdlib.h>

static char *render(qb_status (*fn)(const qb_report *, FILE *), const qb_report *r, qb_status *st)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    *st = fn(r, f);
    fclose(f);
    return buf;
}

int main(void)
{
    qb_edition ed;
    qb_err err = {0};
    if (qb_edition_load("caq-2023", &ed, &err) != QB_OK) {
        ok(0, "edition loads: %s", qb_err_text(&err, 1));
        return tap_done();
    }
    qb_doc d;
    qb_doc_init(&d);
    d.sectioned = 1;
    for (int s = 0; s < QB_NSEC; s++) {
        d.sec[s].found = s != QB_SEC_OVERVIEW;
        d.sec[s].limit = ed.limit[s];
    }
    d.sec[QB_SEC_ABSTRACT].count = d.sec[QB_SEC_ABSTRACT].words = 512;
    d.sec[QB_SEC_ABSTRACT].chars = 530;
    qb_findings fs = {0};
    qb_findings_add(&fs, "count.abstract", QB_SEV_ERROR, "典型经验材料.docx", "abstract", 3,
                    "<script>alert(1)</script>", "“摘要”共 512 字，超过 500 字的上限", "abstract over");
    qb_findings_add(&fs, "title.naming", QB_SEV_WARNING, "典型经验材料.docx", "title", 1, NULL, "标题命名", "naming");
    qb_report r = {.ed = &ed, .input = "a&b.docx", .applicant = "某某有限公司", .doc = &d, .findings = &fs,
                   .processed = 1};
    is_str(qb_report_status(&r), "fail", "an error-level finding makes the status fail");

    qb_status st;
    char *js = render(qb_report_json, &r, &st);
    ok(st == QB_OK, "JSON is written");
    json_error_t je;
    json_t *root = json_loads(js, 0, &je);
    ok(root != NULL, "and parses back");
    is_str(json_string_value(json_object_get(root, "edition")), "caq-2023", "edition");
    is_str(json_string_value(json_object_get(root, "status")), "fail", "status");
    is_str(json_string_value(json_object_get(root, "applicant")), "某某有限公司", "applicant");
    json_t *ab = json_object_get(json_object_get(root, "counts"), "abstract");
    is_int(json_integer_value(json_object_get(ab, "count")), 512, "counts.abstract.count");
    is_int(json_integer_value(json_object_get(ab, "chars")), 530, "counts.abstract.chars");
    is_int(json_integer_value(json_object_get(ab, "limit")), 500, "counts.abstract.limit");
    const char *keys[] = {"title", "abstract", "overview", "practice", "results"};
    int all = 1;
    for (int i = 0; i < 5; i++)
        all &= json_object_get(json_object_get(root, "counts"), keys[i]) != NULL;
    ok(all, "counts has the five sections");
    json_t *f0 = json_array_get(json_object_get(root, "findings"), 0);
    is_str(json_string_value(json_object_get(f0, "rule")), "count.abstract", "findings[0].rule");
    is_str(json_string_value(json_object_get(f0, "severity")), "error", "findings[0].severity");
    is_int(json_integer_value(json_object_get(f0, "paragraph")), 3, "findings[0].paragraph");
    is_str(json_string_value(json_object_get(f0, "section")), "abstract", "findings[0].section");
    ok(json_is_null(json_object_get(json_array_get(json_object_get(root, "findings"), 1), "excerpt")),
       "an absent excerpt is null");
    json_decref(root);
    free(js);

    char *html = render(qb_report_html, &r, &st);
    ok(st == QB_OK, "HTML is written");
    ok(!strstr(html, "<script>"), "document text cannot inject markup into the HTML report");
    ok(strstr(html, "&lt;script&gt;") != NULL, "it is escaped instead");
    ok(strstr(html, "a&amp;b.docx") != NULL, "the file name is escaped too");
    ok(strstr(html, "超出 12") != NULL, "the counts table says by how much a section is over");
    free(html);

    char *text = render(qb_report_text, &r, &st);
    ok(st == QB_OK, "text is written");
    ok(strstr(text, "结论：不通过") != NULL, "the Chinese verdict is 不通过");
    ok(strstr(text, "未找到") != NULL, "a missing section shows 未找到");
    ok(strstr(text, "第 3 段") != NULL, "the paragraph is named");
    free(text);
    r.lang_en = 1;
    text = render(qb_report_text, &r, &st);
    ok(strstr(text, "FAIL") && strstr(text, "abstract over"), "English when asked");
    free(text);

    qb_findings none = {0};
    qb_report e = {.ed = &ed, .input = "x.docx", .findings = &none, .processed = 0};
    is_str(qb_report_status(&e), "error", "an input not processed has status error");
    js = render(qb_report_json, &e, &st);
    root = json_loads(js, 0, &je);
    is_int(json_integer_value(json_object_get(json_object_get(json_object_get(root, "counts"), "practice"), "limit")),
           8000, "even then the counts carry the limits");
    json_decref(root);
    free(js);

    qb_findings_free(&fs);
    qb_doc_free(&d);
    qb_edition_free(&ed);
    return tap_done();
}
