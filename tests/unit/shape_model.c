/* shape_model — Word shapes in the model (model/shape.h): presets mapped to the geometries
 * the dossier draws, clamped coordinates, and the <shape> element of the model XML written,
 * read back and written again to the same bytes; a model file whose shapes point outside
 * its paragraphs, or holds more shapes than the reader ever makes, is refused. */
#include "buf.h"
#include "model_xml.h"
#include "tap.h"
#include "xmlsafe.h"

#include <math.h>
#include <stdlib.h>
#include <unistd.h>

static char *to_string(const qb_doc *d, qb_status *st)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    *st = qb_model_write(d, f);
    fclose(f);
    return buf;
}

static qb_status from_string(const char *text, qb_doc *d)
{
    char path[512];
    snprintf(path, sizeof path, "%s/qb-shape-test-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0)
        return QB_ERR_IO;
    FILE *f = fdopen(fd, "w");
    fputs(text, f);
    fclose(f);
    qb_status st = qb_model_read(path, d);
    unlink(path);
    return st;
}

/* A model of two paragraphs and n copies of `shape` (an element's attributes). */
static char *model_text(const char *shape, int n)
{
    qb_buf b = {0};
    qb_buf_adds(&b, "<?xml version=\"1.0\"?><qb-model version=\"1\" source=\"s\" file=\"f\">");
    for (int i = 0; i < n; i++) {
        qb_buf_adds(&b, "<shape ");
        qb_buf_adds(&b, shape);
        qb_buf_adds(&b, "/>");
    }
    qb_buf_adds(&b, "<p n=\"1\" where=\"body\"/><p n=\"2\" where=\"textbox\"/></qb-model>");
    return qb_buf_take(&b);
}

int main(void)
{
    qb_xml_init();
    is_int(qb_geom_of_preset("flowChartDecision"), QB_GEOM_DIAMOND, "flowChartDecision is a diamond");
    is_int(qb_geom_of_preset("flowChartTerminator"), QB_GEOM_TERMINATOR, "flowChartTerminator is a terminator");
    is_int(qb_geom_of_preset("flowChartInputOutput"), QB_GEOM_PARALLELOGRAM, "flowChartInputOutput is a parallelogram");
    is_int(qb_geom_of_preset("bentConnector2"), QB_GEOM_ELBOW, "bentConnector2 has one bend");
    is_int(qb_geom_of_preset("bentConnector3"), QB_GEOM_BENT, "bentConnector3 has two");
    is_int(qb_geom_of_preset("cloud"), QB_GEOM_UNKNOWN, "a cloud is not drawn");
    is_int(qb_geom_of_preset(NULL), QB_GEOM_UNKNOWN, "no preset is not drawn");
    is_int(qb_geom_parse(qb_geom_name(QB_GEOM_ARROW_D)), QB_GEOM_ARROW_D, "names go there and back");
    is_int(qb_shape_clamp(NAN), 0, "NaN clamps to 0");
    is_int(qb_shape_clamp(1e300), QB_SHAPE_EMU_MAX, "a huge length clamps");
    is_int(qb_shape_clamp(-INFINITY), -QB_SHAPE_EMU_MAX, "so does minus infinity");

    /* written, read, written again */
    qb_doc d;
    qb_doc_init(&d);
    d.source = qb_strdup("s.docx");
    d.file = qb_strdup("s.docx");
    size_t i;
    qb_doc_add_para(&d, QB_IN_BODY, -1, &i);
    qb_doc_add_para(&d, QB_IN_TEXTBOX, -1, &i);
    qb_grow((void **)&d.shapes, &d.capshape, 1, sizeof *d.shapes);
    d.shapes[0] = (qb_shape){QB_GEOM_ELBOW, 10, 20, 30, 40, 90, 1, 0, 1, 0, 0xABCDEF, QB_COLOR_NONE, 12700,
                             1, 2, 0, 3, 1, 5000, 6000, -1, {0, 76200, 127000, 25400}, QB_ANCHOR_BOTTOM};
    d.nshape = 1;
    qb_status st;
    char *one = to_string(&d, &st);
    is_int(st, QB_OK, "a model with a shape is written");
    qb_doc back;
    is_int(from_string(one, &back), QB_OK, "and read back");
    ok(back.nshape == 1 && back.shapes[0].geom == QB_GEOM_ELBOW && back.shapes[0].x == 10 && back.shapes[0].cy == 40 &&
           back.shapes[0].rot == 90 && back.shapes[0].flip_h && !back.shapes[0].flip_v && back.shapes[0].head &&
           !back.shapes[0].tail && back.shapes[0].fill == 0xABCDEF && back.shapes[0].line == QB_COLOR_NONE &&
           back.shapes[0].first_para == 1 && back.shapes[0].end_para == 2 && back.shapes[0].drawing == 3 &&
           back.shapes[0].counted && back.shapes[0].draw_cx == 5000 && back.shapes[0].draw_x == -1 &&
           back.shapes[0].ins[0] == 0 && back.shapes[0].ins[1] == 76200 && back.shapes[0].ins[2] == 127000 &&
           back.shapes[0].ins[3] == 25400 && back.shapes[0].anchor == QB_ANCHOR_BOTTOM,
       "every field of the shape comes back");
    char *two = to_string(&back, &st);
    ok(one && two && strcmp(one, two) == 0, "written again, the same bytes");
    free(one);
    free(two);
    qb_doc_free(&back);
    qb_doc_free(&d);

    /* hostile model files */
    static const struct { const char *attrs; qb_status want; const char *what; } bad[] = {
        {"geom=\"rect\" para=\"0\" first=\"1\" end=\"3\"", QB_ERR_FORMAT, "text past the last paragraph"},
        {"geom=\"rect\" para=\"7\"", QB_ERR_FORMAT, "anchored in a paragraph that is not there"},
        {"geom=\"rect\" para=\"0\" first=\"2\" end=\"1\"", QB_ERR_FORMAT, "text that ends before it starts"},
        {"geom=\"rect\" para=\"-1\"", QB_ERR_FORMAT, "a negative paragraph"},
        {"geom=\"blob\" x=\"99999999999999999999\" fill=\"zzzzzz\" rot=\"-7201\" para=\"0\" first=\"1\" end=\"2\" "
         "ins-b=\"-5\" anchor=\"sideways\"",
         QB_OK, "an unknown geometry, a huge x, a colour that is none, a negative rotation and inset, an unknown "
         "anchor, no left or top inset: read, clamped, Word's defaults"},
    };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        char *t = model_text(bad[k].attrs, 1);
        qb_doc m;
        is_int(from_string(t, &m), bad[k].want, "%s", bad[k].what);
        if (bad[k].want == QB_OK) {
            ok(m.shapes[0].geom == QB_GEOM_UNKNOWN && m.shapes[0].x == QB_SHAPE_EMU_MAX &&
                   m.shapes[0].fill == QB_COLOR_NONE && m.shapes[0].rot > -360 && m.shapes[0].rot < 360 &&
                   m.shapes[0].ins[0] == QB_INSET_X && m.shapes[0].ins[1] == QB_INSET_Y &&
                   m.shapes[0].ins[3] == 0 && m.shapes[0].anchor == QB_ANCHOR_TOP,
               "its values are the safe ones");
            qb_doc_free(&m);
        }
        free(t);
    }
    char *many = model_text("geom=\"rect\" para=\"0\"", QB_SHAPES_MAX + 1);
    qb_doc m;
    is_int(from_string(many, &m), QB_ERR_FORMAT, "more shapes than the reader makes: refused");
    free(many);
    printf("1..%d\n", tap_n);
    return tap_failed != 0;
}
