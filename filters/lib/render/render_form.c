/* render_form.c — the form part opens with a table of the key facts the form gives
 * (form.h: applicant, code, scope, contact, figures per year, certificate, the
 * eligibility verdict), before the form as the applicant wrote it. */
#include "render_int.h"

qb_status rd_form_facts(rd *r)
{
    if (!r->in->fields)
        return QB_OK;
    qb_form_facts facts;
    qb_status st = qb_form_facts_of(r->in->fields, r->in->scope, r->in->findings, &facts);
    if (st != QB_OK)
        return st;
    rd_pstyle sub = rd_ps(QB_FONT_HEI, RD_XIAOSI, RD_LEFT);
    sub.after = 4;
    sub.keep_next = 1;
    st = rd_text(r, &sub, "申报书要点");
    rd_grid g;
    if (st == QB_OK)
        st = rd_grid_init(&g, facts.n, 2);
    if (st != QB_OK) {
        qb_form_facts_free(&facts);
        return st;
    }
    static float shares[2] = {0.25f, 0.75f};
    g.fixed = shares;
    rd_pstyle head = rd_ps(QB_FONT_HEI, RD_WUHAO, RD_LEFT), body = rd_ps(QB_FONT_SONG, RD_WUHAO, RD_LEFT);
    head.leading = body.leading = 1.25f;
    for (size_t i = 0; i < facts.n && st == QB_OK; i++) {
        rd_grid_cell(&g, i, 0)->shade = 1;
        st = rd_cell_text(&g, i, 0, &head, facts.v[i].zh);
        if (st == QB_OK)
            st = rd_cell_text(&g, i, 1, &body, *facts.v[i].value ? facts.v[i].value : "（未填写）");
    }
    if (st == QB_OK)
        st = rd_table(r, &g);
    rd_grid_free(&g);
    qb_form_facts_free(&facts);
    if (st == QB_OK)
        rd_space(r, 8);
    return st;
}
