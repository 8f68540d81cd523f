/* render_score.c — the expert's scoring sheet for the edition's [scoring] criteria
 * ("name | points | what the expert looks for"), with score boxes, a total, lines
 * for comments and a place to sign. */
#include "render_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Split "name | points | description" into three trimmed copies. */
static qb_status split_criterion(const char *v, char **name, char **points, char **desc)
{
    const char *a = strchr(v, '|'), *b = a ? strchr(a + 1, '|') : NULL;
    const char *from[3] = {v, a ? a + 1 : "", b ? b + 1 : ""}, *to[3] = {a ? a : v + strlen(v), b ? b : from[1] + strlen(from[1]), from[2] + strlen(from[2])};
    char **out[3] = {name, points, desc};
    for (int i = 0; i < 3; i++) {
        const char *s = from[i], *e = to[i];
        while (s < e && *s == ' ')
            s++;
        while (e > s && e[-1] == ' ')
            e--;
        *out[i] = qb_strndup(s, (size_t)(e - s));
        if (!*out[i])
            return QB_ERR_NOMEM;
    }
    return QB_OK;
}

qb_status rd_part_scoring(rd *r)
{
    const qb_render_input *in = r->in;
    qb_status st = rd_begin_part(r, "专家评分表");
    if (st != QB_OK)
        return st;
    const char *title = qb_edition_get(in->ed, "scoring", "title");
    rd_pstyle ps = rd_ps(QB_FONT_HEI, RD_SANHAO, RD_CENTER);
    ps.after = 12;
    if ((st = rd_text(r, &ps, title ? title : "专家评分表")) != QB_OK)
        return st;
    char *name = rd_title_text(in->experience);
    ps = rd_ps(QB_FONT_SONG, RD_XIAOSI, RD_LEFT);
    if ((st = rd_textf(r, &ps, "申报单位：%s", in->applicant && *in->applicant ? in->applicant : "")) == QB_OK)
        st = rd_textf(r, &ps, "质量标杆名称：%s", name ? name : "");
    free(name);
    if (st != QB_OK)
        return st;
    rd_space(r, 8);

    size_t n = 0, pos = 0;
    while (qb_edition_next(in->ed, "scoring", "criterion", &pos))
        n++;
    if (n == 0)
        return rd_text(r, &ps, "本规则版本没有列出评分要点。");
    rd_grid g;
    if ((st = rd_grid_init(&g, n + 2, 5)) != QB_OK)
        return st;
    static float shares[5] = {0.08f, 0.22f, 0.46f, 0.1f, 0.14f};
    g.fixed = shares;
    g.header_rows = 1;
    rd_pstyle head = rd_ps(QB_FONT_HEI, RD_WUHAO, RD_CENTER), body = rd_ps(QB_FONT_SONG, RD_WUHAO, RD_LEFT),
              center = body;
    center.align = RD_CENTER;
    head.before = head.after = body.before = body.after = center.before = center.after = 5;
    const char *cols[5] = {"序号", "评价要点", "评价内容", "分值", "得分"};
    for (size_t c = 0; c < 5 && st == QB_OK; c++) {
        rd_grid_cell(&g, 0, c)->shade = 1;
        st = rd_cell_text(&g, 0, c, &head, cols[c]);
    }
    long total = 0;
    pos = 0;
    const qb_edition_entry *e;
    for (size_t row = 1; st == QB_OK && (e = qb_edition_next(in->ed, "scoring", "criterion", &pos)); row++) {
        char *cname = NULL, *points = NULL, *desc = NULL, num[24];
        st = split_criterion(e->value, &cname, &points, &desc);
        /* "1 符合发展趋势": the sheet numbers the rows itself */
        const char *shown = cname ? cname : "";
        while (*shown >= '0' && *shown <= '9')
            shown++;
        if (shown != cname && *shown == ' ')
            while (*shown == ' ')
                shown++;
        else
            shown = cname ? cname : "";
        snprintf(num, sizeof num, "%zu", row);
        total += atol(points ? points : "0");
        if (st == QB_OK)
            st = rd_cell_text(&g, row, 0, &center, num);
        if (st == QB_OK)
            st = rd_cell_text(&g, row, 1, &body, shown);
        if (st == QB_OK)
            st = rd_cell_text(&g, row, 2, &body, desc);
        if (st == QB_OK)
            st = rd_cell_text(&g, row, 3, &center, points);
        free(cname);
        free(points);
        free(desc);
    }
    char sum[32];
    snprintf(sum, sizeof sum, "%ld", total);
    if (st == QB_OK)
        st = rd_cell_text(&g, n + 1, 1, &head, "合计");
    if (st == QB_OK)
        st = rd_cell_text(&g, n + 1, 3, &center, sum);
    if (st == QB_OK)
        st = rd_table(r, &g);
    rd_grid_free(&g);
    if (st != QB_OK)
        return st;

    /* Lines for comments: six, or as many as the page still holds (at least three),
     * with the signature line below them on the same page. */
    const float gap = 26, label = 14 + RD_XIAOSI * 1.3f, sign = 24 + RD_XIAOSI * 1.3f;
    if ((st = rd_need(r, label + 3 * gap + sign)) != QB_OK)
        return st;
    int lines = r->collect ? 6 : (int)((r->y - r->mb - label - sign) / gap);
    if (lines > 6)
        lines = 6;
    ps.before = 14;
    if ((st = rd_text(r, &ps, "评审意见：")) != QB_OK)
        return st;
    for (int i = 0; i < lines && !r->collect; i++) {
        r->y -= gap;
        rd_line(r, r->ml, r->y, r->pw - r->mr, r->y, 0.4f);
    }
    rd_space(r, 24);
    ps = rd_ps(QB_FONT_SONG, RD_XIAOSI, RD_LEFT);
    return rd_text(r, &ps, "评审专家（签字）：________________　　　日期：______年____月____日");
}
