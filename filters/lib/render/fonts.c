/* fonts.c — finding, checking, subsetting and loading the dossier's faces (fonts.h). */
#include "fonts.h"
#include "tmpblob.h"

#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include <hb-ot.h>
#include <hb-subset.h>
#include <hb.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


typedef struct {
    char *path;
    hb_blob_t *blob;   /* the font file, memory-mapped by HarfBuzz */
    hb_face_t *face;
    hb_font_t *font;   /* for cmap lookups (coverage) */
    hb_set_t *used;    /* code points this face draws */
    HPDF_Font hf;      /* after qb_fonts_embed */
    short *width;      /* per BMP code point: advance + 1, 0 = not cached yet */
    unsigned glyphs;   /* glyphs kept in the subset */
    int absent;        /* a Latin face that is not installed */
} face_t;

struct qb_fonts {
    face_t f[QB_NFONT];
    /* 黑体 is the same font as 宋体 (same PostScript name): libharu would load it
     * once and draw 黑体 text with 宋体's subset, so it is treated as one face. */
    int hei_is_song;
};

/* The face that stands for id. */
static int face_of(const qb_fonts *fs, qb_font_id id)
{
    return id == QB_FONT_HEI && fs->hei_is_song ? QB_FONT_SONG : (int)id;
}

static void ps_name(hb_face_t *face, char *buf, unsigned size)
{
    unsigned len = size;
    buf[0] = '\0';
    hb_ot_name_get_utf8(face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &len, buf);
}

/* Debian's files, then the family fontconfig must confirm (fc-match always answers
 * with *some* font, so the family it reports is checked). */
static const struct {
    const char *path, *family, *family_check, *package, *zh;
} known[QB_NFONT] = {
    {"/usr/share/fonts/truetype/arphic/uming.ttc", "AR PL UMing CN", "UMing",
     "fonts-arphic-uming", "宋体"},
    {"/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", "WenQuanYi Zen Hei", "Zen Hei",
     "fonts-wqy-zenhei", "黑体"},
    {"/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf", "Liberation Serif", "Liberation Serif",
     "fonts-liberation2", "西文衬线"},
    {"/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf", "Liberation Sans", "Liberation Sans",
     "fonts-liberation2", "西文无衬线"},
    {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "DejaVu Sans", "DejaVu Sans", "fonts-dejavu-core", "符号"},
};

static int is_file(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

char *qb_fonts_default_path(qb_font_id id)
{
    if ((unsigned)id >= QB_NFONT)
        return NULL;
    if (is_file(known[id].path))
        return qb_strdup(known[id].path);
    /* The family names are constants of this file, so the command line is fixed. */
    char *cmd = qb_asprintf("fc-match -f '%%{family}|%%{file}' '%s' 2>/dev/null", known[id].family);
    if (!cmd)
        return NULL;
    FILE *p = popen(cmd, "r");
    free(cmd);
    if (!p)
        return NULL;
    char line[4096];
    size_t n = fread(line, 1, sizeof line - 1, p);
    pclose(p);
    line[n] = '\0';
    char *bar = strchr(line, '|');
    if (!bar)
        return NULL;
    *bar = '\0';
    if (!strstr(line, known[id].family_check) || !is_file(bar + 1))
        return NULL;
    return qb_strdup(bar + 1);
}

static qb_status open_face(face_t *f, qb_font_id id, const char *path, char **why)
{
    f->path = path ? qb_strdup(path) : qb_fonts_default_path(id);
    if (!f->path) {
        if (path)
            return QB_ERR_NOMEM;
        *why = qb_asprintf("缺少%s字体（请安装 %s）/ %s font not found: install %s",
                           known[id].zh, known[id].package, known[id].family, known[id].package);
        return QB_ERR_CONFIG;
    }
    f->blob = hb_blob_create_from_file_or_fail(f->path);
    if (!f->blob) {
        *why = qb_asprintf("无法读取字体文件 %s / cannot read font file %s", f->path, f->path);
        return QB_ERR_IO;
    }
    f->face = hb_face_create(f->blob, 0);
    hb_blob_t *glyf = hb_face_reference_table(f->face, HB_TAG('g', 'l', 'y', 'f'));
    unsigned glyf_len = hb_blob_get_length(glyf);
    hb_blob_destroy(glyf);
    if (hb_face_get_glyph_count(f->face) == 0 || glyf_len == 0) {
        /* libharu 2.3 reads TrueType outlines only (no CFF/OpenType-PS, LIBRARIES.md §1a). */
        *why = qb_asprintf("字体文件 %s 不是 TrueType 轮廓字体 / %s is not a TrueType-outline font",
                           f->path, f->path);
        return QB_ERR_CONFIG;
    }
    f->font = hb_font_create(f->face);
    f->used = hb_set_create();
    if (!hb_set_allocation_successful(f->used))
        return QB_ERR_NOMEM;
    return QB_OK;
}

qb_status qb_fonts_open(qb_fonts **out, const char *song, const char *hei, char **why)
{
    *out = NULL;
    *why = NULL;
    qb_fonts *fs = calloc(1, sizeof *fs);
    if (!fs)
        return QB_ERR_NOMEM;
    const char *paths[QB_NFONT] = {song, hei, NULL, NULL, NULL};
    for (int i = 0; i < QB_NFONT; i++) {
        qb_status st = open_face(&fs->f[i], (qb_font_id)i, paths[i], why);
        if (st != QB_OK && i >= QB_NCJK && st != QB_ERR_NOMEM) { /* Latin and symbol faces are optional */
            free(*why);
            *why = NULL;
            fs->f[i].absent = 1;
            continue;
        }
        if (st != QB_OK) {
            qb_fonts_close(fs);
            return st;
        }
    }
    char a[128], b[128];
    ps_name(fs->f[QB_FONT_SONG].face, a, sizeof a);
    ps_name(fs->f[QB_FONT_HEI].face, b, sizeof b);
    fs->hei_is_song = strcmp(a, b) == 0;
    *out = fs;
    return QB_OK;
}

void qb_fonts_close(qb_fonts *fs)
{
    if (!fs)
        return;
    for (int i = 0; i < QB_NFONT; i++) {
        face_t *f = &fs->f[i];
        hb_font_destroy(f->font);
        hb_face_destroy(f->face);
        hb_blob_destroy(f->blob);
        hb_set_destroy(f->used);
        free(f->width);
        free(f->path);
    }
    free(fs);
}

int qb_fonts_covers(const qb_fonts *fs, qb_font_id id, unsigned cp)
{
    hb_codepoint_t g;
    /* U+FFFF is the cmap's end marker; above it libharu's UTF-8 encoder has no code. */
    if ((unsigned)id >= QB_NFONT || cp >= 0xFFFF || (cp >= 0xD800 && cp <= 0xDFFF) || fs->f[id].absent)
        return 0;
    return hb_font_get_nominal_glyph(fs->f[face_of(fs, id)].font, cp, &g) && g != 0;
}

/* Characters Word draws with a run's Latin font (w:ascii, w:hAnsi): ASCII letters,
 * digits and marks, Latin-1 and Latin Extended letters, Greek and Cyrillic. The space
 * and the marks Chinese text shares (· × ÷, curly quotes) stay with the CJK face. */
static int latin_cp(unsigned cp)
{
    return (cp >= 0x21 && cp <= 0x7E) || (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ||
           (cp >= 0x370 && cp <= 0x52F);
}

int qb_fonts_pick(const qb_fonts *fs, qb_font_id want, unsigned cp)
{
    if (want >= QB_NCJK) /* a Latin or symbol face asked for itself: a CJK face stands behind it */
        want = want == QB_FONT_SANS ? QB_FONT_HEI : QB_FONT_SONG;
    qb_font_id latin = want == QB_FONT_SONG ? QB_FONT_SERIF : QB_FONT_SANS;
    if (latin_cp(cp) && qb_fonts_covers(fs, latin, cp))
        return (int)latin;
    /* uming's Greek and Cyrillic are full-width (GB2312) forms, so Russian text set
     * in it is spaced letter by letter; Word draws these scripts with the Latin font.
     * zenhei's are proportional: they go to 黑体. */
    if (want == QB_FONT_SONG && cp >= 0x370 && cp <= 0x52F && qb_fonts_covers(fs, QB_FONT_HEI, cp))
        return QB_FONT_HEI;
    if (qb_fonts_covers(fs, want, cp))
        return (int)want;
    qb_font_id other = want == QB_FONT_SONG ? QB_FONT_HEI : QB_FONT_SONG;
    if (qb_fonts_covers(fs, other, cp))
        return (int)other;
    return -1;
}

qb_status qb_fonts_use(qb_fonts *fs, qb_font_id id, unsigned cp)
{
    if ((unsigned)id >= QB_NFONT)
        return QB_ERR_USAGE;
    face_t *f = &fs->f[face_of(fs, id)];
    hb_set_add(f->used, cp);
    return hb_set_allocation_successful(f->used) ? QB_OK : QB_ERR_NOMEM;
}

static void put16(unsigned char *p, unsigned v)
{
    p[0] = (unsigned char)(v >> 8);
    p[1] = (unsigned char)v;
}

/* A cmap (3,1) format 4 with few segments. libharu maps all 65,536 code points
 * through the cmap when it loads a font, scanning the segments linearly for each; the
 * subsetter's cmap has about one segment per used character (CJK text is scattered),
 * which made loading a 2,000-glyph face cost ~35 ms. Here neighbouring code points
 * share a segment whose unused slots map to glyph 0 (glyphIdArray), so there are a
 * handful of segments. The gap allowed inside a segment shrinks until the subtable
 * fits its 16-bit length. Returns NULL when it cannot fit (keep the subsetter's). */
static hb_blob_t *compact_cmap(hb_face_t *sub, const hb_set_t *cps)
{
    size_t n = hb_set_get_population(cps);
    unsigned *cp = malloc((n ? n : 1) * sizeof *cp);
    hb_codepoint_t *gid = malloc((n ? n : 1) * sizeof *gid);
    hb_font_t *font = hb_font_create(sub);
    hb_blob_t *out = NULL;
    size_t k = 0;
    if (!cp || !gid)
        goto done;
    for (hb_codepoint_t c = HB_SET_VALUE_INVALID; hb_set_next(cps, &c);) {
        if (c >= 0xFFFF)
            break;
        hb_codepoint_t g = 0;
        if (hb_font_get_nominal_glyph(font, c, &g) && g) {
            cp[k] = c;
            gid[k] = g;
            k++;
        }
    }
    static const unsigned gaps[] = {512, 128, 32, 8, 2, 0};
    for (size_t gi = 0; gi < sizeof gaps / sizeof gaps[0] && !out; gi++) {
        /* Count segments and array slots for this gap. */
        size_t segs = 1, slots = 0; /* the final 0xFFFF segment */
        for (size_t i = 0; i < k;) {
            size_t j = i;
            while (j + 1 < k && cp[j + 1] - cp[j] <= gaps[gi] + 1)
                j++;
            segs++;
            slots += cp[j] - cp[i] + 1;
            i = j + 1;
        }
        size_t len = 16 + 8 * segs + 2 * slots;
        if (len > 0xFFFF)
            continue;
        size_t total = 12 + len;
        unsigned char *t = calloc(1, total);
        if (!t)
            goto done;
        put16(t, 0);        /* cmap version */
        put16(t + 2, 1);    /* one subtable */
        put16(t + 4, 3);    /* Windows */
        put16(t + 6, 1);    /* Unicode BMP */
        t[8] = t[9] = 0;
        put16(t + 10, 12);  /* offset of the subtable (32-bit, high half 0) */
        unsigned char *s = t + 12;
        unsigned sr = 1, es = 0;
        while (sr * 2 <= segs) {
            sr *= 2;
            es++;
        }
        put16(s, 4);
        put16(s + 2, (unsigned)len);
        put16(s + 4, 0);
        put16(s + 6, (unsigned)(segs * 2));
        put16(s + 8, sr * 2);
        put16(s + 10, es);
        put16(s + 12, (unsigned)(segs * 2 - sr * 2));
        unsigned char *end = s + 14, *start = end + 2 * segs + 2, *delta = start + 2 * segs,
                      *range = delta + 2 * segs, *arr = range + 2 * segs;
        size_t seg = 0, pos = 0;
        for (size_t i = 0; i < k;) {
            size_t j = i;
            while (j + 1 < k && cp[j + 1] - cp[j] <= gaps[gi] + 1)
                j++;
            put16(end + 2 * seg, cp[j]);
            put16(start + 2 * seg, cp[i]);
            put16(delta + 2 * seg, 0);
            /* byte distance from this idRangeOffset word to its first glyphIdArray slot */
            put16(range + 2 * seg, (unsigned)(2 * (segs - seg) + 2 * pos));
            for (size_t m = i; m <= j; m++)
                put16(arr + 2 * (pos + cp[m] - cp[i]), gid[m]);
            pos += cp[j] - cp[i] + 1;
            seg++;
            i = j + 1;
        }
        put16(end + 2 * seg, 0xFFFF);
        put16(start + 2 * seg, 0xFFFF);
        put16(delta + 2 * seg, 1);
        put16(range + 2 * seg, 0);
        out = hb_blob_create((const char *)t, (unsigned)total, HB_MEMORY_MODE_WRITABLE, t, free);
    }
done:
    hb_font_destroy(font);
    free(cp);
    free(gid);
    return out;
}

/* The subset as a font file in memory: hb-subset, then its tables re-assembled with
 * the compact cmap. */
static qb_status subset_face(face_t *f, hb_blob_t **out)
{
    *out = NULL;
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    if (!in)
        return QB_ERR_NOMEM;
    hb_set_union(hb_subset_input_unicode_set(in), f->used);
    /* libharu embeds only the TrueType tables a PDF needs; the rest is wasted work. */
    static const char *const drop[] = {"GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "DSIG",
                                       "EBDT", "EBLC", "EBSC", "bdat", "bloc", "BDF ", "FFTM",
                                       "vhea", "vmtx", "VORG", "gasp", "hdmx", "LTSH", "VDMX",
                                       "kern", "PCLT", "morx", "kerx", "feat"};
    hb_set_t *ds = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
    for (size_t i = 0; i < sizeof drop / sizeof drop[0]; i++)
        hb_set_add(ds, hb_tag_from_string(drop[i], 4));
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
    hb_face_t *sub = hb_subset_or_fail(f->face, in);
    hb_subset_input_destroy(in);
    if (!sub)
        return QB_ERR_FORMAT;
    f->glyphs = hb_face_get_glyph_count(sub);
    hb_blob_t *sblob = hb_face_reference_blob(sub);
    hb_face_destroy(sub);
    hb_face_t *sf = hb_face_create(sblob, 0);
    hb_blob_t *cmap = compact_cmap(sf, f->used);
    if (!cmap) { /* keep the subsetter's cmap: slower to load, still right */
        hb_face_destroy(sf);
        *out = sblob;
        return QB_OK;
    }
    hb_face_t *b = hb_face_builder_create();
    hb_tag_t tags[64];
    unsigned off = 0, cnt;
    do {
        cnt = sizeof tags / sizeof tags[0];
        hb_face_get_table_tags(sf, off, &cnt, tags);
        for (unsigned i = 0; i < cnt; i++) {
            hb_blob_t *t = tags[i] == HB_TAG('c', 'm', 'a', 'p') ? hb_blob_reference(cmap)
                                                                  : hb_face_reference_table(sf, tags[i]);
            hb_face_builder_add_table(b, tags[i], t);
            hb_blob_destroy(t);
        }
        off += cnt;
    } while (cnt == sizeof tags / sizeof tags[0]);
    *out = hb_face_reference_blob(b);
    hb_face_destroy(b);
    hb_blob_destroy(cmap);
    hb_face_destroy(sf);
    hb_blob_destroy(sblob);
    return hb_blob_get_length(*out) ? QB_OK : QB_ERR_NOMEM;
}

/* libharu 2.3 gives a UTF-8 font its encoding CMap as /ToUnicode: "begincidrange" is
 * not a ToUnicode operator, and every poppler tool warns about it. The codes are
 * Unicode code points (Identity-H over UTF-16 units of the BMP), so the ToUnicode CMap
 * maps each code to itself: one bfrange per high byte (a bfrange keeps its high byte),
 * the surrogates' D8–DF left out. */
static qb_status fix_tounicode(HPDF_Font hf)
{
    HPDF_Dict cmap = HPDF_Dict_GetItem(hf, "ToUnicode", HPDF_OCLASS_DICT);
    if (!cmap || !cmap->stream)
        return QB_OK;
    HPDF_MemStream_FreeData(cmap->stream);
    cmap->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    HPDF_Dict_RemoveElement(cmap, "CMapName");
    HPDF_Dict_RemoveElement(cmap, "CIDSystemInfo");
    HPDF_Dict_RemoveElement(cmap, "WMode");
    HPDF_Dict_RemoveElement(cmap, "Type");
    HPDF_STATUS r = HPDF_Stream_WriteStr(cmap->stream, "/CIDInit /ProcSet findresource begin\n"
                                                      "12 dict begin\nbegincmap\n"
                                                      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
                                                      "/Supplement 0 >> def\n"
                                                      "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                                                      "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    unsigned hi[256], n = 0;
    for (unsigned h = 0; h < 256; h++)
        if (h < 0xD8 || h > 0xDF)
            hi[n++] = h;
    for (unsigned i = 0; i < n && r == HPDF_OK; i += 100) {
        unsigned k = n - i < 100 ? n - i : 100;
        char line[64];
        snprintf(line, sizeof line, "%u beginbfrange\n", k);
        r = HPDF_Stream_WriteStr(cmap->stream, line);
        for (unsigned j = 0; j < k && r == HPDF_OK; j++) {
            snprintf(line, sizeof line, "<%02X00> <%02XFF> <%02X00>\n", hi[i + j], hi[i + j], hi[i + j]);
            r = HPDF_Stream_WriteStr(cmap->stream, line);
        }
        if (r == HPDF_OK)
            r = HPDF_Stream_WriteStr(cmap->stream, "endbfrange\n");
    }
    if (r == HPDF_OK)
        r = HPDF_Stream_WriteStr(cmap->stream, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    return r == HPDF_OK ? QB_OK : QB_ERR_NOMEM;
}

/* libharu loads only from a path: a private temporary file, unlinked once libharu has
 * it open (it reads the glyph data again when the PDF is saved, from its open file). */
static qb_status load_blob(HPDF_Doc pdf, hb_blob_t *blob, HPDF_Font *hf)
{
    unsigned len;
    const char *data = hb_blob_get_data(blob, &len);
    char *path;
    qb_status st = qb_tmpblob(data, len, "font", &path);
    if (st != QB_OK)
        return st;
    const char *name = HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE);
    unlink(path);
    free(path);
    if (!name)
        return QB_ERR_FORMAT;
    *hf = HPDF_GetFont(pdf, name, "UTF-8");
    if (!*hf)
        return QB_ERR_FORMAT;
    return fix_tounicode(*hf);
}

qb_status qb_fonts_embed(qb_fonts *fs, HPDF_Doc pdf, char **why)
{
    *why = NULL;
    for (int i = 0; i < QB_NFONT; i++) {
        face_t *f = &fs->f[i];
        if (f->absent || f->hf || hb_set_is_empty(f->used))
            continue;
        hb_blob_t *blob;
        qb_status st = subset_face(f, &blob);
        if (st == QB_OK) {
            st = load_blob(pdf, blob, &f->hf);
            hb_blob_destroy(blob);
        }
        if (st == QB_OK && !(f->width = calloc(0x10000, sizeof *f->width)))
            st = QB_ERR_NOMEM;
        if (st != QB_OK) {
            *why = qb_asprintf("无法嵌入字体 %s / cannot embed font %s (%s)", f->path, f->path,
                               qb_status_str(st));
            return st;
        }
    }
    return QB_OK;
}

HPDF_Font qb_fonts_hpdf(const qb_fonts *fs, qb_font_id id)
{
    return (unsigned)id < QB_NFONT ? fs->f[face_of(fs, id)].hf : NULL;
}

int qb_fonts_width(qb_fonts *fs, qb_font_id id, unsigned cp)
{
    face_t *f = (unsigned)id < QB_NFONT ? &fs->f[face_of(fs, id)] : NULL;
    if (!f || !f->hf || cp > 0xFFFF)
        return 0;
    if (!f->width[cp])
        f->width[cp] = (short)(HPDF_Font_GetUnicodeWidth(f->hf, (HPDF_UNICODE)cp) + 1);
    return f->width[cp] - 1;
}

unsigned qb_fonts_glyphs(const qb_fonts *fs, qb_font_id id)
{
    return (unsigned)id < QB_NFONT ? fs->f[id].glyphs : 0;
}
