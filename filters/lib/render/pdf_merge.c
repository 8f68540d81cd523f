/* pdf_merge.c — proof PDFs opened and placed with qpdf's C API (see pdf_merge.h).
 * Errors are silenced and warnings suppressed: nothing reaches stderr; a failure's
 * text becomes the reason. */
#include "pdf_merge.h"

#include <qpdf/qpdf-c.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


qb_status qb_pdf_probe(const char *path, qb_pdfp_state *state, unsigned *npages, qb_err *e)
{
    *state = QB_PDFP_BROKEN;
    *npages = 0;
    qpdf_data q = qpdf_init();
    if (!q)
        return QB_ERR_NOMEM;
    qpdf_silence_errors(q);
    qpdf_set_suppress_warnings(q, QPDF_TRUE);
    QPDF_ERROR_CODE rc = qpdf_read(q, path, "");
    int pages = (rc & QPDF_ERRORS) ? -1 : qpdf_get_num_pages(q);
    if (pages < 0 && qpdf_has_error(q)) {
        qpdf_error err = qpdf_get_error(q);
        if (qpdf_get_error_code(q, err) == qpdf_e_password) {
            *state = QB_PDFP_ENCRYPTED;
            qb_err_set(e, QB_ERR_FORMAT, "%s%.0s", "%.0s%s", "文件已加密，需要密码才能打开",
                       "the file is encrypted and needs a password");
        } else {
            /* qpdf's text starts with the file's path, which tells the reader nothing */
            const char *t = qpdf_get_error_full_text(q, err);
            size_t pl = strlen(path);
            if (strncmp(t, path, pl) == 0 && t[pl] == ':')
                t += pl + 1 + (t[pl + 1] == ' ');
            qb_err_set(e, QB_ERR_FORMAT, "文件已损坏，无法读取（%.200s）", "the file is damaged (%.200s)", t);
        }
    } else if (pages <= 0) {
        qb_err_set(e, QB_ERR_FORMAT, "%s%.0s", "%.0s%s", "文件中没有页面", "the file has no pages");
    } else {
        *state = QB_PDFP_OK;
        *npages = (unsigned)pages;
    }
    qpdf_cleanup(&q);
    return QB_OK;
}

/* qpdf's last error as the reason (its path prefix dropped: it names the buffer). */
static qb_status qpdf_fail(qpdf_data q, qb_err *e)
{
    const char *t = "";
    if (qpdf_has_error(q))
        t = qpdf_get_error_full_text(q, qpdf_get_error(q));
    return qb_err_set(e, QB_ERR_FORMAT, "证明材料 PDF 无法并入卷宗（qpdf：%.200s）",
                      "the proof PDFs could not be merged into the dossier (qpdf: %.200s)", t);
}

static int num(qpdf_data q, qpdf_oh arr, int i, double *v)
{
    return qpdf_oh_get_value_as_number(q, qpdf_oh_get_array_item(q, arr, i), v);
}

/* A page's visible box (CropBox, else MediaBox) and rotation. */
static int page_box(qpdf_data q, qpdf_oh page, double b[4], int *rot)
{
    qpdf_oh box = qpdf_oh_get_key(q, page, "/CropBox");
    if (!qpdf_oh_is_array(q, box) || qpdf_oh_get_array_n_items(q, box) != 4)
        box = qpdf_oh_get_key(q, page, "/MediaBox");
    if (!qpdf_oh_is_array(q, box) || qpdf_oh_get_array_n_items(q, box) != 4)
        return 0;
    for (int i = 0; i < 4; i++)
        if (!num(q, box, i, &b[i]))
            return 0;
    if (b[0] > b[2]) {
        double t = b[0];
        b[0] = b[2];
        b[2] = t;
    }
    if (b[1] > b[3]) {
        double t = b[1];
        b[1] = b[3];
        b[3] = t;
    }
    int r = 0;
    qpdf_oh ro = qpdf_oh_get_key(q, page, "/Rotate");
    if (qpdf_oh_is_integer(q, ro))
        r = qpdf_oh_get_int_value_as_int(q, ro);
    *rot = ((r % 360) + 360) % 360 / 90;
    return b[2] - b[0] > 0.5 && b[3] - b[1] > 0.5;
}

/* The proof's page as a form XObject of the proof's own document (indirect, so that
 * copying it copies everything it uses). */
static qpdf_oh page_form(qpdf_data p, qpdf_oh page, const double b[4])
{
    unsigned char *data = NULL;
    size_t len = 0;
    if (qpdf_oh_get_page_content_data(p, page, &data, &len) & QPDF_ERRORS)
        return 0;
    qpdf_oh form = qpdf_oh_new_stream(p);
    qpdf_oh_replace_stream_data(p, form, data, len, qpdf_oh_new_null(p), qpdf_oh_new_null(p));
    free(data);
    qpdf_oh d = qpdf_oh_get_dict(p, form), bbox = qpdf_oh_new_array(p);
    for (int i = 0; i < 4; i++)
        qpdf_oh_append_item(p, bbox, qpdf_oh_new_real_from_double(p, b[i], 3));
    qpdf_oh_replace_key(p, d, "/Type", qpdf_oh_new_name(p, "/XObject"));
    qpdf_oh_replace_key(p, d, "/Subtype", qpdf_oh_new_name(p, "/Form"));
    qpdf_oh_replace_key(p, d, "/BBox", bbox);
    qpdf_oh res = qpdf_oh_get_key(p, page, "/Resources");
    if (qpdf_oh_is_dictionary(p, res))
        qpdf_oh_replace_key(p, d, "/Resources", res);
    return qpdf_has_error(p) ? 0 : form;
}

/* The matrix that draws box b turned by rot quarter turns (clockwise, as /Rotate
 * shows it) scaled by s with its lower left corner at (x, y). */
static void place_matrix(const double b[4], int rot, double s, double x, double y, double m[6])
{
    static const double r[4][4] = {{1, 0, 0, 1}, {0, -1, 1, 0}, {-1, 0, 0, -1}, {0, 1, -1, 0}};
    const double *a = r[rot & 3];
    m[0] = s * a[0];
    m[1] = s * a[1];
    m[2] = s * a[2];
    m[3] = s * a[3];
    /* the lowest x and y the turned box reaches, moved to (x, y) */
    double minx = 1e300, miny = 1e300;
    for (int i = 0; i < 4; i++) {
        double px = b[i & 1 ? 2 : 0], py = b[i & 2 ? 3 : 1];
        double tx = m[0] * px + m[2] * py, ty = m[1] * px + m[3] * py;
        minx = tx < minx ? tx : minx;
        miny = ty < miny ? ty : miny;
    }
    m[4] = x - minx;
    m[5] = y - miny;
}

/* Draw the form on the dossier's page dp, fitted into the place's box. */
static int draw_on(qpdf_data d, qpdf_oh dp, qpdf_oh form, const double b[4], int rot, const qb_pdf_place *pl,
                   unsigned k)
{
    double bw = b[2] - b[0], bh = b[3] - b[1];
    if (rot & 1) {
        double t = bw;
        bw = bh;
        bh = t;
    }
    double s = pl->w / bw < pl->h / bh ? pl->w / bw : pl->h / bh;
    if (s > 1)
        s = 1;
    double m[6];
    place_matrix(b, rot, s, pl->x + (pl->w - s * bw) / 2, pl->y + (pl->h - s * bh) / 2, m);

    char name[32], ops[384];
    snprintf(name, sizeof name, "/QbProof%u", k);
    /* the page, then a thin gray frame showing where the proof's page ends */
    double fx = pl->x + (pl->w - s * bw) / 2, fy = pl->y + (pl->h - s * bh) / 2;
    int n = snprintf(ops, sizeof ops, "q %.5f %.5f %.5f %.5f %.3f %.3f cm %s Do Q\nq 0.5 w 0.6 G %.3f %.3f %.3f %.3f re S Q\n",
                     m[0], m[1], m[2], m[3], m[4], m[5], name, fx, fy, s * bw, s * bh);
    qpdf_oh res = qpdf_oh_get_key(d, dp, "/Resources");
    if (!qpdf_oh_is_dictionary(d, res)) {
        res = qpdf_oh_new_dictionary(d);
        qpdf_oh_replace_key(d, dp, "/Resources", res);
    }
    qpdf_oh xo = qpdf_oh_get_key(d, res, "/XObject");
    if (!qpdf_oh_is_dictionary(d, xo)) {
        xo = qpdf_oh_new_dictionary(d);
        qpdf_oh_replace_key(d, res, "/XObject", xo);
    }
    qpdf_oh_replace_key(d, xo, name, form);
    qpdf_oh draw = qpdf_oh_new_stream(d);
    qpdf_oh_replace_stream_data(d, draw, (const unsigned char *)ops, (size_t)n, qpdf_oh_new_null(d),
                                qpdf_oh_new_null(d));
    /* after the page's own content (libharu leaves its graphics state balanced) */
    qpdf_oh contents = qpdf_oh_wrap_in_array(d, qpdf_oh_get_key(d, dp, "/Contents"));
    qpdf_oh_append_item(d, contents, draw);
    qpdf_oh_replace_key(d, dp, "/Contents", contents);
    return !qpdf_has_error(d);
}

/* Every page of one placement, from the proof opened in p (which must stay open
 * until d is written: qpdf copies stream data lazily). */
static qb_status place_one(qpdf_data d, qpdf_data p, const qb_pdf_place *pl, unsigned *k, qb_err *e)
{
    qpdf_silence_errors(p);
    qpdf_set_suppress_warnings(p, QPDF_TRUE);
    qb_status st = QB_OK;
    if (qpdf_read(p, pl->path, "") & QPDF_ERRORS)
        st = qpdf_fail(p, e);
    if (st == QB_OK)
        qpdf_push_inherited_attributes_to_page(p); /* MediaBox, Resources, Rotate on each page */
    int np = st == QB_OK ? qpdf_get_num_pages(p) : 0;
    for (unsigned i = 0; i < pl->n && st == QB_OK; i++) {
        int pi = (int)(pl->from + i) - 1, di = (int)(pl->to + i) - 1;
        double b[4];
        int rot = 0;
        if (pi >= np || di >= qpdf_get_num_pages(d)) {
            st = qb_err_set(e, QB_ERR_FORMAT, "%s%.0s", "%.0s%s", "证明材料 PDF 的页数与预留的页面不符",
                            "the proof PDF's pages do not match the pages reserved for it");
            break;
        }
        qpdf_oh page = qpdf_get_page_n(p, (size_t)pi);
        qpdf_oh form = page_box(p, page, b, &rot) ? page_form(p, page, b) : 0;
        qpdf_oh here = form ? qpdf_oh_copy_foreign_object(d, p, form) : 0;
        if (!form && !qpdf_has_error(p)) /* a page without a usable box: left empty */
            continue;
        if (!here || qpdf_has_error(p))
            st = qpdf_fail(qpdf_has_error(p) ? p : d, e);
        else if (!draw_on(d, qpdf_get_page_n(d, (size_t)di), here, b, rot, pl, (*k)++))
            st = qpdf_fail(d, e);
        qpdf_oh_release_all(p);
        qpdf_oh_release_all(d);
    }
    return st;
}

qb_status qb_pdf_merge(const unsigned char *pdf, size_t len, const qb_pdf_place *pl, size_t n, qb_pdf_put put,
                       void *ctx, qb_err *e)
{
    qpdf_data d = qpdf_init(), *proofs = calloc(n + 1, sizeof *proofs);
    if (!d || !proofs) {
        if (d)
            qpdf_cleanup(&d);
        free(proofs);
        return QB_ERR_NOMEM;
    }
    qpdf_silence_errors(d);
    qpdf_set_suppress_warnings(d, QPDF_TRUE);
    qb_status st = QB_OK;
    if (qpdf_read_memory(d, "dossier", (const char *)pdf, (unsigned long long)len, NULL) & QPDF_ERRORS)
        st = qpdf_fail(d, e);
    unsigned k = 1;
    for (size_t i = 0; i < n && st == QB_OK; i++) {
        if (!(proofs[i] = qpdf_init()))
            st = QB_ERR_NOMEM;
        else
            st = place_one(d, proofs[i], &pl[i], &k, e);
    }
    if (st == QB_OK) {
        /* the same inputs give the same bytes; streams copied as they are (libharu
         * deflated its own, the proofs' are the proofs'), new ones deflated */
        qpdf_init_write_memory(d);
        qpdf_set_deterministic_ID(d, QPDF_TRUE);
        qpdf_set_decode_level(d, qpdf_dl_none);
        qpdf_set_compress_streams(d, QPDF_TRUE);
        if (qpdf_write(d) & QPDF_ERRORS)
            st = qpdf_fail(d, e);
    }
    if (st == QB_OK)
        st = put(ctx, qpdf_get_buffer(d), qpdf_get_buffer_length(d), e);
    for (size_t i = 0; i < n; i++)
        if (proofs[i])
            qpdf_cleanup(&proofs[i]);
    free(proofs);
    qpdf_cleanup(&d);
    return st;
}
