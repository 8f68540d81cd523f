/* render_summary.c — the check summary: verdict, the counts per section against the
 * limits, and every finding grouped by severity, where it is and what it quotes. */
#include "render_int.h"

#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static qb_status heading(rd *r, const char *text)
{
    rd_pstyle ps = rd_ps(QB_FONT_HEI, RD_XIAOSI, RD_LEFT);
    ps.before = 10;
    ps.after = 4;
    ps.keep_next = 1;
    return rd_text(r, &ps, text);
}

static qb_status counts_table(rd *r)
{
    const qb_doc *d = r->in->experience;
    rd_pstyle body = rd_ps(QB_FONT_SONG, RD_WUHAO, RD_CENTER);
    if (!d || !d->sectioned)
        return rd_text(r, &body, "没有可统计的典型经验材料。");
    int chars = r->in->ed->count_mode == QB_COUNT_CHARS;
    rd_grid g;
    qb_status st = rd_grid_init(&g, QB_NSEC + 1, 5);
    if (st != QB_OK)
        return st;
    g.header_rows = 1;
    static float shares[5] = {0.25f, 0.17f, 0.19f, 0.19f, 0.2f};
    g.fixed = shares;
    rd_pstyle head = body;
    head.st.font = QB_FONT_HEI;
    const char *cols[5] = {"部分", chars ? "字符数（限额口径）" : "字数（Word 口径）", "字符数（不含空格）",
                           "限额", "结论"};
    for (size_t c = 0; c < 5 && st == QB_OK; c++) {
        rd_grid_cell(&g, 0, c)->shade = 1;
        st = rd_cell_text(&g, 0, c, &head, cols[c]);
    }
    for (int s = 0; s < QB_NSEC && st == QB_OK; s++) {
        const qb_section *sec = &d->sec[s];
        char count[32] = "—", all[32] = "—", limit[32] = "—", verdict[64] = "未找到";
        if (sec->found) {
            snprintf(count, sizeof count, "%ld", sec->count);
            snprintf(all, sizeof all, "%ld", sec->chars);
            if (sec->limit > 0 && sec->count > sec->limit)
                snprintf(verdict, sizeof verdict, "超出 %ld 字", sec->count - sec->limit);
            else
                snprintf(verdict, sizeof verdict, "符合");
        }
        if (sec->limit > 0)
            snprintf(limit, sizeof limit, "%ld 字以内", sec->limit);
        const char *cells[5] = {qb_sec_name_zh((qb_secid)s), count, all,
                                limit, verdict};
        rd_pstyle over = body;
        over.st.bold = 1; /* what breaks the limit stands out */
        for (size_t c = 0; c < 5 && st == QB_OK; c++)
            st = rd_cell_text(&g, (size_t)s + 1, c, c == 4 && sec->found && sec->limit > 0 && sec->count > sec->limit ? &over : &body,
                              cells[c]);
    }
    if (st == QB_OK)
        st = rd_table(r, &g);
    rd_grid_free(&g);
    return st;
}

/* A quoted excerpt (or a message quoting one) as one line: each run of white space (line breaks, tabs, the
 * ideographic space, no-break spaces) one space, none at either end. */
static char *collapse_space(const char *s)
{
    qb_buf b = {0};
    size_t len = strlen(s), i = 0;
    int gap = 0;
    while (i < len) {
        unsigned cp;
        size_t k = qb_utf8_decode(s + i, len - i, &cp);
        if (k == 0)
            k = 1;
        int space = cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x3000 || cp == 0xA0 ||
                    cp == 0x2002 || cp == 0x2003 || cp == 0x2009;
        if (space) {
            gap = b.len > 0;
        } else {
            if (gap)
                qb_buf_add(&b, " ", 1);
            gap = 0;
            qb_buf_add(&b, s + i, k);
        }
        i += k;
    }
    if (qb_buf_status(&b) != QB_OK) {
        qb_buf_free(&b);
        return NULL;
    }
    return b.s ? qb_buf_take(&b) : qb_strdup("");
}

/* Where a finding is, in words: file, section, paragraph. */
static char *where(const qb_finding *f)
{
    int s = f->section ? qb_sec_from_key(f->section) : -1;
    char para[32] = "";
    if (f->paragraph > 0)
        snprintf(para, sizeof para, "第 %d 段", f->paragraph);
    return qb_asprintf("%s%s%s%s%s", f->file ? f->file : "", f->file && (s >= 0 || *para) ? "，" : "",
                       s >= 0 ? qb_sec_name_zh((qb_secid)s) : "", s >= 0 && *para ? "，" : "", para);
}

static qb_status findings_table(rd *r, const qb_findings *fs, size_t from, qb_severity sev)
{
    size_t n = 0;
    for (size_t i = from; i < fs->n; i++)
        n += fs->v[i].severity == sev;
    if (!n)
        return QB_OK;
    rd_pstyle sub = rd_ps(QB_FONT_SONG, RD_WUHAO, RD_LEFT);
    sub.st.bold = 1;
    sub.before = 6;
    sub.after = 3;
    sub.keep_next = 1;
    qb_status st = rd_textf(r, &sub, "%s（%zu 项）", qb_severity_name_zh(sev), n);
    rd_grid g;
    if (st == QB_OK)
        st = rd_grid_init(&g, n + 1, 4);
    if (st != QB_OK)
        return st;
    static float shares[4] = {0.07f, 0.22f, 0.45f, 0.26f};
    g.fixed = shares;
    g.header_rows = 1;
    rd_pstyle head = rd_ps(QB_FONT_HEI, RD_WUHAO, RD_CENTER), body = rd_ps(QB_FONT_SONG, RD_WUHAO, RD_LEFT);
    head.leading = body.leading = 1.25f;
    const char *cols[4] = {"序号", "规则", "问题", "位置"};
    for (size_t c = 0; c < 4 && st == QB_OK; c++) {
        rd_grid_cell(&g, 0, c)->shade = 1;
        st = rd_cell_text(&g, 0, c, &head, cols[c]);
    }
    size_t row = 1;
    for (size_t i = from; i < fs->n && st == QB_OK; i++) {
        const qb_finding *f = &fs->v[i];
        if (f->severity != sev)
            continue;
        char num[24];
        snprintf(num, sizeof num, "%zu", row);
        rd_pstyle center = body;
        center.align = RD_CENTER;
        char *loc = where(f);
        char *ex = f->excerpt && *f->excerpt ? collapse_space(f->excerpt) : NULL;
        char *quote = ex && *ex ? qb_asprintf("“%s”", ex) : NULL;
        free(ex);
        /* the message quotes the paragraph too: one line as well */
        char *msg = collapse_space(f->message ? f->message : "");
        st = loc && msg ? rd_cell_text(&g, row, 0, &center, num) : QB_ERR_NOMEM;
        if (st == QB_OK)
            st = rd_cell_text(&g, row, 1, &body, f->rule ? f->rule : "");
        if (st == QB_OK)
            st = rd_cell_text(&g, row, 2, &body, msg);
        if (st == QB_OK)
            st = rd_cell_text(&g, row, 3, &body, loc);
        if (st == QB_OK && quote) {
            rd_pstyle q = body;
            q.st.gray = 30;
            st = rd_cell_text(&g, row, 3, &q, quote);
        }
        free(loc);
        free(msg);
        free(quote);
        row++;
    }
    if (st == QB_OK)
        st = rd_table(r, &g);
    rd_grid_free(&g);
    return st;
}

qb_status rd_part_summary(rd *r)
{
    const qb_render_input *in = r->in;
    qb_status st = rd_begin_part(r, "形式审查结果");
    if (st != QB_OK)
        return st;
    rd_pstyle ps = rd_ps(QB_FONT_HEI, RD_SANHAO, RD_CENTER);
    ps.after = 12;
    if ((st = rd_text(r, &ps, "形式审查结果")) != QB_OK)
        return st;
    const qb_findings *fs = in->findings ? in->findings : in->experience ? &in->experience->findings : NULL;
    static const qb_findings none;
    if (!fs)
        fs = &none;
    ps = rd_ps(QB_FONT_SONG, RD_XIAOSI, RD_LEFT);
    if ((st = rd_textf(r, &ps, "审查结论：%s。发现错误 %zu 项、警告 %zu 项、提示 %zu 项。", rd_status_zh(in->status),
                       qb_findings_count(fs, QB_SEV_ERROR), qb_findings_count(fs, QB_SEV_WARNING),
                       qb_findings_count(fs, QB_SEV_INFO))) != QB_OK)
        return st;
    if ((st = heading(r, "一、字数统计")) != QB_OK || (st = counts_table(r)) != QB_OK)
        return st;
    rd_pstyle note = rd_ps(QB_FONT_SONG, RD_XIAOWU, RD_LEFT);
    note.st.gray = 35;
    note.before = 3;
    if ((st = rd_text(r, &note, in->ed->count_mode == QB_COUNT_CHARS
                                    ? "限额按不含空格的字符数计。"
                                    : "字数按 Word“字数统计”口径：每个汉字、中文标点计 1，连续的英文字母或数字计 1；"
                                      "标题行不计入各部分字数。")) != QB_OK)
        return st;
    if ((st = heading(r, "二、发现的问题")) != QB_OK)
        return st;
    if (fs->n == 0 && (st = rd_text(r, &ps, "未发现问题。")) != QB_OK)
        return st;
    for (int sev = QB_SEV_ERROR; sev >= QB_SEV_INFO && st == QB_OK; sev--)
        st = findings_table(r, fs, 0, (qb_severity)sev);
    return st == QB_OK ? rd_summary_notes(r) : st;
}

qb_status rd_summary_notes(rd *r)
{
    /* what the dossier itself could not show (found while it was assembled) */
    if (!r->warn || r->warn_from >= r->warn->n)
        return QB_OK;
    qb_status st = heading(r, "三、卷宗排版说明");
    return st == QB_OK ? findings_table(r, r->warn, r->warn_from, QB_SEV_WARNING) : st;
}
