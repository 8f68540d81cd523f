/* fonts.h — the dossier's faces (two CJK, two Latin, one for symbols): found, checked for coverage, subset to the
 * glyphs a document uses and handed to libharu.
 *
 * 宋体 is AR PL UMing (fonts-arphic-uming), 黑体 is WenQuanYi Zen Hei (fonts-wqy-zenhei),
 * or the user's own TrueType files. libharu 2.3 parses a whole font for every
 * document and maps every BMP code point through the font's cmap by a linear scan
 * (LIBRARIES.md §1), so each face is first cut down with HarfBuzz's hb-subset to the
 * code points the document needs and given a compact cmap; the subset is written to a
 * private temporary file (libharu loads fonts only from a path) that is removed as
 * soon as libharu has opened it.
 *
 * Use: qb_fonts_open → qb_fonts_pick/qb_fonts_use for every character (the collect
 * pass) → qb_fonts_embed → qb_fonts_hpdf/qb_fonts_width while drawing → qb_fonts_close. */
#ifndef QB_FONTS_H
#define QB_FONTS_H

#include <hpdf.h>

#include "qb.h"

/* 宋体 and 黑体, and the Latin faces beside them: Latin letters and digits are drawn,
 * as Word draws them, in a Times-like serif beside 宋体 and an Arial-like sans beside
 * 黑体 (Liberation Serif / Sans, fonts-liberation2; metric-compatible with Times New
 * Roman and Arial). A Latin face that is not installed is left out: its CJK face
 * draws the Latin text then. */
/* Symbols neither CJK face has (⬤ U+2B24, ⊗ U+2297, arrows, dingbats) are drawn from DejaVu Sans
 * (fonts-dejavu-core): the last resort before 〓, after a look-alike the CJK faces have (a form's
 * □ √ stay the CJK faces' own); also left out when not installed. */
typedef enum {
    QB_FONT_SONG = 0,
    QB_FONT_HEI = 1,
    QB_FONT_SERIF = 2,
    QB_FONT_SANS = 3,
    QB_FONT_SYMBOL = 4,
    QB_NFONT
} qb_font_id;
#define QB_NCJK 2 /* the faces a style names; the others are picked per character */

/* Drawn in place of a character no face has (〓, the typesetter's mark for a missing
 * glyph), so the gap is visible; the caller also reports it. */
#define QB_FONTS_MISSING_CP 0x3013u

typedef struct qb_fonts qb_fonts;

/* Open the faces. song/hei: a TrueType file (.ttf, or .ttc whose first face is used),
 * NULL for the Debian default. On failure *why receives a bilingual one-line reason. */
qb_status qb_fonts_open(qb_fonts **out, const char *song, const char *hei, char **why);
void qb_fonts_close(qb_fonts *f);

/* The default file for a face: the Debian package's path, else what fontconfig's
 * fc-match finds for the family (checked to be that family). NULL when absent. */
char *qb_fonts_default_path(qb_font_id id);

/* Nonzero when the face has a glyph for cp (only BMP code points count: libharu's
 * UTF-8 encoder cannot address others). */
int qb_fonts_covers(const qb_fonts *f, qb_font_id id, unsigned cp);
/* The face that draws cp when `want` is asked for: for a Latin letter, digit or
 * ASCII mark the Latin face beside want; else want, else the other CJK face, else -1
 * (the caller then tries a look-alike, then QB_FONT_SYMBOL; at last it draws
 * QB_FONTS_MISSING_CP with want, and reports). */
int qb_fonts_pick(const qb_fonts *f, qb_font_id want, unsigned cp);
/* Record that face id draws cp (before qb_fonts_embed). */
qb_status qb_fonts_use(qb_fonts *f, qb_font_id id, unsigned cp);

/* Subset every face that was used and load it into pdf (call once). */
qb_status qb_fonts_embed(qb_fonts *f, HPDF_Doc pdf, char **why);
/* The loaded libharu font (NULL for a face nothing used). */
HPDF_Font qb_fonts_hpdf(const qb_fonts *f, qb_font_id id);
/* Advance of cp in 1/1000 em from the loaded font, cached per code point. */
int qb_fonts_width(qb_fonts *f, qb_font_id id, unsigned cp);
/* Glyphs kept in the subset of a face (0 before embedding); for reports and tests. */
unsigned qb_fonts_glyphs(const qb_fonts *f, qb_font_id id);

#endif
