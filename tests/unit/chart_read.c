/* Unit tests of the chart reader (docx/chart.c) on packages written with the samples'
 * DOCX writer (docxw.h): kinds, names, colours, values, the bounds exactly at and one
 * past their limits, values that are no numbers, and the model XML keeping the values
 * to the bit. */
#define _DEFAULT_SOURCE
#include "docx.h"
#include "docxw.h"
#include "model_xml.h"
#include "tap.h"
#include "xmlsafe.h"

#include <math.h>
#include <stdlib.h>
#include <unistd.h>

static const char *const cats[] = {"甲", "乙", "丙", "丁"};
static const char *const names[] = {"第一", "第二"};
static const char *const vals[] = {"1", "2.5", "3", "4", "0.30000000000000004", "1e15", "1.5e15", "abc"};
static const char *const colors[] = {NULL, "C00000"};

/* A package holding one paragraph with chart c; the path (caller unlinks and frees). */
static char *make(const dw_chart *c)
{
    char *path = qb_strdup("/tmp/qb-chart-test-XXXXXX.docx");
    int fd = path ? mkstemps(path, 5) : -1;
    if (fd < 0)
        return NULL;
    close(fd);
    dw_pkg p;
    dw_xml x = {0};
    qb_status st = dw_pkg_open(&p, path);
    dw_puts(&x, DW_XML_DECL "<Relationships xmlns=\"" DW_NS_PKGREL "\"><Relationship Id=\"rId1\" Type=\"" DW_REL
                "officeDocument\" Target=\"word/document.xml\"/></Relationships>");
    if (st == QB_OK)
        st = dw_pkg_add_xml(&p, "_rels/.rels", &x);
    dw_puts(&x, DW_XML_DECL "<Relationships xmlns=\"" DW_NS_PKGREL "\"><Relationship Id=\"rId9\" Type=\"" DW_REL
                "chart\" Target=\"charts/chart1.xml\"/></Relationships>");
    if (st == QB_OK)
        st = dw_pkg_add_xml(&p, "word/_rels/document.xml.rels", &x);
    dw_puts(&x, DW_XML_DECL "<w:document xmlns:w=\"" DW_NS_W "\" xmlns:wp=\"" DW_NS_WP "\" xmlns:r=\"" DW_NS_R
                "\"><w:body><w:p><w:r><w:t>前</w:t></w:r></w:p><w:p>");
    dw_chart_run(&x, 1, "rId9", 5274310, 3076575);
    dw_puts(&x, "</w:p></w:body></w:document>");
    if (st == QB_OK)
        st = dw_pkg_add_xml(&p, "word/document.xml", &x);
    dw_chart_xml(&x, c);
    if (st == QB_OK)
        st = dw_pkg_add_xml(&p, "word/charts/chart1.xml", &x);
    if (st == QB_OK)
        st = dw_pkg_close(&p);
    dw_pkg_discard(&p);
    dw_xml_free(&x);
    if (st != QB_OK) {
        unlink(path);
        free(path);
        return NULL;
    }
    return path;
}

/* Read chart c back; the document's first chart in *out (doc freed by the caller). */
static int read_chart(const dw_chart *c, qb_doc *d)
{
    char *path = make(c);
    qb_status st = path ? qb_docx_read(path, d, NULL) : QB_ERR_IO;
    if (path)
        unlink(path);
    free(path);
    return st == QB_OK && d->nchart == 1;
}

static qb_chart_kind kind_of(const dw_chart *c)
{
    qb_doc d;
    qb_chart_kind k = read_chart(c, &d) ? d.charts[0].kind : (qb_chart_kind)-1;
    qb_doc_free(&d);
    return k;
}

int main(void)
{
    qb_xml_init();
    setenv("TZ", "UTC", 1);
    dw_chart col = {"bar", "col", "标题", 4, cats, 2, names, vals, colors, 1, NULL, NULL, 0, 0, NULL, NULL, NULL, NULL, NULL};
    qb_doc d;
    ok(read_chart(&col, &d), "a column chart is read");
    if (d.nchart == 1) {
        const qb_chart *c = &d.charts[0];
        is_str(qb_chart_kind_name(c->kind), "column", "its kind");
        is_str(c->title, "标题", "its title, from the rich text");
        is_int(c->para, 1, "the paragraph that anchors it");
        is_int(d.paras[1].drawings, 1, "counted once among the paragraph's drawings");
        ok(d.paras[1].text[0] == '\0', "its text is no paragraph text");
        is_int(c->cx, 5274310, "its width (wp:extent)");
        is_int(c->ncat, 4, "four categories");
        is_str(c->cats[3], "丁", "their labels");
        is_int(c->nser, 2, "two series");
        is_str(c->ser[1].name, "第二", "their names");
        ok(c->ser[0].color == -1 && c->ser[1].color == 0xC00000, "a colour only where the series gives one");
        ok(c->show_val, "values shown");
        ok(c->ser[0].v[1] == 2.5 && c->ser[1].v[0] == 0.30000000000000004 && c->ser[1].v[1] == 1e15,
           "values as written, up to 1e15");
        ok(isnan(c->ser[1].v[2]) && isnan(c->ser[1].v[3]), "beyond 1e15, and text, are gaps");
        /* the model XML keeps every value to the bit */
        char *buf = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&buf, &len);
        qb_status st = f ? qb_model_write(&d, f) : QB_ERR_NOMEM;
        if (f)
            fclose(f);
        char tmp[] = "/tmp/qb-chart-model-XXXXXX";
        int fd = mkstemp(tmp);
        int wrote = st == QB_OK && fd >= 0 && write(fd, buf, len) == (ssize_t)len;
        if (fd >= 0)
            close(fd);
        qb_doc back;
        int same = wrote && qb_model_read(tmp, &back) == QB_OK;
        if (same) {
            same = back.nchart == 1 && back.charts[0].kind == c->kind && back.charts[0].ncat == 4 &&
                   back.charts[0].nser == 2 && !strcmp(back.charts[0].title, c->title) &&
                   back.charts[0].ser[1].color == 0xC00000;
            for (size_t s = 0; same && s < 2; s++)
                for (size_t i = 0; i < 4; i++)
                    same &= isnan(c->ser[s].v[i]) ? isnan(back.charts[0].ser[s].v[i])
                                                  : memcmp(&c->ser[s].v[i], &back.charts[0].ser[s].v[i], sizeof(double)) == 0;
            qb_doc_free(&back);
        }
        ok(same, "the model XML gives the same chart back, its values to the bit");
        unlink(tmp);
        free(buf);
    }
    qb_doc_free(&d);

    /* a pie's point colours, varyColors and a fixed value axis: read, and kept by the model XML */
    static const char *const pts[] = {NULL, "00B050", "zz0000", NULL};
    dw_chart pie = col;
    pie.type = "pie";
    pie.pt_colors = pts;
    pie.vary = "0";
    ok(read_chart(&pie, &d) && d.charts[0].ser[0].pt_color && d.charts[0].ser[0].pt_color[1] == 0x00B050 &&
           d.charts[0].ser[0].pt_color[0] == -1 && d.charts[0].ser[0].pt_color[2] == -1 && !d.charts[0].ser[1].pt_color,
       "c:dPt colours: the point's, none where it gives no RRGGBB, only on the series that has them");
    ok(d.nchart == 1 && d.charts[0].vary == 0, "varyColors 0 read");
    qb_doc_free(&d);
    pie.vary = NULL;
    ok(read_chart(&pie, &d) && d.charts[0].vary == 1, "a pie as Word writes it varies colours by point");
    qb_doc_free(&d);
    dw_chart ax = col;
    ax.val_min = "-2.5";
    ax.val_max = "1e16";
    ax.major_unit = "0.25";
    ok(read_chart(&ax, &d) && d.charts[0].vax.fixed == (QB_CHART_FIX_MIN | QB_CHART_FIX_UNIT) &&
           d.charts[0].vax.min == -2.5 && d.charts[0].vax.unit == 0.25,
       "c:min and c:majorUnit fixed; a c:max beyond 1e15 left automatic");
    qb_doc_free(&d);
    ax.val_max = "7";
    ax.type = "line";
    ax.pt_colors = pts;
    ok(read_chart(&ax, &d), "(a line chart with a fixed axis and point colours)");
    if (d.nchart == 1) {
        qb_doc back;
        char tmp[] = "/tmp/qb-chart-model-XXXXXX";
        int fd = mkstemp(tmp);
        FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
        int wrote = f && qb_model_write(&d, f) == QB_OK;
        if (f)
            fclose(f);
        int same = wrote && qb_model_read(tmp, &back) == QB_OK;
        if (same) {
            const qb_chart *b = &back.charts[0], *c = &d.charts[0];
            same = back.nchart == 1 && b->vax.fixed == c->vax.fixed && b->vax.min == c->vax.min &&
                   b->vax.max == 7 && b->vax.unit == c->vax.unit && b->vary == c->vary && b->ser[0].pt_color &&
                   !b->ser[1].pt_color;
            for (size_t i = 0; same && i < 4; i++)
                same = b->ser[0].pt_color[i] == c->ser[0].pt_color[i];
            qb_doc_free(&back);
        }
        ok(same, "the model XML keeps the fixed axis, varyColors and the point colours");
        unlink(tmp);
    }
    qb_doc_free(&d);

    dw_chart k = col;
    k.type = "doughnut";
    is_int(kind_of(&k), QB_CHART_PIE, "a doughnut is read as a pie");
    k.type = "bar";
    k.bar_dir = "bar";
    is_int(kind_of(&k), QB_CHART_BAR, "barDir bar: horizontal bars");
    k.type = "line";
    is_int(kind_of(&k), QB_CHART_LINE, "a line chart");
    k.type = "bar3D";
    is_int(kind_of(&k), QB_CHART_UNKNOWN, "a 3D chart is not drawn");
    k.type = "scatter";
    is_int(kind_of(&k), QB_CHART_UNKNOWN, "nor a scatter chart");

    /* the bounds: at them read, one past them refused */
    dw_chart b = col;
    b.nser = 1;
    b.repeat = QB_CHART_MAX_SERIES;
    is_int(kind_of(&b), QB_CHART_COLUMN, "64 series are read");
    b.repeat = QB_CHART_MAX_SERIES + 1;
    is_int(kind_of(&b), QB_CHART_UNKNOWN, "65 are not");
    b = col;
    b.pt_count = "4096";
    ok(read_chart(&b, &d) && d.charts[0].kind == QB_CHART_COLUMN && d.charts[0].ncat == 4096,
       "a ptCount of 4096 is read (4096 points, most of them gaps)");
    qb_doc_free(&d);
    b.pt_count = "4097";
    is_int(kind_of(&b), QB_CHART_UNKNOWN, "a ptCount of 4097 is not");
    b.pt_count = "4294967296";
    is_int(kind_of(&b), QB_CHART_UNKNOWN, "nor one past the range of an int");
    b.pt_count = "-1";
    is_int(kind_of(&b), QB_CHART_UNKNOWN, "nor a negative one");
    b.pt_count = NULL;
    b.last_idx = "4095";
    ok(read_chart(&b, &d) && d.charts[0].kind == QB_CHART_COLUMN && d.charts[0].ncat == 4096 &&
       d.charts[0].ser[0].v[4095] == 1, "a point at idx 4095 is read");
    qb_doc_free(&d);
    b.last_idx = "4096";
    is_int(kind_of(&b), QB_CHART_UNKNOWN, "one at idx 4096 is not");
    b.last_idx = NULL;
    b.no_cache = 1;
    ok(read_chart(&b, &d) && !qb_chart_drawable(&d.charts[0]), "without a cache there is nothing to draw");
    qb_doc_free(&d);
    printf("1..%d\n", tap_n);
    return tap_failed != 0;
}
