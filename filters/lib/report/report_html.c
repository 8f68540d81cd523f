/* report_html.c — a self-contained HTML report (no scripts, no external files),
 * every piece of document text escaped. */
#include "report.h"

#include <string.h>


static const char css[] =
    "body{font-family:'Noto Sans CJK SC','WenQuanYi Zen Hei','Microsoft YaHei',sans-serif;"
    "max-width:60em;margin:2em auto;padding:0 1em;color:#222}"
    "h1{font-size:1.5em}table{border-collapse:collapse;margin:1em 0}"
    "th,td{border:1px solid #bbb;padding:.3em .6em;text-align:left}td.n{text-align:right}"
    ".pass{color:#1a7f37}.fail,.error{color:#c0392b}.over{color:#c0392b;font-weight:bold}"
    ".sev-error{color:#c0392b}.sev-warning{color:#b7791f}.sev-info{color:#555}"
    "blockquote{margin:.2em 0 .2em 1em;color:#555;border-left:3px solid #ddd;padding-left:.6em}"
    "li{margin:.6em 0}";

qb_status qb_report_html(const qb_report *r, FILE *out)
{
    int en = r->lang_en;
    const char *status = qb_report_status(r);
    fprintf(out, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
                 "<title>%s</title><style>%s</style></head><body>\n",
            en ? "en" : "zh-CN", en ? "Application check" : "申报材料检查报告", css);
    fprintf(out, "<h1>%s</h1>\n<p>%s", en ? "Quality Benchmark application check" : "质量标杆申报材料检查报告",
            en ? "Input: " : "文件：");
    qb_html_escape(out, r->input);
    if (r->applicant) {
        fputs(en ? "<br>Applicant: " : "<br>申报单位：", out);
        qb_html_escape(out, r->applicant);
    }
    fputs(en ? "<br>Edition: " : "<br>规则版本：", out);
    qb_html_escape(out, r->ed->name);
    fputs(en ? " (" : "（", out);
    qb_html_escape(out, r->ed->title);
    const char *verdict = strcmp(status, "pass") == 0 ? (en ? "PASS" : "通过")
                          : strcmp(status, "fail") == 0 ? (en ? "FAIL" : "不通过")
                                                        : (en ? "NOT PROCESSED" : "无法处理");
    size_t ne = qb_findings_count(r->findings, QB_SEV_ERROR), nw = qb_findings_count(r->findings, QB_SEV_WARNING);
    fprintf(out, en ? ")<br>%s<strong class=\"%s\">%s</strong> (%zu errors, %zu warnings)</p>\n"
                    : "）<br>%s<strong class=\"%s\">%s</strong>（错误 %zu 项，警告 %zu 项）</p>\n",
            en ? "Result: " : "结论：", status, verdict, ne, nw);
    if (r->pkg) {
        fprintf(out, "<h2>%s</h2>\n<table><tr><th>%s</th><th>%s</th><th>%s</th></tr>\n",
                en ? "Documents in the package" : "材料清单", en ? "Role" : "类别", en ? "Name" : "文件",
                en ? "Size" : "大小");
        for (size_t i = 0; i < r->pkg->n; i++) {
            const qb_member *m = &r->pkg->m[i];
            if (!qb_report_lists_member(m))
                continue;
            fprintf(out, "<tr><td>%s</td><td>", en ? qb_role_name(m->role) : qb_role_name_zh(m->role));
            qb_html_escape(out, m->name);
            fprintf(out, "</td><td class=\"n\">%.1f KB</td></tr>\n", (double)m->size / 1024.0);
        }
        fputs("</table>\n", out);
    }
    if (r->fields) {
        qb_form_facts facts;
        qb_status st = qb_report_facts(r, &facts);
        if (st != QB_OK)
            return st;
        fprintf(out, "<h2>%s</h2>\n<table>\n", en ? "The application form" : "申报书信息");
        for (size_t i = 0; i < facts.n; i++) {
            fprintf(out, "<tr><th>%s</th><td>", en ? facts.v[i].en : facts.v[i].zh);
            qb_html_escape(out, *facts.v[i].value ? facts.v[i].value : en ? "(not given)" : "（未填写）");
            fputs("</td></tr>\n", out);
        }
        fputs("</table>\n", out);
        qb_form_facts_free(&facts);
    }
    if (r->doc && r->doc->sectioned) {
        fprintf(out, "<h2>%s</h2>\n<table><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>\n",
                en ? "Counts per section" : "各部分字数", en ? "Section" : "部分", en ? "Words" : "字数",
                en ? "Characters" : "字符数", en ? "Limit" : "上限", en ? "Verdict" : "结论");
        for (int s = 0; s < QB_NSEC; s++) {
            const qb_section *sec = &r->doc->sec[s];
            int over = sec->found && sec->limit > 0 && sec->count > sec->limit;
            fprintf(out, "<tr><td>%s</td><td class=\"n\">%ld</td><td class=\"n\">%ld</td><td class=\"n\">%ld</td>",
                    en ? qb_sec_name_en((qb_secid)s) : qb_sec_name_zh((qb_secid)s), sec->words, sec->chars,
                    sec->limit);
            if (!sec->found)
                fprintf(out, "<td class=\"over\">%s</td></tr>\n", en ? "missing" : "未找到");
            else if (over)
                fprintf(out, "<td class=\"over\">%s %ld</td></tr>\n", en ? "over by" : "超出", sec->count - sec->limit);
            else
                fprintf(out, "<td>%s</td></tr>\n", en ? "ok" : "符合");
        }
        fputs("</table>\n", out);
    }
    fprintf(out, "<h2>%s</h2>\n", en ? "Findings" : "问题清单");
    if (r->findings->n == 0)
        fprintf(out, "<p>%s</p>\n", en ? "No problems found." : "未发现问题。");
    else
        fputs("<ol>\n", out);
    for (int sev = QB_SEV_ERROR; sev >= QB_SEV_INFO; sev--)
        for (size_t i = 0; i < r->findings->n; i++) {
            const qb_finding *f = &r->findings->v[i];
            if ((int)f->severity != sev)
                continue;
            fprintf(out, "<li><span class=\"sev-%s\">[%s]</span> ", qb_severity_name(f->severity),
                    en ? qb_severity_name(f->severity) : qb_severity_name_zh(f->severity));
            qb_html_escape(out, en ? f->message_en : f->message);
            fputs("<br><small>", out);
            qb_html_escape(out, f->rule);
            if (f->file) {
                fputs(" · ", out);
                qb_html_escape(out, f->file);
            }
            if (f->paragraph > 0)
                fprintf(out, en ? " · paragraph %d" : " · 第 %d 段", f->paragraph);
            fputs("</small>", out);
            if (f->excerpt) {
                fputs("<blockquote>", out);
                qb_html_escape(out, f->excerpt);
                fputs("</blockquote>", out);
            }
            fputs("</li>\n", out);
        }
    if (r->findings->n)
        fputs("</ol>\n", out);
    fputs("</body></html>\n", out);
    return ferror(out) ? QB_ERR_IO : QB_OK;
}
