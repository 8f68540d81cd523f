/* form_read.c — label/value pairs wherever forms put them: the value in the next cell,
 * in the cell below (a row of labels over a row of values), in merged cells, in
 * "标签：值" paragraphs; yearly figures in a table with a row (or a column) of years.
 * Labels are mapped to fields through the edition's [form] section. */
#include "form.h"
#include "buf.h"
#include "count.h"
#include "utf8.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* 繁体 characters of form labels and their simplified forms. */
static const char *const trad[][2] = {
    {"單", "单"}, {"稱", "称"}, {"業", "业"}, {"統", "统"}, {"會", "会"}, {"號", "号"}, {"碼", "码"},
    {"證", "证"}, {"書", "书"}, {"聯", "联"}, {"繫", "系"}, {"係", "系"}, {"電", "电"}, {"話", "话"},
    {"郵", "邮"}, {"訊", "讯"}, {"規", "规"}, {"質", "质"}, {"範", "范"}, {"圍", "围"}, {"標", "标"},
    {"桿", "杆"}, {"營", "营"}, {"潤", "润"}, {"總", "总"}, {"額", "额"}, {"認", "认"}, {"記", "记"},
    {"錄", "录"}, {"報", "报"}, {"請", "请"}, {"負", "负"}, {"責", "责"}, {"與", "与"}, {"體", "体"},
    {"為", "为"}, {"屬", "属"}, {"產", "产"}, {"類", "类"}, {"構", "构"}, {"機", "机"}, {"關", "关"},
    {"狀", "状"}, {"況", "况"}, {"稅", "税"}, {"環", "环"}, {"險", "险"}, {"專", "专"}, {"項", "项"},
    {"經", "经"}, {"驗", "验"}, {"選", "选"}, {"傳", "传"}, {"員", "员"}, {"數", "数"}, {"萬", "万"},
    {"億", "亿"}, {"損", "损"}, {"虧", "亏"}, {"實", "实"}, {"際", "际"}, {"編", "编"}, {"聲", "声"},
    {"無", "无"}, {"準", "准"}, {"術", "术"}, {"濟", "济"}, {"場", "场"}, {"個", "个"}, {"從", "从"},
    {"處", "处"}, {"務", "务"}, {"寫", "写"}, {"執", "执"},
};

static int starts(const char *s, const char *p) { return strncmp(s, p, strlen(p)) == 0; }

/* Folded text: full-width ASCII to ASCII, U+3000 to a space, 繁体 to simplified. */
static char *fold_chars(const char *s)
{
    qb_buf b = {0};
    size_t len = strlen(s), i = 0;
    while (i < len) {
        unsigned cp;
        size_t n = qb_utf8_decode(s + i, len - i, &cp);
        if (!n) {
            i++;
            continue;
        }
        char o[4];
        const char *rep = NULL;
        if (cp >= 0xFF01 && cp <= 0xFF5E)
            cp -= 0xFEE0;
        else if (cp == 0x3000)
            cp = ' ';
        else if (n == 3)
            for (size_t k = 0; k < sizeof trad / sizeof trad[0] && !rep; k++)
                if (memcmp(s + i, trad[k][0], 3) == 0)
                    rep = trad[k][1];
        if (rep)
            qb_buf_adds(&b, rep);
        else
            qb_buf_add(&b, o, qb_utf8_encode(cp < 128 ? (unsigned)tolower((int)cp) : cp, o));
        i += n;
    }
    return qb_buf_take(&b);
}

/* A leading year "2022年" / "2022年度" / "2022": its value and length, else 0. */
static int lead_year(const char *s, size_t *len)
{
    if (!(isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) && isdigit((unsigned char)s[2]) &&
          isdigit((unsigned char)s[3])) || isdigit((unsigned char)s[4]))
        return 0;
    int y = atoi(s);
    if (y < 1990 || y > 2100)
        return 0;
    *len = 4;
    if (starts(s + 4, "年"))
        *len += strlen("年");
    if (starts(s + *len, "度"))
        *len += strlen("度");
    return y;
}

static void note_facts(const char *note, int *year, char unit[16])
{
    for (const char *p = note; *p; p++) {
        size_t n;
        int y = (p == note || !isdigit((unsigned char)p[-1])) ? lead_year(p, &n) : 0;
        if (y && !*year)
            *year = y;
    }
    const char *units[] = {"亿元", "万元", "千元", "元"};
    for (size_t k = 0; k < 4 && !unit[0]; k++)
        if (strstr(note, units[k]))
            strcpy(unit, units[k]);
}

char *qb_form_label_norm(const char *label, int *year, char unit[16])
{
    *year = 0;
    unit[0] = '\0';
    char *s = fold_chars(label);
    if (!s)
        return NULL;
    qb_buf b = {0};
    const char *p = s;
    while (*p == ' ' || *p == '\t' || *p == '\n')
        p++;
    /* an enumerator: 1. 1、 (1) 一、 （一） */
    const char *q = p;
    if (*q == '(') {
        const char *c = strchr(q, ')');
        if (c && c - q <= 7 && c > q + 1) {
            int enumr = 1;
            for (const char *r = q + 1; r < c && enumr; r++)
                enumr = isdigit((unsigned char)*r) || strchr("\xe4\xb8\x80\xe4\xba\x8c\xe4\xb8\x89\xe5\x9b\x9b\xe4\xba\x94\xe5\x85\xad\xe4\xb8\x83\xe5\x85\xab\xe4\xb9\x9d\xe5\x8d\x81", *r);
            if (enumr)
                p = c + 1;
        }
    } else {
        while (isdigit((unsigned char)*q))
            q++;
        size_t y;
        if (q > p && q - p <= 2 && (*q == '.' || *q == ')' || starts(q, "、")))
            p = q + (starts(q, "、") ? strlen("、") : 1);
        else if (!lead_year(p, &y)) {
            static const char *const nums[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
            for (size_t k = 0; k < 10; k++)
                if (starts(p, nums[k]) && starts(p + 3, "、"))
                    p += 3 + strlen("、");
        }
    }
    size_t yl;
    int y = lead_year(p, &yl);
    if (y) {
        *year = y;
        p += yl;
    }
    /* copy, dropping spaces, colons, required marks and bracketed notes */
    while (*p) {
        const char *open = *p == '(' ? ")" : *p == '[' ? "]" : starts(p, "【") ? "】" : NULL;
        if (open) {
            size_t ol = *p == '(' || *p == '[' ? 1 : strlen("【");
            const char *close = strstr(p + ol, open);
            if (close) {
                char *note = qb_strndup(p + ol, (size_t)(close - p - ol));
                int ny = 0;
                if (note)
                    note_facts(note, &ny, unit);
                if (!*year)
                    *year = ny;
                free(note);
                p = close + strlen(open);
                continue;
            }
        }
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == ':' || *p == '*') {
            p++;
        } else if (starts(p, "★")) {
            p += strlen("★");
        } else {
            qb_buf_add(&b, p, 1);
            p++;
        }
    }
    free(s);
    return qb_buf_take(&b);
}

/* ---- the edition's labels ----------------------------------------------------------- */

typedef struct {
    char *norm;
    qb_form_field f;
} alias;

typedef struct {
    alias *a;
    size_t n;
    const qb_edition *ed;
    qb_form *out;
    qb_status st;
} reader;

static qb_status load_aliases(reader *r)
{
    size_t pos = 0;
    const qb_edition_entry *e;
    while ((e = qb_edition_next(r->ed, "form", NULL, &pos))) {
        qb_form_field f = qb_form_field_of(e->key);
        if (f == QB_FF_N)
            continue; /* scope keys, required … */
        alias *nv = realloc(r->a, (r->n + 1) * sizeof *nv);
        if (!nv)
            return QB_ERR_NOMEM;
        r->a = nv;
        int y;
        char u[16];
        if (!(nv[r->n].norm = qb_form_label_norm(e->value, &y, u)))
            return QB_ERR_NOMEM;
        nv[r->n++].f = f;
    }
    return QB_OK;
}

/* The field a label names (QB_FF_N: none), with the year and unit its notes give. */
static qb_form_field field_of(const reader *r, const char *text, int *year, char unit[16])
{
    *year = 0;
    unit[0] = '\0';
    if (qb_utf8_length(text) > 40)
        return QB_FF_N;
    char *n = qb_form_label_norm(text, year, unit);
    qb_form_field f = QB_FF_N;
    for (size_t i = 0; n && *n && i < r->n && f == QB_FF_N; i++)
        if (strcmp(n, r->a[i].norm) == 0)
            f = r->a[i].f;
    free(n);
    return f;
}

/* A cell or chunk that is only a year ("2022年", "2022年度"). */
static int year_only(const char *text)
{
    int y;
    char u[16];
    char *n = qb_form_label_norm(text, &y, u);
    int only = n && !*n ? y : 0;
    free(n);
    return only;
}

static char *trim(const char *s, size_t len)
{
    while (len && (s[0] == ' ' || s[0] == '\t' || s[0] == '\n' || starts(s, "\u3000"))) {
        size_t k = s[0] == ' ' || s[0] == '\t' || s[0] == '\n' ? 1 : 3;
        s += k;
        len -= k;
    }
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' ||
                   (len >= 3 && memcmp(s + len - 3, "\u3000", 3) == 0)))
        len -= (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n') ? 1 : 3;
    return qb_strndup(s, len);
}

/* Record field f = value (first non-empty value wins; the year from the label when the
 * field is yearly). */
static void put(reader *r, qb_form_field f, int year, const char *unit, const char *value, size_t vlen)
{
    if (r->st != QB_OK)
        return;
    char *v = trim(value, vlen);
    if (!v) {
        r->st = QB_ERR_NOMEM;
        return;
    }
    if (unit && *unit && !r->out->unit && !(r->out->unit = qb_strdup(unit)))
        r->st = QB_ERR_NOMEM;
    if (f == QB_FF_REVENUE || f == QB_FF_PROFIT) {
        if (year && r->st == QB_OK)
            r->st = qb_form_set_year(r->out, year, f, v);
        else
            r->out->seen[f] = 1;
    } else if (r->st == QB_OK && (!r->out->value[f] || !*r->out->value[f])) {
        r->st = qb_form_set(r->out, f, v);
    }
    free(v);
}

/* "标签：值" pairs in a paragraph: chunks split at a tab or a run of two spaces; a chunk
 * with a colon starts a pair, a chunk without continues the value. */
static void read_pairs(reader *r, const char *t)
{
    size_t len = strlen(t), i = 0;
    qb_form_field cur = QB_FF_N;
    int cur_year = 0;
    char cur_unit[16] = "";
    qb_buf val = {0};
    while (i <= len) {
        /* the next chunk [i, j) */
        size_t j = i, gap = 0;
        while (j < len) {
            size_t sp = 0;
            while (j + sp < len && (t[j + sp] == ' ' || t[j + sp] == '\t' || starts(t + j + sp, "\u3000"))) {
                if (t[j + sp] == '\t')
                    gap = 2;
                sp += starts(t + j + sp, "\u3000") ? 3 : 1;
                gap++;
            }
            if (gap >= 2)
                break;
            gap = 0;
            j += sp ? sp : 1;
        }
        const char *c = t + i;
        size_t clen = j - i;
        const char *colon = NULL;
        size_t cl = 0;
        for (size_t k = 0; k < clen && !colon; k++) {
            if (c[k] == ':')
                colon = c + k, cl = 1;
            else if (k + 3 <= clen && memcmp(c + k, "：", 3) == 0)
                colon = c + k, cl = 3;
        }
        int year;
        char unit[16];
        qb_form_field f = QB_FF_N;
        if (colon) {
            char *label = qb_strndup(c, (size_t)(colon - c));
            f = label ? field_of(r, label, &year, unit) : QB_FF_N;
            if (label && f == QB_FF_N) { /* "单位：万元" states the amounts' unit */
                int y;
                char u[16];
                char *n = qb_form_label_norm(label, &y, u);
                if (n && (strcmp(n, "单位") == 0 || strcmp(n, "金额单位") == 0)) {
                    char *v = trim(colon + cl, clen - (size_t)(colon + cl - c));
                    if (v && !r->out->unit && (!strcmp(v, "万元") || !strcmp(v, "元") || !strcmp(v, "亿元")))
                        r->out->unit = v, v = NULL;
                    free(v);
                }
                free(n);
            }
            free(label);
        }
        if (colon && f != QB_FF_N) {
            if (cur != QB_FF_N) {
                char *v = qb_buf_take(&val);
                put(r, cur, cur_year, cur_unit, v ? v : "", v ? strlen(v) : 0);
                free(v);
            }
            cur = f;
            cur_year = year;
            memcpy(cur_unit, unit, sizeof unit);
            qb_buf_add(&val, colon + cl, clen - (size_t)(colon + cl - c));
        } else if (cur != QB_FF_N) {
            qb_buf_adds(&val, " ");
            qb_buf_add(&val, c, clen);
        }
        i = j + gap;
        if (j >= len)
            break;
    }
    if (cur != QB_FF_N) {
        char *v = qb_buf_take(&val);
        put(r, cur, cur_year, cur_unit, v ? v : "", v ? strlen(v) : 0);
        free(v);
    } else {
        qb_buf_free(&val);
    }
}

/* ---- tables ------------------------------------------------------------------------- */

typedef struct {
    int row, cell;
    char *text;
} tcell;

typedef struct {
    tcell *c;
    size_t n;
} tgrid;

static void grid_free(tgrid *g)
{
    for (size_t i = 0; i < g->n; i++)
        free(g->c[i].text);
    free(g->c);
}

/* The cells of table t (its own, not a nested table's), text of their paragraphs joined by \n. */
static qb_status grid_of(const qb_doc *d, int t, tgrid *g)
{
    memset(g, 0, sizeof *g);
    const qb_table *tb = &d->tables[t];
    for (size_t i = tb->first_para; i < tb->end_para && i < d->npara; i++) {
        const qb_para *p = &d->paras[i];
        if (p->table != t)
            continue;
        tcell *last = g->n ? &g->c[g->n - 1] : NULL;
        if (last && last->row == p->row && last->cell == p->cell) {
            char *j = qb_asprintf("%s\n%s", last->text, qb_para_body(p));
            if (!j)
                return QB_ERR_NOMEM;
            free(last->text);
            last->text = j;
            continue;
        }
        tcell *nv = realloc(g->c, (g->n + 1) * sizeof *nv);
        if (!nv)
            return QB_ERR_NOMEM;
        g->c = nv;
        nv[g->n] = (tcell){.row = p->row, .cell = p->cell, .text = qb_strdup(qb_para_body(p))};
        if (!nv[g->n++].text)
            return QB_ERR_NOMEM;
    }
    return QB_OK;
}

static const tcell *cell_at(const tgrid *g, int row, int cell)
{
    for (size_t i = 0; i < g->n; i++)
        if (g->c[i].row == row && g->c[i].cell == cell)
            return &g->c[i];
    return NULL;
}

static int has_text(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\n' && *s != '\t')
            return 1;
    return 0;
}

#define QB_MAXCOL 64

static void read_table(reader *r, const tgrid *g, int rows)
{
    int colyear[QB_MAXCOL] = {0};        /* a row of years above: the year of each column */
    qb_form_field colf[QB_MAXCOL];       /* a row of yearly labels above: each column's field */
    char colunit[QB_MAXCOL][16];
    int have_years = 0, have_cols = 0, skip_row = -1;
    for (int row = 0; row < rows && r->st == QB_OK; row++) {
        if (row == skip_row)
            continue;
        int ncell = 0, nyear = 0, nlabel = 0, nfilled = 0;
        for (size_t i = 0; i < g->n; i++)
            if (g->c[i].row == row && g->c[i].cell < QB_MAXCOL) {
                const tcell *c = &g->c[i];
                int y;
                char u[16];
                ncell++;
                nfilled += has_text(c->text);
                if (year_only(c->text))
                    nyear++;
                else if (field_of(r, c->text, &y, u) != QB_FF_N)
                    nlabel++;
            }
        if (!ncell)
            continue;
        /* a row of years: columns of yearly figures follow */
        if (nyear >= 2) {
            memset(colyear, 0, sizeof colyear);
            for (size_t i = 0; i < g->n; i++)
                if (g->c[i].row == row && g->c[i].cell < QB_MAXCOL)
                    colyear[g->c[i].cell] = year_only(g->c[i].text);
            have_years = 1;
            continue;
        }
        /* a row of yearly labels (年度 | 营业收入 | 利润总额): rows of years follow */
        int nyearly = 0;
        for (size_t i = 0; i < g->n; i++)
            if (g->c[i].row == row && g->c[i].cell < QB_MAXCOL) {
                int y;
                char u[16];
                qb_form_field f = field_of(r, g->c[i].text, &y, u);
                nyearly += (f == QB_FF_REVENUE || f == QB_FF_PROFIT) && !y;
            }
        if (!have_years && nyearly >= 1 && nlabel == nyearly && nfilled > nlabel) {
            for (int k = 0; k < QB_MAXCOL; k++)
                colf[k] = QB_FF_N;
            for (size_t i = 0; i < g->n; i++)
                if (g->c[i].row == row && g->c[i].cell < QB_MAXCOL) {
                    int y;
                    colf[g->c[i].cell] = field_of(r, g->c[i].text, &y, colunit[g->c[i].cell]);
                }
            have_cols = 1;
            continue;
        }
        if (have_cols) { /* 2022 | 1234.5 | 356.2 */
            int year = 0;
            for (size_t i = 0; i < g->n && !year; i++)
                if (g->c[i].row == row && has_text(g->c[i].text))
                    year = year_only(g->c[i].text);
            if (year) {
                for (size_t i = 0; i < g->n; i++) {
                    const tcell *c = &g->c[i];
                    if (c->row == row && c->cell < QB_MAXCOL && colf[c->cell] != QB_FF_N)
                        put(r, colf[c->cell], year, colunit[c->cell], c->text, strlen(c->text));
                }
                continue;
            }
            have_cols = 0;
        }
        /* a row of labels over a row of values */
        int below = ncell >= 2 && nlabel >= 1 && nlabel == nfilled && row + 1 < rows;
        for (size_t i = 0; i < g->n && below; i++) { /* …and the row below holds no label */
            int y;
            char u[16];
            if (g->c[i].row == row + 1 && field_of(r, g->c[i].text, &y, u) != QB_FF_N)
                below = 0;
        }
        if (below && nlabel == 1) { /* one label: only when the cell beside it is empty and the one below is not */
            for (size_t i = 0; i < g->n && below; i++) {
                int y;
                char u[16];
                if (g->c[i].row == row && field_of(r, g->c[i].text, &y, u) != QB_FF_N) {
                    const tcell *side = cell_at(g, row, g->c[i].cell + 1), *under = cell_at(g, row + 1, g->c[i].cell);
                    below = (!side || !has_text(side->text)) && under && has_text(under->text);
                }
            }
        }
        for (size_t i = 0; i < g->n; i++) {
            const tcell *c = &g->c[i];
            if (c->row != row)
                continue;
            int y;
            char u[16];
            qb_form_field f = field_of(r, c->text, &y, u);
            if (f == QB_FF_N) {
                if (strstr(c->text, "：") || strchr(c->text, ':')) /* "联系人：张三" in a cell */
                    read_pairs(r, c->text);
                continue;
            }
            if ((f == QB_FF_REVENUE || f == QB_FF_PROFIT) && have_years && !y) {
                for (size_t k = 0; k < g->n; k++) {
                    const tcell *v = &g->c[k];
                    if (v->row == row && v->cell < QB_MAXCOL && v->cell > c->cell && colyear[v->cell])
                        put(r, f, colyear[v->cell], u, v->text, strlen(v->text));
                }
                r->out->seen[f] = 1;
                continue;
            }
            const tcell *v = below ? cell_at(g, row + 1, c->cell) : cell_at(g, row, c->cell + 1);
            int vy;
            char vu[16];
            if (v && !below && field_of(r, v->text, &vy, vu) != QB_FF_N)
                v = NULL; /* two labels side by side: the first has no value */
            put(r, f, y, u, v ? v->text : "", v ? strlen(v->text) : 0);
        }
        if (below)
            skip_row = row + 1;
    }
}

qb_status qb_form_read(const qb_doc *d, const qb_edition *ed, qb_form *out)
{
    qb_form_init(out);
    reader r = {.ed = ed, .out = out, .st = QB_OK};
    r.st = load_aliases(&r);
    for (size_t i = 0; i < d->npara && r.st == QB_OK; i++) {
        const qb_para *p = &d->paras[i];
        if (qb_para_has_text(p))
            out->readable = 1;
        if (p->where != QB_IN_TABLE)
            read_pairs(&r, qb_para_body(p));
    }
    for (size_t t = 0; t < d->ntable && r.st == QB_OK; t++) {
        tgrid g;
        r.st = grid_of(d, (int)t, &g);
        if (r.st == QB_OK)
            read_table(&r, &g, d->tables[t].rows);
        grid_free(&g);
    }
    for (size_t i = 0; i < r.n; i++)
        free(r.a[i].norm);
    free(r.a);
    if (r.st != QB_OK)
        qb_form_free(out);
    return r.st;
}
