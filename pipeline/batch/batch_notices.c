/* batch_notices.c — 补正通知: for each current package with errors (不通过), a letter
 * to the applicant's contact, ready to send: notices/<申报单位>.docx listing every
 * error-level problem in plain Chinese (then the warnings to look at), and by when to
 * send the corrected package. Written with the DOCX writer the samples use (docxw.h,
 * header-only: fixed ZIP timestamps, so the same summary gives the same bytes).
 * Superseded versions get none (their successor's decides); rows 无法处理 get none (the
 * machine's problem, not the applicant's). */
#include "batch_int.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "docxw.h"

#define NOTICES_DIR "notices"

static void para(dw_xml *x, const char *text, const char *font, int half_points, int bold, const char *jc,
                 int indent)
{
    dw_puts(x, "<w:p><w:pPr>");
    if (jc)
        dw_printf(x, "<w:jc w:val=\"%s\"/>", jc);
    if (indent)
        dw_puts(x, "<w:ind w:firstLineChars=\"200\" w:firstLine=\"480\"/>");
    dw_printf(x, "<w:spacing w:line=\"360\" w:lineRule=\"auto\"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii=\"%s\" "
                 "w:hAnsi=\"%s\" w:eastAsia=\"%s\"/>%s<w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/></w:rPr>"
                 "<w:t xml:space=\"preserve\">",
              font, font, font, bold ? "<w:b/>" : "", half_points, half_points);
    dw_text(x, text, strlen(text));
    dw_puts(x, "</w:t></w:r></w:p>");
}

static void body(dw_xml *x, const char *text)
{
    para(x, text, "宋体", 28, 0, NULL, 1); /* 四号 */
}

/* The findings of one severity from report.json, numbered from *no. */
static void findings(dw_xml *x, json_t *fs, const char *sev, int *no)
{
    size_t i;
    json_t *f;
    json_array_foreach(fs, i, f) {
        const char *s = json_string_value(json_object_get(f, "severity"));
        const char *m = json_string_value(json_object_get(f, "message"));
        if (!s || !m || strcmp(s, sev) != 0)
            continue;
        char *line = qb_asprintf("%d. %s", (*no)++, m);
        if (!line) {
            x->st = QB_ERR_NOMEM;
            return;
        }
        body(x, line);
        free(line);
    }
}

static qb_status letter(const qb_batch_summary *s, const qb_batch_row *r, json_t *rep, dw_xml *x)
{
    const char *who = r->applicant ? r->applicant : r->it->display;
    char when[24], asof[24];
    qb_batch_received_text(r->it->mtime, when);
    qb_batch_received_text(s->created, asof);
    asof[10] = '\0';
    dw_puts(x, DW_XML_DECL "<w:document xmlns:w=\"" DW_NS_W "\"><w:body>");
    para(x, "补正通知", "黑体", 36, 0, "center", 0); /* 小二 */
    char *to = r->contact ? qb_asprintf("%s %s：", who, r->contact) : qb_asprintf("%s：", who);
    char *intro = qb_asprintf("贵单位于 %s（北京时间）提交的质量标杆申报材料“%s”已经检查，发现以下问题。"
                              "请逐项修改后，将完整的申报材料重新打包提交。",
                              when, r->it->display);
    char *by = s->deadline && qb_batch_received_day(s->created) <= s->deadline
                   ? qb_asprintf("请于 %04d 年 %d 月 %d 日前重新提交；逾期提交的材料将标注为逾期。", s->deadline / 10000,
                                 s->deadline / 100 % 100, s->deadline % 100)
                   : qb_strdup("请于收到本通知后 5 个工作日内重新提交。");
    if (!to || !intro || !by) {
        free(to);
        free(intro);
        free(by);
        return QB_ERR_NOMEM;
    }
    para(x, to, "宋体", 28, 0, NULL, 0);
    body(x, intro);
    para(x, "一、需要修改的问题", "黑体", 28, 0, NULL, 0);
    json_t *fs = json_object_get(rep, "findings");
    int no = 1;
    findings(x, fs, "error", &no);
    no = 1;
    json_t *f;
    size_t i;
    int warnings = 0;
    json_array_foreach(fs, i, f) {
        const char *sv = json_string_value(json_object_get(f, "severity"));
        warnings += sv && strcmp(sv, "warning") == 0;
    }
    if (warnings) {
        para(x, "二、建议一并修改的问题", "黑体", 28, 0, NULL, 0);
        findings(x, fs, "warning", &no);
    }
    para(x, warnings ? "三、提交要求" : "二、提交要求", "黑体", 28, 0, NULL, 0);
    body(x, by);
    body(x, "重新提交时，请使用单位全称命名压缩包（如“某某有限公司.rar”）。如有疑问，请与秘书处联系。");
    para(x, "质量标杆评审秘书处", "宋体", 28, 0, "right", 0);
    para(x, asof, "宋体", 28, 0, "right", 0);
    dw_puts(x, "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1440\" w:right=\"1800\" "
               "w:bottom=\"1440\" w:left=\"1800\" w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/></w:sectPr>"
               "</w:body></w:document>");
    free(to);
    free(intro);
    free(by);
    return x->st;
}

static qb_status write_docx(const char *path, dw_xml *doc)
{
    dw_pkg p;
    qb_status st = dw_pkg_open(&p, path);
    if (st != QB_OK) {
        dw_xml_free(doc);
        return st;
    }
    dw_xml x = {0};
    dw_puts(&x, DW_XML_DECL "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                "<Override PartName=\"/word/document.xml\" ContentType=\"" DW_CT
                "wordprocessingml.document.main+xml\"/></Types>");
    st = dw_pkg_add_xml(&p, "[Content_Types].xml", &x);
    if (st == QB_OK) {
        dw_puts(&x, DW_XML_DECL "<Relationships xmlns=\"" DW_NS_PKGREL "\"><Relationship Id=\"rId1\" Type=\"" DW_REL
                    "officeDocument\" Target=\"word/document.xml\"/></Relationships>");
        st = dw_pkg_add_xml(&p, "_rels/.rels", &x);
    }
    if (st == QB_OK)
        st = dw_pkg_add_xml(&p, "word/document.xml", doc);
    else
        dw_xml_free(doc);
    if (st == QB_OK)
        st = dw_pkg_close(&p);
    if (st != QB_OK)
        dw_pkg_discard(&p);
    dw_xml_free(&x);
    return st;
}

qb_status qb_batch_write_notices(const char *outbox, const qb_batch_summary *s, qb_err *e)
{
    /* libzip turns the parts' fixed time into a DOS date in local time: UTC here, so the
     * same summary gives the same bytes on every machine (the batch uses no local time) */
    setenv("TZ", "UTC", 1);
    tzset();
    char *tmp, *dir;
    qb_status st = qb_batch_stage(outbox, &tmp, &dir);
    if (st != QB_OK)
        return qb_err_set(e, st, "无法在 %s 中写入", "cannot write in %s", outbox);
    for (size_t i = 0; i < s->n && st == QB_OK; i++) {
        const qb_batch_row *r = &s->v[i];
        if (r->superseded || r->stray || strcmp(r->status, "fail") != 0)
            continue;
        char *rp = qb_asprintf("%s/%s/%s", outbox, r->it->folder, QB_BATCH_REPORT_JSON);
        json_error_t jerr;
        json_t *rep = rp ? json_load_file(rp, 0, &jerr) : NULL;
        /* named after the applicant, else after the input without its extension */
        const char *dot = r->applicant ? NULL : strrchr(r->it->display, '.');
        char *stem = r->applicant ? NULL : qb_strndup(r->it->display, dot && dot != r->it->display
                                                                          ? (size_t)(dot - r->it->display)
                                                                          : strlen(r->it->display));
        char *name = r->applicant ? qb_batch_folder_name(r->applicant) : stem ? qb_batch_folder_name(stem) : NULL;
        free(stem);
        char *tmp = name ? qb_asprintf("%s/%s%s.docx", dir, QB_BATCH_TMP_PREFIX, name) : NULL;
        char *dest = name ? qb_asprintf("%s/%s.docx", dir, name) : NULL;
        dw_xml doc = {0};
        if (!rp || !name || !tmp || !dest)
            st = qb_err_status(e, QB_ERR_NOMEM);
        else if (!rep)
            st = qb_err_set(e, QB_ERR_IO, "无法读取 %s", "cannot read %s", rp);
        else if ((st = letter(s, r, rep, &doc)) != QB_OK)
            qb_err_status(e, st);
        else if ((st = write_docx(tmp, &doc)) != QB_OK || rename(tmp, dest) != 0)
            st = qb_err_set(e, QB_ERR_IO, "无法写入 %s", "cannot write %s", dest);
        dw_xml_free(&doc);
        if (tmp)
            unlink(tmp);
        json_decref(rep);
        free(rp);
        free(name);
        free(tmp);
        free(dest);
    }
    qb_status pst = qb_batch_stage_publish(outbox, tmp, dir, NOTICES_DIR, st == QB_OK);
    if (st == QB_OK && pst != QB_OK)
        st = qb_err_set(e, pst, "无法写入 %s/%s", "cannot write %s/%s", outbox, NOTICES_DIR);
    return st;
}
