/* render_cover.c — the dossier's cover: who applied, with what, under which rules,
 * and the check's verdict at a glance. */
#include "render_int.h"

#include <stdlib.h>

qb_status rd_part_cover(rd *r)
{
    const qb_render_input *in = r->in;
    qb_status st = rd_begin_part(r, "封面");
    if (st != QB_OK)
        return st;
    if (!r->collect)
        r->y -= 90;
    rd_pstyle ps = rd_ps(QB_FONT_HEI, RD_SANHAO, RD_CENTER);
    const char *org = qb_edition_get(in->ed, "edition", "organiser");
    if (org && (st = rd_text(r, &ps, org)) != QB_OK)
        return st;
    ps.after = 10;
    if ((st = rd_text(r, &ps, in->ed->title)) != QB_OK)
        return st;
    ps = rd_ps(QB_FONT_HEI, RD_ERHAO, RD_CENTER);
    ps.after = 60;
    if ((st = rd_text(r, &ps, "申报材料评审卷宗")) != QB_OK)
        return st;

    const qb_findings *fs = in->findings ? in->findings : in->experience ? &in->experience->findings : NULL;
    size_t nerr = fs ? qb_findings_count(fs, QB_SEV_ERROR) : 0, nwarn = fs ? qb_findings_count(fs, QB_SEV_WARNING) : 0;
    char *title = rd_title_text(in->experience);
    const char *scope = in->scope;
    char *edition = qb_asprintf("%s（%s）", in->ed->title, in->ed->name);
    char *verdict = qb_asprintf("%s；错误 %zu 项，警告 %zu 项", rd_status_zh(in->status), nerr, nwarn);
    const char *rows[][2] = {
        {"申报单位", in->applicant && *in->applicant ? in->applicant : "（未能识别）"},
        {"质量标杆名称", title ? title : "（典型经验材料中未找到标题）"},
        {"遴选范围", scope ? scope : "（未能从申报书中识别，请见申报书）"},
        {"规则版本", edition ? edition : ""},
        {"材料编号", in->package_id && *in->package_id ? in->package_id : "—"},
        {"收件日期", in->received && *in->received ? in->received : "—"},
        {"形式审查", verdict ? verdict : ""},
    };
    rd_grid g;
    st = edition && verdict ? rd_grid_init(&g, sizeof rows / sizeof rows[0], 2) : QB_ERR_NOMEM;
    float shares[2] = {0.26f, 0.74f};
    if (st == QB_OK) {
        g.fixed = shares;
        rd_pstyle label = rd_ps(QB_FONT_HEI, RD_XIAOSI, RD_CENTER), value = rd_ps(QB_FONT_SONG, RD_XIAOSI, RD_LEFT);
        label.before = label.after = value.before = value.after = 4;
        for (size_t i = 0; i < sizeof rows / sizeof rows[0] && st == QB_OK; i++) {
            rd_grid_cell(&g, i, 0)->shade = 1;
            st = rd_cell_text(&g, i, 0, &label, rows[i][0]);
            if (st == QB_OK)
                st = rd_cell_text(&g, i, 1, &value, rows[i][1]);
        }
        if (st == QB_OK)
            st = rd_table(r, &g);
        rd_grid_free(&g);
    }
    free(edition);
    free(verdict);
    free(title);
    if (st != QB_OK)
        return st;
    rd_space(r, 40);
    ps = rd_ps(QB_FONT_SONG, RD_WUHAO, RD_JUSTIFY);
    ps.st.gray = 35;
    return rd_text(r, &ps,
                   "本卷宗由 qbintake 根据申报材料自动生成：形式审查结果列出发现的问题；申报书和证明材料按原文排版；"
                   "典型经验材料按征集通知规定的格式（A4，标题黑体小二号居中，“摘要”宋体四号加粗居中，正文宋体小四号、"
                   "单倍行距）重新排版；原始文件作为附件嵌入本 PDF（在阅读器的“附件”栏中打开）。");
}
