/* report_text.c — the human report on a terminal, Chinese by default. */
#include "report.h"
#include "utf8.h"

#include <string.h>

/* Print s padded with spaces to display width w (CJK counts 2). */
static void cell(FILE *out, const char *s, size_t w, int right)
{
    size_t sw = qb_utf8_width(s);
    size_t pad = sw < w ? w - sw : 0;
    if (right)
        fprintf(out, "%*s%s", (int)pad, "", s);
    else
        fprintf(out, "%s%*s", s, (int)pad, "");
}

static void counts_table(const qb_report *r, FILE *out, int en)
{
    const qb_doc *d = r->doc;
    fprintf(out, "\n%s\n", en ? "Counts per section" : "各部分字数");
    const char *hdr[5] = {en ? "section" : "部分", en ? "words" : "字数", en ? "chars" : "字符数",
                          en ? "limit" : "上限", en ? "verdict" : "结论"};
    fputs("  ", out);
    cell(out, hdr[0], 30, 0);
    cell(out, hdr[1], 8, 1);
    cell(out, hdr[2], 8, 1);
    cell(out, hdr[3], 8, 1);
    fputs("  ", out);
    fprintf(out, "%s\n", hdr[4]);
    for (int s = 0; s < QB_NSEC; s++) {
        const qb_section *sec = &d->sec[s];
        char a[32], b[32], c[32], v[96];
        snprintf(a, sizeof a, "%ld", sec->words);
        snprintf(b, sizeof b, "%ld", sec->chars);
        snprintf(c, sizeof c, "%ld", sec->limit);
        if (!sec->found)
            snprintf(v, sizeof v, "%s", en ? "missing" : "未找到");
        else if (sec->limit > 0 && sec->count > sec->limit)
            snprintf(v, sizeof v, en ? "over by %ld" : "超出 %ld 字", sec->count - sec->limit);
        else
            snprintf(v, sizeof v, "%s", en ? "ok" : "符合");
        fputs("  ", out);
        cell(out, en ? qb_sec_name_en((qb_secid)s) : qb_sec_name_zh((qb_secid)s), 30, 0);
        cell(out, a, 8, 1);
        cell(out, b, 8, 1);
        cell(out, c, 8, 1);
        fprintf(out, "  %s\n", v);
    }
}

/* The form's key facts, one per line. */
static qb_status facts_list(const qb_report *r, FILE *out, int en)
{
    qb_form_facts facts;
    qb_status st = qb_report_facts(r, &facts);
    if (st != QB_OK)
        return st;
    fprintf(out, "\n%s\n", en ? "The application form" : "申报书信息");
    for (size_t i = 0; i < facts.n; i++) {
        fputs("  ", out);
        cell(out, en ? facts.v[i].en : facts.v[i].zh, 22, 0);
        fprintf(out, "%s\n", *facts.v[i].value ? facts.v[i].value : en ? "(not given)" : "（未填写）");
    }
    qb_form_facts_free(&facts);
    return QB_OK;
}

qb_status qb_report_text(const qb_report *r, FILE *out)
{
    int en = r->lang_en;
    const char *status = qb_report_status(r);
    const char *verdict = strcmp(status, "pass") == 0 ? (en ? "PASS" : "通过")
                          : strcmp(status, "fail") == 0 ? (en ? "FAIL" : "不通过")
                                                        : (en ? "NOT PROCESSED" : "无法处理");
    fprintf(out, "%s\n", en ? "Quality Benchmark application check" : "质量标杆申报材料检查报告");
    fprintf(out, "%s%s\n", en ? "Input:    " : "文件：", r->input);
    if (r->applicant)
        fprintf(out, "%s%s\n", en ? "Applicant: " : "申报单位：", r->applicant);
    fprintf(out, en ? "Edition:  %s (%s)\n" : "规则版本：%s（%s）\n", r->ed->name, r->ed->title);
    size_t ne = qb_findings_count(r->findings, QB_SEV_ERROR);
    size_t nw = qb_findings_count(r->findings, QB_SEV_WARNING);
    size_t ni = qb_findings_count(r->findings, QB_SEV_INFO);
    if (en)
        fprintf(out, "Result:   %s (%zu errors, %zu warnings, %zu notes)\n", verdict, ne, nw, ni);
    else
        fprintf(out, "结论：%s（错误 %zu 项，警告 %zu 项，提示 %zu 项）\n", verdict, ne, nw, ni);
    if (r->pkg) {
        fprintf(out, "\n%s\n", en ? "Documents in the package" : "材料清单");
        for (size_t i = 0; i < r->pkg->n; i++) {
            const qb_member *m = &r->pkg->m[i];
            if (!qb_report_lists_member(m))
                continue;
            fputs("  ", out);
            cell(out, en ? qb_role_name(m->role) : qb_role_name_zh(m->role), 14, 0);
            fprintf(out, "%s (%.1f KB)\n", m->name, (double)m->size / 1024.0);
        }
    }
    qb_status st = r->fields ? facts_list(r, out, en) : QB_OK;
    if (st != QB_OK)
        return st;
    if (r->doc && r->doc->sectioned)
        counts_table(r, out, en);
    if (r->findings->n == 0) {
        fprintf(out, "\n%s\n", en ? "No problems found." : "未发现问题。");
        return ferror(out) ? QB_ERR_IO : QB_OK;
    }
    fprintf(out, "\n%s\n", en ? "Findings" : "问题清单");
    /* errors first, then warnings, then notes; file order within each */
    size_t k = 0;
    for (int sev = QB_SEV_ERROR; sev >= QB_SEV_INFO; sev--) {
        for (size_t i = 0; i < r->findings->n; i++) {
            const qb_finding *f = &r->findings->v[i];
            if ((int)f->severity != sev)
                continue;
            fprintf(out, "%3zu. [%s] %s\n", ++k, en ? qb_severity_name(f->severity) : qb_severity_name_zh(f->severity),
                    en ? f->message_en : f->message);
            fprintf(out, "     %s%s", en ? "rule " : "规则 ", f->rule);
            if (f->file)
                fprintf(out, en ? " · file %s" : " · 文件 %s", f->file);
            if (f->section) {
                int s = qb_sec_from_key(f->section);
                fprintf(out, en ? " · section %s" : " · 部分 %s",
                        s >= 0 ? (en ? qb_sec_name_en((qb_secid)s) : qb_sec_name_zh((qb_secid)s)) : f->section);
            }
            if (f->paragraph > 0)
                fprintf(out, en ? " · paragraph %d" : " · 第 %d 段", f->paragraph);
            fputc('\n', out);
            if (f->excerpt)
                fprintf(out, "     “%s”\n", f->excerpt);
        }
    }
    return ferror(out) ? QB_ERR_IO : QB_OK;
}
