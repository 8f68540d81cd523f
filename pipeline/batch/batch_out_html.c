/* batch_out_html.c — index.html: the batch at a glance for the secretariat. One offline
 * file (its style and a small script inline, nothing fetched), every text from the
 * documents escaped. What changed since the last run at the top; then the table: the
 * link columns right after the applicant (visible on a 1 280 px screen), a header that
 * stays in view, verdicts on one line, columns sorted by a click (Chinese order for
 * text), rows filtered by 结论, 遴选范围, 逾期 and 状态. Without the script it is still the
 * full table. */
#include "batch_int.h"

#include "report.h"

#include <stdlib.h>
#include <string.h>

static const char css[] =
    "body{font-family:'Noto Sans CJK SC','WenQuanYi Zen Hei','Microsoft YaHei',sans-serif;"
    "margin:1em 1.5em;color:#222;font-size:14px}h1{font-size:1.4em}h2{font-size:1.1em;margin:.8em 0 .3em}"
    "table{border-collapse:separate;border-spacing:0;margin:.6em 0}"
    "th,td{border-right:1px solid #ccc;border-bottom:1px solid #ccc;padding:.25em .45em;text-align:left;"
    "vertical-align:top}tr>:first-child{border-left:1px solid #ccc}"
    "th{background:#eef1f5;position:sticky;top:0;z-index:1;border-top:1px solid #ccc;white-space:nowrap;"
    "cursor:pointer;user-select:none}th[aria-sort=ascending]::after{content:' ▲'}"
    "th[aria-sort=descending]::after{content:' ▼'}"
    "td.n{text-align:right;white-space:nowrap}td.over{color:#c0392b;font-weight:bold}"
    "td.v,td.s,td.l,td.k,td.t{white-space:nowrap}td.pass{background:#d4edda;color:#155724}"
    "td.fail{background:#f8d7da;color:#721c24}td.error{background:#e2e3e5;color:#383d41;font-weight:bold}"
    "td.a{min-width:10em;max-width:16em}td.m{min-width:9em;max-width:14em}"
    "td.f{min-width:7em;max-width:14em;overflow-wrap:anywhere}"
    "td.p{min-width:22em;max-width:40em}td.late{color:#c0392b;font-weight:bold}"
    "tr.old td{color:#6c757d}tr.old td.v{background:#f4f4f4;color:#6c757d;font-weight:normal}"
    "#filters label{margin-right:1.2em;white-space:nowrap}#changes ul{margin:.2em 0}"
    "#changes li{margin:.15em 0}";

/* Sorting and filtering: text columns in Chinese order (Intl collator "zh"), empty
 * cells last either way; number columns by value; data-v holds the value to sort by
 * when the cell shows another. */
static const char script[] =
    "(function(){var t=document.getElementById('rows');if(!t)return;var b=t.tBodies[0];"
    "var coll=new Intl.Collator('zh');var hs=t.tHead.rows[0].cells;"
    "function val(r,i){var c=r.cells[i];return c.hasAttribute('data-v')?c.getAttribute('data-v'):c.textContent;}"
    "Array.prototype.forEach.call(hs,function(h,i){h.addEventListener('click',function(){"
    "var dir=h.getAttribute('aria-sort')==='ascending'?-1:1;"
    "Array.prototype.forEach.call(hs,function(o){o.removeAttribute('aria-sort');});"
    "h.setAttribute('aria-sort',dir>0?'ascending':'descending');var num=h.getAttribute('data-type')==='num';"
    "var rs=Array.prototype.slice.call(b.rows);rs.sort(function(x,y){var a=val(x,i),c=val(y,i),d;"
    "if(num){a=a===''||a==='—'?-1:+a;c=c===''||c==='—'?-1:+c;d=a-c;}"
    "else if(!a!==!c)return a?-1:1;else d=coll.compare(a,c);"
    "return d*dir||(+x.getAttribute('data-i'))-(+y.getAttribute('data-i'));});"
    "rs.forEach(function(r){b.appendChild(r);});});});"
    "var fs=document.querySelectorAll('#filters select');function apply(){var n=0;"
    "Array.prototype.forEach.call(b.rows,function(r){var ok=true;"
    "Array.prototype.forEach.call(fs,function(f){if(f.value!==''&&r.getAttribute('data-'+f.name)!==f.value)ok=false;});"
    "r.hidden=!ok;if(ok)n++;});document.getElementById('shown').textContent=n;}"
    "Array.prototype.forEach.call(fs,function(f){f.addEventListener('change',apply);});apply();})();";

static void esc(FILE *out, const char *s)
{
    qb_html_escape(out, s ? s : "");
}

/* A link to folder/file, or a dash when the file is missing. */
static void link(FILE *out, const char *url, const char *file, const char *label, int present)
{
    if (!present) {
        fputs("<td class=\"k\">—</td>", out);
        return;
    }
    fprintf(out, "<td class=\"k\"><a href=\"%s/%s\">", url, file);
    esc(out, label);
    fputs("</a></td>", out);
}

static const char *const change_zh[4] = {"新收到", "有变化（重新提交了同名文件）", "已被替代（申报单位提交了新版本）",
                                         "已撤回（已从收件箱移走）"};
static const char *const change_en[4] = {"new", "changed (same name, other bytes)", "superseded (a newer version came)",
                                         "withdrawn (taken out of the inbox)"};

static void changes(FILE *out, const qb_batch_summary *s)
{
    const qb_batch_changes *c = s->changes;
    int en = s->en;
    fputs(en ? "<section id=\"changes\"><h2>Since the last run" : "<section id=\"changes\"><h2>自上次运行以来的变化", out);
    if (c && c->previous_as_of) {
        fputs(en ? " (as of " : "（上次截至 ", out);
        esc(out, c->previous_as_of);
        fputs(en ? ")" : "）", out);
    } else
        fputs(en ? " (first run)" : "（首次运行）", out);
    fputs("</h2><ul>", out);
    size_t any = 0;
    for (int k = 0; c && k < 4; k++) {
        if (!c->n[k])
            continue;
        any += c->n[k];
        fprintf(out, "<li class=\"ch%d\"><b>%s %zu</b>%s", k, en ? change_en[k] : change_zh[k], c->n[k],
                en ? ": " : "：");
        for (size_t i = 0; i < c->n[k]; i++) {
            const qb_batch_change *ch = &c->v[k][i];
            if (i)
                fputs(en ? ", " : "、", out);
            if (k < 3) {
                char *url = qb_batch_url(ch->folder);
                fprintf(out, "<a href=\"#r-%s\">", url ? url : "");
                free(url);
            }
            esc(out, ch->input);
            if (k < 3)
                fputs("</a>", out);
            if (k == 2 && ch->by) {
                fputs(en ? " → " : " → ", out);
                esc(out, ch->by);
            }
        }
        fputs("</li>", out);
    }
    if (!any)
        fputs(en ? "<li>nothing new</li>" : "<li>没有变化</li>", out);
    fputs("</ul></section>\n", out);
}

/* One <select> of the filters, its options from the rows' values. */
static void select_of(FILE *out, const qb_batch_summary *s, const char *name, const char *label, int which)
{
    int en = s->en;
    fprintf(out, "<label>%s <select name=\"%s\"><option value=\"\">%s</option>", label, name, en ? "all" : "全部");
    const char **seen = calloc(s->n + 2, sizeof *seen);
    size_t ns = 0;
    for (size_t i = 0; seen && i < s->n; i++) {
        const qb_batch_row *r = &s->v[i];
        const char *v = which == 0   ? qb_batch_verdict(r->status, en)
                        : which == 1 ? (r->scope ? r->scope : "")
                        : which == 2 ? (r->late ? qb_batch_late(r, en) : (en ? "on time" : "按时"))
                                     : qb_batch_state(r, en);
        int dup = 0;
        for (size_t k = 0; k < ns && !dup; k++)
            dup = strcmp(seen[k], v) == 0;
        if (dup)
            continue;
        seen[ns++] = v;
        fputs("<option value=\"", out);
        esc(out, v);
        fputs("\">", out);
        esc(out, *v ? v : (en ? "(not stated)" : "（未填写）"));
        fputs("</option>", out);
    }
    free(seen);
    fputs("</select></label>", out);
}

static void th(FILE *out, const char *label, int num)
{
    fprintf(out, "<th scope=\"col\"%s>", num ? " data-type=\"num\"" : "");
    esc(out, label);
    fputs("</th>", out);
}

static qb_status row(FILE *out, const qb_batch_summary *s, size_t i)
{
    int en = s->en;
    const qb_batch_row *r = &s->v[i];
    char *url = qb_batch_url(r->it->folder);
    if (!url)
        return QB_ERR_NOMEM;
    const char *verdict = qb_batch_verdict(r->status, en);
    const char *late = r->late ? qb_batch_late(r, en) : (en ? "on time" : "按时");
    fprintf(out, "<tr id=\"r-%s\" data-i=\"%zu\"%s data-verdict=\"", url, i, r->superseded ? " class=\"old\"" : "");
    esc(out, verdict);
    fputs("\" data-scope=\"", out);
    esc(out, r->scope);
    fputs("\" data-late=\"", out);
    esc(out, late);
    fputs("\" data-state=\"", out);
    esc(out, qb_batch_state(r, en));
    fprintf(out, "\"><td class=\"n\">%zu</td><td class=\"a\">", i + 1);
    esc(out, r->applicant);
    fputs("</td>", out);
    link(out, url, QB_BATCH_REPORT_HTML, en ? "report" : "报告", r->has_html);
    link(out, url, QB_BATCH_DOSSIER, en ? "dossier" : "卷宗", r->has_pdf);
    fprintf(out, "<td class=\"v %s\">%s</td><td class=\"s\">%s", r->status, verdict, qb_batch_state(r, en));
    if (r->successor >= 0) {
        char *to = qb_batch_url(s->v[r->successor].it->folder);
        fprintf(out, en ? " <a href=\"#r-%s\">→ newer</a>" : " <a href=\"#r-%s\">→ 新版本</a>", to ? to : "");
        free(to);
    }
    fprintf(out, "</td><td class=\"l%s\">%s</td><td class=\"m\">", r->late ? " late" : "", qb_batch_late(r, en));
    esc(out, r->scope);
    fputs("</td><td class=\"m\">", out);
    esc(out, r->name);
    fputs("</td><td class=\"t\">", out);
    esc(out, r->contact);
    fputs("</td><td class=\"t\">", out);
    esc(out, r->phone);
    char when[24];
    qb_batch_received_text(r->it->mtime, when);
    fprintf(out, "</td><td class=\"t\">%s</td><td class=\"f\">", when);
    esc(out, r->it->display);
    fprintf(out, "</td><td class=\"n\">%ld</td><td class=\"n\">%ld</td>", r->errors, r->warnings);
    for (int k = 0; k < QB_NSEC; k++) {
        int over = r->found[k] && r->limit[k] > 0 && r->count[k] > r->limit[k];
        if (r->found[k])
            fprintf(out, "<td class=\"n%s\">%ld</td>", over ? " over" : "", r->count[k]);
        else
            fputs("<td class=\"n\">—</td>", out);
    }
    fputs("<td class=\"p\">", out);
    esc(out, r->problems);
    fputs("</td></tr>\n", out);
    free(url);
    return QB_OK;
}

qb_status qb_batch_write_index(const qb_batch_summary *s, FILE *out)
{
    int en = s->en;
    char asof[24];
    qb_batch_received_text(s->created, asof);
    fprintf(out, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
                 "<meta name=\"viewport\" content=\"width=device-width\"><title>%s</title>"
                 "<style>%s</style></head><body>\n<h1>%s</h1>\n<p>",
            en ? "en" : "zh-CN", en ? "Batch summary" : "申报材料汇总", css,
            en ? "Quality Benchmark applications: batch summary" : "质量标杆申报材料检查汇总");
    fputs(en ? "Edition: " : "规则版本：", out);
    esc(out, s->edition);
    if (s->edition_title) {
        fputs(en ? " (" : "（", out);
        esc(out, s->edition_title);
        fputs(en ? ")" : "）", out);
    }
    fprintf(out, en ? "<br>As of %s (Beijing time, the newest receipt)" : "<br>截至 %s（北京时间，最新收件时间）", asof);
    if (s->deadline)
        fprintf(out, en ? "; deadline %04d-%02d-%02d" : "；截止日期 %04d-%02d-%02d", s->deadline / 10000,
                s->deadline / 100 % 100, s->deadline % 100);
    fprintf(out, en ? "<br>%zu current packages: %zu pass, %zu fail, %zu not processed; %zu late; %zu superseded "
                      "(earlier versions, not counted)</p>\n"
                    : "<br>当前 %zu 项：通过 %zu，不通过 %zu，无法处理 %zu；逾期 %zu；已被替代 %zu 项（旧版本，不计入）</p>\n",
            s->pass + s->fail + s->error, s->pass, s->fail, s->error, s->late, s->superseded);
    changes(out, s);
    fputs("<p id=\"filters\">", out);
    select_of(out, s, "verdict", en ? "Result" : "结论", 0);
    select_of(out, s, "scope", en ? "Scope" : "遴选范围", 1);
    select_of(out, s, "late", en ? "Late" : "逾期", 2);
    select_of(out, s, "state", en ? "State" : "状态", 3);
    fprintf(out, en ? "<span>shown: <b id=\"shown\">%zu</b></span></p>\n" : "<span>显示 <b id=\"shown\">%zu</b> 项</span></p>\n",
            s->n);
    fputs("<table id=\"rows\"><thead><tr>", out);
    th(out, qb_batch_col(QB_COL_NO, en), 1);
    th(out, qb_batch_col(QB_COL_APPLICANT, en), 0);
    th(out, en ? "Report" : "报告", 0);
    th(out, en ? "Dossier" : "卷宗", 0);
    static const int cols[] = {QB_COL_VERDICT, QB_COL_STATE,    QB_COL_LATE, QB_COL_SCOPE,  QB_COL_NAME,
                               QB_COL_CONTACT, QB_COL_PHONE,    QB_COL_RECEIVED, QB_COL_FILE, QB_COL_ERRORS,
                               QB_COL_WARNINGS};
    for (size_t k = 0; k < sizeof cols / sizeof cols[0]; k++)
        th(out, qb_batch_col(cols[k], en), cols[k] == QB_COL_ERRORS || cols[k] == QB_COL_WARNINGS);
    for (int k = 0; k < QB_NSEC; k++)
        th(out, qb_batch_col(QB_COL_COUNT0 + k, en), 1);
    th(out, qb_batch_col(QB_COL_PROBLEMS, en), 0);
    fputs("</tr></thead>\n<tbody>\n", out);
    for (size_t i = 0; i < s->n; i++)
        if (row(out, s, i) != QB_OK)
            return QB_ERR_NOMEM;
    fprintf(out, "</tbody></table>\n<script>%s</script>\n</body></html>\n", script);
    return ferror(out) ? QB_ERR_IO : QB_OK;
}
