/* render_image.c — pictures: PNG and JPEG drawn (JPEG turned upright by its EXIF
 * orientation), everything else a framed placeholder that says what it was.
 * Headers are checked before libharu sees the data, so a hostile picture can cost
 * neither unbounded memory nor a PDF that viewers cannot open. */
#include "render_int.h"

#include <hpdf_objects.h>

#include <stdlib.h>
#include <string.h>

#define MAX_PIXELS (40u * 1000u * 1000u) /* a 40-megapixel photo is the largest drawn */
#define MAX_SIDE 20000u

typedef struct {
    int kind;          /* 1 PNG, 2 JPEG, 0 other */
    unsigned w, h;     /* stored pixels */
    int orientation;   /* EXIF 1–8 (JPEG), 1 otherwise */
    const char *why;   /* set when it cannot be drawn: Chinese … */
    const char *why_en;/* … and English */
} picinfo;

#define WHY(pi, zh, en) ((pi)->why = (zh), (pi)->why_en = (en))

static unsigned be16(const unsigned char *p) { return (unsigned)p[0] << 8 | p[1]; }
static unsigned long be32(const unsigned char *p)
{
    return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 | p[3];
}

/* The Orientation tag (0x0112) of an EXIF APP1 payload; 1 when absent or malformed. */
static int exif_orientation(const unsigned char *p, size_t n)
{
    if (n < 14 || memcmp(p, "Exif\0\0", 6) != 0)
        return 1;
    p += 6;
    n -= 6;
    int le = p[0] == 'I' && p[1] == 'I';
    if (!le && !(p[0] == 'M' && p[1] == 'M'))
        return 1;
#define RD16(q) (le ? (unsigned)(q)[0] | (unsigned)(q)[1] << 8 : be16(q))
#define RD32(q) (le ? (unsigned long)(q)[0] | (unsigned long)(q)[1] << 8 | (unsigned long)(q)[2] << 16 | (unsigned long)(q)[3] << 24 : be32(q))
    unsigned long ifd = RD32(p + 4);
    if (ifd + 2 > n)
        return 1;
    unsigned count = RD16(p + ifd);
    for (unsigned i = 0; i < count; i++) {
        unsigned long e = ifd + 2 + 12ul * i;
        if (e + 12 > n)
            break;
        if (RD16(p + e) == 0x0112) {
            unsigned v = RD16(p + e + 8);
            return v >= 1 && v <= 8 ? (int)v : 1;
        }
    }
#undef RD16
#undef RD32
    return 1;
}

static void probe_jpeg(const unsigned char *d, size_t n, picinfo *pi)
{
    WHY(pi, "JPEG 文件结构不完整", "truncated JPEG");
    size_t i = 2;
    while (i + 4 <= n) {
        if (d[i] != 0xFF) {
            i++;
            continue;
        }
        unsigned m = d[i + 1];
        if (m == 0xFF) {
            i++;
            continue;
        }
        if (m == 0xD8 || (m >= 0xD0 && m <= 0xD7) || m == 0x01) {
            i += 2;
            continue;
        }
        if (m == 0xD9 || m == 0xDA)
            return; /* image data before any frame header */
        unsigned len = be16(d + i + 2);
        if (len < 2 || i + 2 + len > n)
            return;
        const unsigned char *seg = d + i + 4;
        if (m == 0xE1)
            pi->orientation = exif_orientation(seg, len - 2);
        if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
            if (len < 8)
                return;
            pi->h = be16(seg + 1);
            pi->w = be16(seg + 3);
            unsigned comps = seg[5];
            if (m != 0xC0 && m != 0xC1 && m != 0xC2)
                /* lossless, hierarchical and arithmetic-coded JPEG: most PDF viewers cannot decode them */
                WHY(pi, "JPEG 编码方式（算术编码或无损）PDF 阅读器不支持", "JPEG coding PDF viewers cannot decode");
            else if (seg[0] != 8)
                WHY(pi, "12 位 JPEG，PDF 阅读器不支持", "12-bit JPEG");
            else if (comps != 1 && comps != 3 && comps != 4)
                WHY(pi, "JPEG 颜色通道数异常", "unusual JPEG components");
            else if (pi->w == 0 || pi->h == 0)
                WHY(pi, "JPEG 尺寸为零", "JPEG without a size");
            else
                WHY(pi, NULL, NULL);
            return;
        }
        i += 2 + len;
    }
}

static void probe(const unsigned char *d, size_t n, picinfo *pi)
{
    memset(pi, 0, sizeof *pi);
    pi->orientation = 1;
    if (n >= 33 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0 && memcmp(d + 12, "IHDR", 4) == 0) {
        pi->kind = 1;
        pi->w = (unsigned)be32(d + 16);
        pi->h = (unsigned)be32(d + 20);
        if (pi->w == 0 || pi->h == 0)
            WHY(pi, "PNG 尺寸为零", "PNG without a size");
    } else if (n >= 4 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF) {
        pi->kind = 2;
        probe_jpeg(d, n, pi);
    } else {
        if (n >= 4 && (memcmp(d, "\x01\0\0\0", 4) == 0 || memcmp(d, "\xd7\xcd\xc6\x9a", 4) == 0 ||
                       memcmp(d, "\x01\0\x09\0", 4) == 0 || memcmp(d, "\x02\0\x09\0", 4) == 0))
            WHY(pi, "EMF/WMF 矢量图，无法直接绘制", "EMF/WMF vector picture");
        else if (n >= 3 && memcmp(d, "GIF", 3) == 0)
            WHY(pi, "GIF 图片", "GIF picture");
        else if (n >= 2 && memcmp(d, "BM", 2) == 0)
            WHY(pi, "BMP 图片", "BMP picture");
        else if (n >= 4 && (memcmp(d, "II*\0", 4) == 0 || memcmp(d, "MM\0*", 4) == 0))
            WHY(pi, "TIFF 图片", "TIFF picture");
        else if (n == 0)
            WHY(pi, "图片数据缺失", "the picture data is missing");
        else
            WHY(pi, "不支持的图片格式", "unsupported picture format");
        return;
    }
    if (!pi->why && (pi->w > MAX_SIDE || pi->h > MAX_SIDE || (unsigned long long)pi->w * pi->h > MAX_PIXELS))
        WHY(pi, "图片像素过多（超过 4000 万）", "picture over 40 megapixels");
}

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

static const char corrupt[] = "图片数据损坏，无法解码", corrupt_en[] = "the picture data is corrupt";

qb_status rd_picture(rd *r, const unsigned char *data, size_t len, float want_w, float want_h,
                     float max_w, float max_h, const char *what, const char *file)
{
    picinfo pi;
    probe(data, len, &pi);
    qb_status st = QB_OK;
    HPDF_Image img = NULL;
    /* Known from the header: reported in the collect pass. Found by libharu while
     * decoding: reported in the draw pass. Either way once. */
    int report = r->collect && pi.why;
    if (!pi.why && r->collect) {
        /* libharu may yet refuse it: the placeholder's characters must be in the fonts */
        rd_shaped s = {0};
        rd_pstyle ps = rd_ps(QB_FONT_SONG, RD_XIAOWU, RD_CENTER);
        rd_span sp = rd_sp("图片无法显示：", ps.st), sp2 = rd_sp(corrupt, ps.st);
        st = rd_shape(r, &ps, &sp, 1, 1, &s);
        if (st == QB_OK)
            st = rd_shape(r, &ps, &sp2, 1, 1, &s);
        rd_shaped_free(&s);
        return st;
    }
    if (!pi.why) {
        img = pi.kind == 1 ? HPDF_LoadPngImageFromMem(r->pdf, data, (HPDF_UINT)len)
                           : HPDF_LoadJpegImageFromMem(r->pdf, data, (HPDF_UINT)len);
        /* libharu 2.3 writes a PNG's alpha channel (SMask) uncompressed whatever
         * the compression mode: a 1264×388 screenshot's mask was 479 KB. */
        HPDF_Dict mask = img ? HPDF_Dict_GetItem(img, "SMask", HPDF_OCLASS_DICT) : NULL;
        if (mask)
            mask->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
        if (!img) {
            qb_status e = rd_hpdf_status(r);
            if (e == QB_ERR_NOMEM)
                return e;
            WHY(&pi, corrupt, corrupt_en);
            report = 1;
        }
    }
    if (pi.why) {
        char *label = qb_asprintf("图片无法显示：%s\n%s", pi.why, what ? what : "");
        char *zh = qb_asprintf("卷宗中有一幅图片无法显示，已用方框标出：%s（%s）", what ? what : "", pi.why);
        char *en = qb_asprintf("a picture could not be drawn and is shown as a box: %s (%s)", what ? what : "",
                               pi.why_en);
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
    int o = pi.orientation;
    float iw = (float)(o >= 5 ? pi.h : pi.w), ih = (float)(o >= 5 ? pi.w : pi.h);
    /* natural size: as placed in the document, else 96 pixels per inch */
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
    if ((st = rd_need(r, h)) != QB_OK)
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
