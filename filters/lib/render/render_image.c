/* render_image.c — pictures: PNG and JPEG drawn (JPEG turned upright by its EXIF
 * orientation), everything else a framed placeholder that says what it was.
 * Pictures are decoded by image_decode.c (libpng, libjpeg-turbo, size limits);
 * libharu only ever gets pixels, or a JPEG the decoder read cleanly, so a hostile
 * picture can neither crash the renderer nor cost unbounded memory. */
#include "render_int.h"
#include "image_decode.h"
#include "image_scale.h"
#include "tmpblob.h"

#include <hpdf_doc.h>
#include <hpdf_objects.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

qb_status rd_placeholder(rd *r, float w, float h, const char *label)
{
    if (r->collect) {
        rd_pstyle ps = rd_ps(QB_FONT_SONG, RD_XIAOWU, RD_CENTER);
        return rd_text(r, &ps, label);
    }
    qb_status st = rd_need(r, h);
    if (st != QB_OK)
        return st;
    float x = r->ml + (rd_width(r) - w) / 2;
    rd_rect(r, x, r->y - h, w, h, 0.6f, 96);
    rd_pstyle ps = rd_ps(QB_FONT_SONG, RD_XIAOWU, RD_CENTER);
    ps.st.gray = 35;
    rd_span sp = rd_sp(label, ps.st);
    rd_shaped s = {0};
    st = rd_shape(r, &ps, &sp, 1, w - 8, &s);
    float y = r->y - (h - s.height) / 2;
    for (size_t i = 0; i < s.lines.n && st == QB_OK; i++) {
        st = rd_draw_line(r, &s, i, x + 4, y);
        y -= s.lh[i];
    }
    rd_shaped_free(&s);
    r->y -= h;
    r->stats.placeholders++;
    return st;
}

/* The matrix that draws the stored image upright in the box (x, y, W, H); see the
 * EXIF 2.3 Orientation tag: each case maps the stored unit square onto the box. */
static void orient(int o, float x, float y, float W, float H, float m[6])
{
    static const float t[9][6] = {
        {0}, {1, 0, 0, 1, 0, 0}, {-1, 0, 0, 1, 1, 0}, {-1, 0, 0, -1, 1, 1}, {1, 0, 0, -1, 0, 1},
        {0, -1, -1, 0, 1, 1}, {0, -1, 1, 0, 0, 1}, {0, 1, 1, 0, 0, 0}, {0, 1, -1, 0, 1, 0}};
    const float *a = t[o >= 1 && o <= 8 ? o : 1];
    m[0] = a[0] * W;
    m[1] = a[1] * H;
    m[2] = a[2] * W;
    m[3] = a[3] * H;
    m[4] = x + a[4] * W;
    m[5] = y + a[5] * H;
}

/* The size a picture of pw × ph stored pixels is drawn at (points): as placed in the
 * document, else 96 pixels per inch; never larger than max_w × max_h. */
static void placed_size(int o, unsigned pw, unsigned ph, float want_w, float want_h, float max_w, float max_h,
                        float *ow, float *oh)
{
    float iw = (float)(o >= 5 ? ph : pw), ih = (float)(o >= 5 ? pw : ph);
    float w = want_w > 0 ? want_w : iw * 0.75f, h = want_h > 0 ? want_h : ih * 0.75f;
    if (want_w > 0 && want_h > 0 && o >= 5 && (want_w - want_h) * (iw - ih) < 0) {
        float t = w; /* the document gave the stored (sideways) extent */
        w = h;
        h = t;
    }
    if (w > max_w) {
        h *= max_w / w;
        w = max_w;
    }
    if (h > max_h) {
        w *= max_h / h;
        h = max_h;
    }
    *ow = w;
    *oh = h;
}

static const char corrupt[] = "图片数据损坏，无法解码", corrupt_en[] = "the picture data is corrupt";

/* An image's stream data moved to a private temporary file that libharu reads when it
 * saves the PDF (unlinked once libharu has it open), out of libharu's memory: a dossier of
 * many scans then holds one picture at a time, whatever the size of the package. The
 * bytes written are the same either way. 1 when moved; 0 (no temporary file): the
 * caller keeps them in memory, as before. */
static int to_file(HPDF_Doc pdf, HPDF_Dict img, const unsigned char *data, size_t len)
{
    char *path;
    if (len == 0 || qb_tmpblob(data, len, "image", &path) != QB_OK)
        return 0;
    HPDF_Stream fs = HPDF_FileReader_New(pdf->mmgr, path);
    unlink(path);
    free(path);
    if (!fs) {
        HPDF_ResetError(pdf); /* it could not open the file: the bytes stay in memory */
        return 0;
    }
    HPDF_Stream_Free(img->stream);
    img->stream = fs;
    return 1;
}

/* A JPEG the decoder read without a complaint, carried as it is (DCTDecode): the
 * dictionary libharu's own JPEG loader writes, in the same order, with the size the
 * decoder found — libharu never parses the picture. */
static HPDF_Image jpeg_xobject(HPDF_Doc pdf, const unsigned char *data, size_t len, const qb_picture *im)
{
    HPDF_Dict img = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    if (!img)
        return NULL;
    img->header.obj_class |= HPDF_OSUBCLASS_XOBJECT;
    img->filter = HPDF_STREAM_FILTER_DCT_DECODE;
    HPDF_STATUS ret = HPDF_Dict_AddName(img, "Type", "XObject");
    ret += HPDF_Dict_AddName(img, "Subtype", "Image");
    ret += HPDF_Dict_AddNumber(img, "Height", (HPDF_INT32)im->h);
    ret += HPDF_Dict_AddNumber(img, "Width", (HPDF_INT32)im->w);
    ret += HPDF_Dict_AddName(img, "ColorSpace", im->channels == 1 ? "DeviceGray" : "DeviceRGB");
    ret += HPDF_Dict_AddNumber(img, "BitsPerComponent", 8);
    if (ret == HPDF_OK)
        ret = to_file(pdf, img, data, len) ? HPDF_OK : HPDF_Stream_Write(img->stream, data, (HPDF_UINT)len);
    if (ret == HPDF_OK)
        return img;
    HPDF_CheckError(&pdf->error); /* the error handler hears of it, as from libharu's own loaders */
    return NULL;
}

/* A palette picture as an Indexed image: one byte a pixel, as libharu's own loader
 * keeps a PNG's palette (three times smaller than RGB before compression). */
static HPDF_Image indexed_xobject(HPDF_Doc pdf, const qb_picture *im)
{
    HPDF_Dict img = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    HPDF_Array cs = HPDF_Array_New(pdf->mmgr);
    HPDF_Binary pal = HPDF_Binary_New(pdf->mmgr, im->palette, 3 * im->npalette);
    if (!img || !cs || !pal) {
        HPDF_CheckError(&pdf->error);
        return NULL;
    }
    img->header.obj_class |= HPDF_OSUBCLASS_XOBJECT;
    img->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    HPDF_STATUS ret = HPDF_Dict_AddName(img, "Type", "XObject");
    ret += HPDF_Dict_AddName(img, "Subtype", "Image");
    ret += HPDF_Dict_Add(img, "ColorSpace", cs);
    ret += HPDF_Array_AddName(cs, "Indexed");
    ret += HPDF_Array_AddName(cs, "DeviceRGB");
    ret += HPDF_Array_AddNumber(cs, (HPDF_INT32)im->npalette - 1);
    ret += HPDF_Array_Add(cs, pal);
    ret += HPDF_Dict_AddNumber(img, "Width", (HPDF_INT32)im->w);
    ret += HPDF_Dict_AddNumber(img, "Height", (HPDF_INT32)im->h);
    ret += HPDF_Dict_AddNumber(img, "BitsPerComponent", 8);
    if (ret == HPDF_OK)
        ret = to_file(pdf, img, im->pixels, (size_t)im->w * im->h)
                  ? HPDF_OK
                  : HPDF_Stream_Write(img->stream, im->pixels, (HPDF_UINT)im->w * im->h);
    if (ret == HPDF_OK)
        return img;
    HPDF_CheckError(&pdf->error);
    return NULL;
}

/* The decoded picture as a PDF image: pixels (flate-compressed, or as a JPEG when
 * as_jpeg: a JPEG downsampled), a palette's indices, or the JPEG itself. */
static HPDF_Image load(rd *r, const unsigned char *data, size_t len, const qb_picture *im, int as_jpeg,
                       qb_status *st)
{
    if (im->passthrough)
        return jpeg_xobject(r->pdf, data, len, im);
    if (as_jpeg && !im->palette) { /* a downsampled photo or scan stays a JPEG */
        unsigned char *j = NULL;
        size_t jn = 0;
        qb_err e = {0};
        if ((*st = qb_picture_jpeg(im, 85, &j, &jn, &e)) != QB_OK)
            return NULL;
        HPDF_Image img = jpeg_xobject(r->pdf, j, jn, im);
        free(j);
        return img;
    }
    if (im->palette)
        return indexed_xobject(r->pdf, im);
    HPDF_Image img = HPDF_LoadRawImageFromMem(r->pdf, im->pixels, im->w, im->h,
                                              im->channels == 1 ? HPDF_CS_DEVICE_GRAY : HPDF_CS_DEVICE_RGB, 8);
    if (img) {
        img->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
        /* libharu copied the pixels into its memory: they move to a file (deflated at save) */
        to_file(r->pdf, img, im->pixels, (size_t)im->w * im->h * (size_t)im->channels);
    }
    return img;
}

qb_status rd_picture(rd *r, const unsigned char *data, size_t len, float want_w, float want_h,
                     float max_w, float max_h, const char *what, const char *file)
{
    qb_picture pi;
    qb_err why = {0};
    qb_status st = QB_OK;
    HPDF_Image img = NULL;
    /* Known from the header: reported in the collect pass. Found while decoding:
     * reported in the draw pass. Either way once. */
    int bad = qb_picture_probe(data, len, &pi, &why) != QB_OK;
    int report = r->collect && bad;
    if (!bad && r->collect) {
        /* the picture may yet fail to decode: the placeholder's characters must be in the fonts */
        rd_shaped s = {0};
        rd_pstyle ps = rd_ps(QB_FONT_SONG, RD_XIAOWU, RD_CENTER);
        rd_span sp = rd_sp("图片无法显示：", ps.st), sp2 = rd_sp(corrupt, ps.st);
        st = rd_shape(r, &ps, &sp, 1, 1, &s);
        if (st == QB_OK)
            st = rd_shape(r, &ps, &sp2, 1, 1, &s);
        rd_shaped_free(&s);
        return st;
    }
    unsigned pw0 = 0, ph0 = 0;
    int orientation = 1;
    if (!bad) {
        qb_err derr = {0};
        /* the pixels the placed size needs at the set resolution (stored orientation) */
        float fw, fh;
        placed_size(pi.orientation, pi.w, pi.h, want_w, want_h, max_w, max_h, &fw, &fh);
        unsigned dpi = r->in->image_dpi ? r->in->image_dpi : 200;
        double tw = fw / 72.0 * dpi, th = fh / 72.0 * dpi;
        if (pi.orientation >= 5) {
            double t = tw;
            tw = th;
            th = t;
        }
        double k = tw / pi.w > th / pi.h ? tw / pi.w : th / pi.h;
        int shrink = k < 0.9; /* a little over the resolution is not worth a second encoding */
        qb_picture_kind kind = pi.kind;
        pw0 = pi.w; /* drawn at the size of the picture as it came */
        ph0 = pi.h;
        unsigned nw = (unsigned)(pi.w * k + 0.5), nh = (unsigned)(pi.h * k + 0.5);
        /* shrunk: decoded no larger than needed (a JPEG at a fraction of its size), then averaged */
        st = shrink ? qb_picture_decode_for(data, len, nw, nh, &pi, &derr)
                    : qb_picture_decode(data, len, QB_PICTURE_KEEP_JPEG, &pi, &derr);
        if (st == QB_ERR_NOMEM)
            return st;
        if (st == QB_OK && shrink && !pi.palette) {
            if ((st = qb_picture_shrink(&pi, nw ? nw : 1, nh ? nh : 1)) != QB_OK) {
                qb_picture_free(&pi);
                return st;
            }
            r->stats.downsampled++;
        }
        img = st == QB_OK ? load(r, data, len, &pi, kind == QB_PICTURE_JPEG && shrink, &st) : NULL;
        if (st == QB_ERR_NOMEM) {
            qb_picture_free(&pi);
            return st;
        }
        orientation = pi.orientation;
        qb_picture_free(&pi); /* libharu keeps its own copy */
        if (st == QB_OK && !img && (st = rd_hpdf_status(r)) == QB_ERR_NOMEM)
            return st;
        st = QB_OK;
        if (!img) { /* the label's text was shaped in the collect pass: always the same words */
            qb_err_set(&why, QB_ERR_FORMAT, "%s%.0s", "%.0s%s", corrupt, corrupt_en);
            bad = report = 1;
        }
    }
    if (bad) {
        char *label = qb_asprintf("图片无法显示：%s\n%s", why.zh, what ? what : "");
        char *zh = qb_asprintf("卷宗中有一幅图片无法显示，已用方框标出：%s（%s）", what ? what : "", why.zh);
        char *en = qb_asprintf("a picture could not be drawn and is shown as a box: %s (%s)", what ? what : "",
                               why.en);
        if (!label || !zh || !en)
            st = QB_ERR_NOMEM;
        if (st == QB_OK && report)
            st = rd_warn(r, "render.image", file, zh, en);
        free(zh);
        free(en);
        float w = want_w > 0 && want_w < max_w ? want_w : max_w * 0.6f;
        float h = want_h > 0 && want_h < max_h ? want_h : 80;
        if (h < 50)
            h = 50;
        if (st == QB_OK)
            st = rd_placeholder(r, w, h, label);
        free(label);
        return st;
    }
    int o = orientation;
    float w, h;
    placed_size(o, pw0, ph0, want_w, want_h, max_w, max_h, &w, &h);
    /* with its caption, when one follows: a figure and its caption share a page */
    if ((st = rd_need(r, h + r->keep_after)) != QB_OK)
        return st;
    float x = r->ml + (rd_width(r) - w) / 2, y = r->y - h, m[6];
    orient(o, x, y, w, h, m);
    HPDF_Page_GSave(r->page);
    HPDF_Page_Concat(r->page, m[0], m[1], m[2], m[3], m[4], m[5]);
    HPDF_Page_ExecuteXObject(r->page, img);
    HPDF_Page_GRestore(r->page);
    r->y -= h;
    r->stats.images++;
    return rd_hpdf_status(r);
}
