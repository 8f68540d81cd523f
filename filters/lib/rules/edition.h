/* edition.h — one call's rules (templates/rules/NAME.ini), loaded and validated.
 *
 * The file is INI: [section] then key = value lines, ';' or '#' comments. A key may
 * repeat where the schema allows lists (heading patterns, fonts, criteria). Every
 * value is checked while reading, so an error names its line. `base = OTHER` as the
 * first key of [edition] loads OTHER first and overrides it (a secretariat's copy
 * for next year changes only what changed). The schema lives in edition.c. */
#ifndef QB_EDITION_H
#define QB_EDITION_H

#include "err.h"
#include "qb.h"
#include "secid.h"

typedef enum { QB_COUNT_WORDS = 0, QB_COUNT_CHARS = 1 } qb_count_mode;

typedef struct {
    char *section, *key, *value;
    int line;
    char *file;
    void *re;      /* compiled pcre2 pattern for pattern keys (pcre2_code *), else NULL */
    void *re_jit;  /* the same pattern anchored and JIT-compiled (qb_edition_jit), else NULL */
} qb_edition_entry;

typedef struct {
    char *name;           /* e.g. "caq-2023" */
    char *title;          /* human title of the call */
    qb_count_mode count_mode;
    long limit[QB_NSEC];  /* 字数 limits per section */
    qb_edition_entry *e;  /* every entry in file order (bases first) */
    size_t n, cap;
    struct qb_font_alias *aliases; /* [fonts], sorted for lookup (built at load) */
    size_t naliases;
    int jit;              /* qb_edition_jit has run: qb_edition_patterns gives re_jit */
} qb_edition;

/* Load by name (looked up in the rules folders, see qb_edition_dir) or by path.
 * On failure e (may be NULL) gets the reason, naming the file and line of a bad rules
 * file ("rules.ini:12：title_size 应为…" / "rules.ini:12: title_size: expected …"):
 * QB_ERR_CONFIG a bad file, QB_ERR_IO one that cannot be opened, QB_ERR_USAGE a name
 * that is no edition name, QB_ERR_NOMEM. */
qb_status qb_edition_load(const char *name_or_path, qb_edition *ed, qb_err *e);
void qb_edition_free(qb_edition *ed);

/* For a process that checks many documents with one edition (qb-serve, qb-batch): each
 * pattern compiled again, anchored, by pcre2's JIT, which qb_patterns_match then uses
 * (JIT does not take PCRE2_ANCHORED at match time, only at compile time); a search
 * anywhere (qb_patterns.re) keeps the pattern as loaded. A pattern the
 * JIT refuses is still matched, by the interpreter. Not worth its cost for one document:
 * compiling takes about as long as one check's matching. */
qb_status qb_edition_jit(qb_edition *ed);

/* The default edition's name. */
#define QB_EDITION_DEFAULT "caq-2023"

/* The last value of section.key, or NULL. */
const char *qb_edition_get(const qb_edition *ed, const char *section, const char *key);
/* The compiled pattern of an entry (pcre2_code *), owned by the edition: every pattern
 * is compiled once, when the file is loaded, with one set of flags — UTF, UCP (\d, \s
 * and \w know Chinese text), MATCH_INVALID_UTF (a stray byte fails to match rather
 * than failing the search) and CASELESS (Figure = figure, DOCX = docx in names).
 * Nothing else compiles an edition's pattern. */
const void *qb_edition_regex(const qb_edition_entry *x);

/* The compiled patterns of every value of section.key, in file order (the edition
 * owns them; free the list with qb_patterns_free). */
typedef struct {
    const void **re;  /* pcre2_code *, as loaded: for a search anywhere in a text */
    const void **jit; /* re_jit of each, or NULL (no qb_edition_jit): qb_patterns_match's */
    size_t n, cap, jitcap;
} qb_patterns;
qb_status qb_edition_patterns(const qb_edition *ed, const char *section, const char *key, qb_patterns *out);
void qb_patterns_free(qb_patterns *p);
/* End offset of the match at the start of s[0, len) of the first pattern that
 * matches (options: extra pcre2_match options, e.g. PCRE2_ENDANCHORED), or -1.
 * md: a pcre2_match_data * of the caller's. */
long qb_patterns_match(const qb_patterns *p, const char *s, size_t len, unsigned options, void *md);
/* Integer value of section.key, or dflt when absent (values are validated at load). */
/* A date YYYY-MM-DD: nonzero when valid, with YYYYMMDD in *ymd (may be NULL). */
int qb_edition_date(const char *v, int *ymd);
/* The call's deadline for packages ([edition] deadline = YYYY-MM-DD) as YYYYMMDD;
 * 0 when it sets none (absent, or "none" to drop a base edition's). */
int qb_edition_deadline(const qb_edition *ed);
long qb_edition_int(const qb_edition *ed, const char *section, const char *key, long dflt);
/* Iterate over all values of section.key (key NULL: every key of the section):
 * start with *pos = 0; returns the entry or NULL at the end. */
const qb_edition_entry *qb_edition_next(const qb_edition *ed, const char *section,
                                        const char *key, size_t *pos);
/* Chinese type size names (小四, 五号 …) or a number of points → half-points; 0 if unknown. */
int qb_size_halfpoints(const char *s);
/* The Chinese name of a size in half-points ("小四"), or NULL when it has none. */
const char *qb_size_name(int halfpoints);
/* Canonical font name for an alias per [fonts] (e.g. SimSun → 宋体); the name itself
 * when no alias matches. */
const char *qb_edition_font_canonical(const qb_edition *ed, const char *font);

/* Folder holding the editions: $QB_RULES_DIR, else ../templates/rules beside the
 * program's bin/, else the installed share/qbintake/rules. Caller frees. */
char *qb_edition_dir(void);

#endif
