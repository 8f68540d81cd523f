/* edition.c — loading and validating rule editions (DESIGN §5). */
#define _GNU_SOURCE
#include "edition.h"
#include "err.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <ini.h>
#include <pcre2.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "form.h"
#include "module.h"
#include "module.h"
#include "utf8.h"

#define QB_ALIAS_MAX 128

/* The one set of flags every pattern of an edition is compiled with (edition.h). */
#define QB_PATTERN_FLAGS (PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF | PCRE2_CASELESS)

#ifndef QB_DATADIR
#define QB_DATADIR "/usr/local/share/qbintake"
#endif

typedef enum {
    T_STR, T_INT, T_PATTERN, T_COUNTMODE, T_SIZE, T_BOOL, T_REQ, T_LIST, T_CRITERION,
    T_ALIGN, T_PAGE, T_SPACING, T_SEVERITY, T_NUMBER, T_DATE, T_FIELD, T_SCOPEKEY, T_COUNT
} vtype;

typedef struct {
    const char *section, *key; /* key "*" = any key in that section */
    vtype type;
    int multi;                 /* may repeat */
} schema_row;

/* What an edition may say. A key not listed here is an error naming its line. */
static const schema_row schema[] = {
    {"edition", "base", T_STR, 0},         {"edition", "name", T_STR, 0},
    {"edition", "title", T_STR, 0},        {"edition", "organiser", T_STR, 0},
    {"edition", "year", T_INT, 0},         {"edition", "counting", T_COUNTMODE, 0},
    {"edition", "deadline", T_DATE, 0},
    {"limits", "title", T_INT, 0},         {"limits", "abstract", T_INT, 0},
    {"limits", "overview", T_INT, 0},      {"limits", "practice", T_INT, 0},
    {"limits", "results", T_INT, 0},
    {"headings", "abstract", T_PATTERN, 1}, {"headings", "overview", T_PATTERN, 1},
    {"headings", "practice", T_PATTERN, 1}, {"headings", "results", T_PATTERN, 1},
    {"headings", "end", T_PATTERN, 1},     {"headings", "skip", T_PATTERN, 1},
    {"headings", "prefix", T_PATTERN, 1},  {"headings", "title_label", T_PATTERN, 1},
    {"title", "naming", T_PATTERN, 1},     {"title", "naming_severity", T_SEVERITY, 0},
    {"title", "example", T_STR, 0},
    {"package", "max_size_mb", T_INT, 0},  {"package", "max_unpacked_mb", T_INT, 0},
    {"package", "max_members", T_INT, 0},  {"package", "max_ratio", T_INT, 0},
    {"package", "max_depth", T_INT, 0},    {"package", "max_seconds", T_INT, 0},
    {"package", "name_pattern", T_PATTERN, 1}, {"package", "name_reject", T_PATTERN, 1},
    {"document", "max_paragraphs", T_COUNT, 0}, {"document", "max_cells", T_COUNT, 0},
    {"document", "max_chars", T_COUNT, 0}, {"document", "max_model_mb", T_COUNT, 0},
    {"documents", "form", T_REQ, 0},       {"documents", "experience", T_REQ, 0},
    {"documents", "proof", T_REQ, 0},      {"documents", "form_names", T_PATTERN, 1},
    {"documents", "experience_names", T_PATTERN, 1}, {"documents", "proof_names", T_PATTERN, 1},
    {"fonts", "*", T_LIST, 0},
    {"format", "page", T_PAGE, 0},         {"format", "title_font", T_STR, 0},
    {"format", "title_size", T_SIZE, 0},   {"format", "title_align", T_ALIGN, 0},
    {"format", "abstract_heading_font", T_STR, 0}, {"format", "abstract_heading_size", T_SIZE, 0},
    {"format", "abstract_heading_bold", T_BOOL, 0}, {"format", "abstract_heading_align", T_ALIGN, 0},
    {"format", "body_font", T_STR, 0},     {"format", "body_size", T_SIZE, 0},
    {"format", "line_spacing", T_SPACING, 0},
    {"format", "caption_font", T_STR, 0},  {"format", "caption_size", T_SIZE, 0},
    {"format", "caption_bold", T_BOOL, 0}, {"format", "caption_align", T_ALIGN, 0},
    {"format", "size_tolerance_pt", T_NUMBER, 0}, {"format", "stray_share_percent", T_INT, 0},
    {"format", "quote_first", T_INT, 0},   {"format", "table_caption", T_PATTERN, 1},
    {"format", "figure_caption", T_PATTERN, 1},
    {"eligibility", "profit_years", T_INT, 0}, {"eligibility", "iso9001", T_REQ, 0},
    {"eligibility", "no_bad_record", T_BOOL, 0}, {"eligibility", "not_dishonest_debtor", T_BOOL, 0},
    {"scoring", "title", T_STR, 0},        {"scoring", "criterion", T_CRITERION, 1},
    {"scoring", "scope", T_STR, 1},
    /* [form]: the labels forms use for each field (form.h), the fields required, and
     * key phrases that identify a scope in a shortened wording (N | phrase | phrase) */
    {"form", "applicant", T_STR, 1},       {"form", "credit_code", T_STR, 1},
    {"form", "legal_representative", T_STR, 1}, {"form", "contact", T_STR, 1},
    {"form", "phone", T_STR, 1},           {"form", "email", T_STR, 1},
    {"form", "address", T_STR, 1},         {"form", "nature", T_STR, 1},
    {"form", "industry", T_STR, 1},        {"form", "size", T_STR, 1},
    {"form", "scope", T_STR, 1},           {"form", "benchmark_name", T_STR, 1},
    {"form", "iso9001_number", T_STR, 1},  {"form", "iso9001_expiry", T_STR, 1},
    {"form", "record_declaration", T_STR, 1}, {"form", "dishonest_debtor", T_STR, 1},
    {"form", "revenue", T_STR, 1},
    {"form", "profit", T_STR, 1},          {"form", "required", T_FIELD, 1},
    {"form", "scope_key", T_SCOPEKEY, 1},
};

typedef struct {
    qb_edition *ed;
    const char *file;
    qb_err *e; /* the first error of the file (ini_parse reads on after one) */
    int depth;
    int nkeys;
} load_ctx;

static qb_status load_file(const char *path, qb_edition *ed, qb_err *e, int depth);
static qb_status build_aliases(qb_edition *ed);

struct qb_font_alias {
    char *alias;       /* folded */
    const char *canon; /* the entry's key */
};


int qb_size_halfpoints(const char *s)
{
    static const struct { const char *name; int hp; } names[] = {
        {"初号", 84}, {"小初", 72}, {"一号", 52}, {"小一", 48}, {"二号", 44}, {"小二", 36},
        {"三号", 32}, {"小三", 30}, {"四号", 28}, {"小四", 24}, {"五号", 21}, {"小五", 18},
        {"六号", 15}, {"小六", 13}, {"七号", 11}, {"八号", 10}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(s, names[i].name) == 0)
            return names[i].hp;
    char *end;
    double pt = strtod(s, &end);
    if (end == s || pt <= 0 || pt > 1000)
        return 0;
    while (*end == ' ')
        end++;
    if (*end && strcmp(end, "pt") != 0)
        return 0;
    return (int)(pt * 2 + 0.5);
}

const char *qb_size_name(int hp)
{
    static const struct { int hp; const char *name; } names[] = {
        {84, "初号"}, {72, "小初"}, {52, "一号"}, {48, "小一"}, {44, "二号"}, {36, "小二"},
        {32, "三号"}, {30, "小三"}, {28, "四号"}, {24, "小四"}, {21, "五号"}, {18, "小五"},
        {15, "六号"}, {13, "小六"}, {11, "七号"}, {10, "八号"}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (names[i].hp == hp)
            return names[i].name;
    return NULL;
}

static int valid_int(const char *v, long *out)
{
    char *end;
    long n = strtol(v, &end, 10);
    if (end == v || *end || n < 0)
        return 0;
    *out = n;
    return 1;
}

static int one_of(const char *v, const char *const *opts)
{
    for (; *opts; opts++)
        if (strcmp(v, *opts) == 0)
            return 1;
    return 0;
}

int qb_edition_date(const char *v, int *ymd)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y, m, d, n = 0;
    if (strlen(v) != 10 || sscanf(v, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10 || y < 1900 || m < 1 ||
        m > 12 || d < 1 || d > mdays[m - 1] || (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))))
        return 0;
    if (ymd)
        *ymd = y * 10000 + m * 100 + d;
    return 1;
}

int qb_edition_deadline(const qb_edition *ed)
{
    const char *v = qb_edition_get(ed, "edition", "deadline");
    int ymd = 0;
    return v && qb_edition_date(v, &ymd) ? ymd : 0;
}

/* Why a value is wrong (NULL when it is fine), in both languages: zh reads after the
 * key ("title_size 应为…"), en after "key: ". */
typedef struct {
    const char *zh, *en;
} why_t;

static const why_t W_UTF8 = {"的值不是有效的 UTF-8 文本（请以 UTF-8 编码保存规则文件）", "value is not valid UTF-8"},
    W_EMPTY = {"的值为空", "empty value"},
    W_DATE = {"应为日期 YYYY-MM-DD（如 2024-06-30）或 none", "expected a date YYYY-MM-DD or none"},
    W_INT = {"应为不小于 0 的整数", "expected a whole number ≥ 0"},
    W_COUNT = {"应为 1 到 1000000000 之间的整数", "expected a whole number from 1 to 1000000000"},
    W_NUMBER = {"应为不小于 0 的数", "expected a number ≥ 0"},
    W_MODE = {"应为 words 或 chars", "expected words or chars"},
    W_SIZE = {"应为中文字号（如 小四）或磅值（如 12pt）", "expected a Chinese size name (小四) or points (12pt)"},
    W_BOOL = {"应为 yes 或 no", "expected yes or no"},
    W_REQ = {"应为 required、optional 或 warning", "expected required, optional or warning"},
    W_ALIGN = {"应为 center、left、right、both 或 distribute", "expected center, left, right, both or distribute"},
    W_SEV = {"应为 error、warning 或 info", "expected error, warning or info"},
    W_PAGE = {"应为“A4 portrait”（A4 纵向）", "expected \"A4 portrait\""},
    W_SPACING = {"应为 single（单倍行距）", "expected single"},
    W_LIST = {"的列表为空", "empty list"},
    W_FIELD = {"应为 [form] 中的字段名（applicant、credit_code …）",
               "expected a field key of [form] (applicant, credit_code …)"},
    W_SCOPEKEY = {"的格式应为：范围编号 | 关键词 | …", "expected: scope number | key phrase | …"},
    W_CRITERION = {"的格式应为：名称 | 分值 | 说明", "expected: name | points | description"},
    W_POINTS = {"的分值应为整数", "points must be a whole number"},
    W_TYPE = {"的类型未知（程序错误）", "unknown type"};

static const why_t *check_value(vtype t, const char *v)
{
    static const char *const bools[] = {"yes", "no", "true", "false", NULL};
    static const char *const reqs[] = {"required", "optional", "warning", NULL};
    static const char *const aligns[] = {"center", "left", "right", "both", "distribute", NULL};
    static const char *const modes[] = {"words", "chars", NULL};
    static const char *const sevs[] = {"error", "warning", "info", NULL};
    long n;
    if (!qb_utf8_valid(v, strlen(v), NULL))
        return &W_UTF8;
    switch (t) {
    case T_STR:
        return *v ? NULL : &W_EMPTY;
    case T_DATE:
        return strcmp(v, "none") == 0 || qb_edition_date(v, NULL) ? NULL : &W_DATE;
    case T_INT:
        return valid_int(v, &n) ? NULL : &W_INT;
    case T_COUNT: /* a limit of 0 would refuse every document; beyond 10^9 is no limit */
        return valid_int(v, &n) && n >= 1 && n <= 1000000000 ? NULL : &W_COUNT;
    case T_NUMBER: {
        char *end;
        double d = strtod(v, &end);
        return (end != v && !*end && d >= 0) ? NULL : &W_NUMBER;
    }
    case T_PATTERN:
        return NULL; /* compiled (and so checked) by the caller, which keeps the code */
    case T_COUNTMODE:
        return one_of(v, modes) ? NULL : &W_MODE;
    case T_SIZE:
        return qb_size_halfpoints(v) ? NULL : &W_SIZE;
    case T_BOOL:
        return one_of(v, bools) ? NULL : &W_BOOL;
    case T_REQ:
        return one_of(v, reqs) ? NULL : &W_REQ;
    case T_ALIGN:
        return one_of(v, aligns) ? NULL : &W_ALIGN;
    case T_SEVERITY:
        return one_of(v, sevs) ? NULL : &W_SEV;
    case T_PAGE:
        return (strcmp(v, "A4 portrait") == 0 || strcmp(v, "A4 landscape") == 0) ? NULL : &W_PAGE;
    case T_SPACING:
        return strcmp(v, "single") == 0 ? NULL : &W_SPACING;
    case T_LIST:
        return *v ? NULL : &W_LIST;
    case T_FIELD:
        return qb_form_field_of(v) < QB_FF_REVENUE ? NULL : &W_FIELD;
    case T_SCOPEKEY: {
        /* N | phrase | phrase … */
        char *end;
        long k = strtol(v, &end, 10);
        while (*end == ' ')
            end++;
        return k >= 1 && k <= 20 && *end == '|' && end[1] ? NULL : &W_SCOPEKEY;
    }
    case T_CRITERION: {
        /* 名称 | 分值 | 说明 */
        const char *a = strchr(v, '|');
        const char *b = a ? strchr(a + 1, '|') : NULL;
        if (!a || !b || a == v)
            return &W_CRITERION;
        char pts[16];
        size_t len = (size_t)(b - a - 1);
        if (len >= sizeof pts)
            return &W_POINTS;
        memcpy(pts, a + 1, len);
        pts[len] = '\0';
        char *p = pts;
        while (*p == ' ')
            p++;
        char *e = p + strlen(p);
        while (e > p && e[-1] == ' ')
            *--e = '\0';
        return valid_int(p, &n) ? NULL : &W_POINTS;
    }
    }
    return &W_TYPE;
}

static const schema_row *find_row(const char *section, const char *key)
{
    for (size_t i = 0; i < sizeof schema / sizeof schema[0]; i++)
        if (strcmp(schema[i].section, section) == 0 &&
            (strcmp(schema[i].key, key) == 0 || strcmp(schema[i].key, "*") == 0))
            return &schema[i];
    return NULL;
}

/* Remove earlier values of a single-valued key, so a derived edition overrides. */
static void drop_key(qb_edition *ed, const char *section, const char *key)
{
    size_t j = 0;
    for (size_t i = 0; i < ed->n; i++) {
        qb_edition_entry *x = &ed->e[i];
        if (strcmp(x->section, section) == 0 && strcmp(x->key, key) == 0) {
            free(x->section); free(x->key); free(x->value); free(x->file);
            pcre2_code_free(x->re);
            pcre2_code_free(x->re_jit);
            continue;
        }
        ed->e[j++] = *x;
    }
    ed->n = j;
}

/* One key = value line: checked against the schema, then kept. A failure is recorded
 * in c->e without its place; load_file puts the file and line in front. */
static qb_status take_entry(load_ctx *c, const char *section, const char *key, const char *value)
{
    const schema_row *row = find_row(section, key);
    if (!row)
        return qb_err_set(c->e, QB_ERR_CONFIG, "未知的项“%s”（[%s] 中没有这一项，请检查拼写）",
                          "unknown key \"%s\" in [%s]", key, section);
    const why_t *why = check_value(row->type, value);
    if (why)
        /* both formats take both texts; %.0s skips the other language's */
        return qb_err_set(c->e, QB_ERR_CONFIG, "%s %s%.0s", "%s: %.0s%s", key, why->zh, why->en);
    pcre2_code *re = NULL;
    if (row->type == T_PATTERN) {
        int code;
        PCRE2_SIZE off;
        re = pcre2_compile((PCRE2_SPTR)value, PCRE2_ZERO_TERMINATED, QB_PATTERN_FLAGS, &code, &off, NULL);
        if (!re) {
            PCRE2_UCHAR msg[120];
            pcre2_get_error_message(code, msg, sizeof msg);
            return qb_err_set(c->e, QB_ERR_CONFIG, "%s 不是有效的正则表达式：%s", "%s: invalid regular expression: %s",
                              key, (const char *)msg);
        }
    }
    if (strcmp(section, "edition") == 0 && strcmp(key, "base") == 0) {
        if (c->nkeys != 1)
            return qb_err_set(c->e, QB_ERR_CONFIG, "base 必须是 [edition] 中的第一项",
                              "base must be the first key of [edition]");
        if (c->depth >= 4)
            return qb_err_set(c->e, QB_ERR_CONFIG, "base 嵌套的层数过多（基础规则本身又有 base，超过 4 层）",
                              "base editions nested too deeply");
        char *dir = qb_edition_dir();
        char *path = dir ? qb_asprintf("%s/%s.ini", dir, value) : NULL;
        free(dir);
        /* the base's own reason (its file and line), then which base it was */
        qb_status st = path ? load_file(path, c->ed, c->e, c->depth + 1) : qb_err_status(c->e, QB_ERR_NOMEM);
        free(path);
        if (st != QB_OK) {
            qb_err_prefix(c->e, "基础规则 %s：", "base edition %s: ", value);
            return QB_ERR_CONFIG;
        }
        return QB_OK;
    }
    qb_edition *ed = c->ed;
    /* A list key in a derived file replaces the base's list as a whole. */
    int first_here = 1;
    for (size_t i = 0; i < ed->n; i++)
        if (strcmp(ed->e[i].section, section) == 0 && strcmp(ed->e[i].key, key) == 0 &&
            strcmp(ed->e[i].file, c->file) == 0)
            first_here = 0;
    if (!row->multi || first_here)
        drop_key(ed, section, key);
    if (qb_grow((void **)&ed->e, &ed->cap, ed->n + 1, sizeof *ed->e) != QB_OK) {
        pcre2_code_free(re);
        return qb_err_set(c->e, QB_ERR_CONFIG, "内存不足", "out of memory");
    }
    qb_edition_entry *x = &ed->e[ed->n];
    x->section = qb_strdup(section);
    x->key = qb_strdup(key);
    x->value = qb_strdup(value);
    x->file = qb_strdup(c->file);
    x->line = 0;
    x->re = re;
    x->re_jit = NULL;
    if (!x->section || !x->key || !x->value || !x->file) {
        free(x->section); free(x->key); free(x->value); free(x->file);
        pcre2_code_free(re);
        return qb_err_set(c->e, QB_ERR_CONFIG, "内存不足", "out of memory");
    }
    ed->n++;
    return QB_OK;
}

static int on_entry(void *user, const char *section, const char *key, const char *value)
{
    load_ctx *c = user;
    c->nkeys++;
    if (c->e->st != QB_OK) /* only the first error is reported */
        return 0;
    return take_entry(c, section, key, value) == QB_OK;
}

/* e must hold no error yet: the loader tells its own failures by it. */
static qb_status load_file(const char *path, qb_edition *ed, qb_err *e, int depth)
{
    load_ctx c = {.ed = ed, .file = path, .e = e, .depth = depth};
    int r = ini_parse(path, on_entry, &c);
    if (r == 0 && e->st == QB_OK)
        return QB_OK;
    if (r == -1)
        return qb_err_set(e, QB_ERR_IO, "%s：无法打开规则文件", "%s: cannot open rules file", path);
    if (r == -2)
        return qb_err_set(e, QB_ERR_CONFIG, "%s：内存不足", "%s: out of memory", path);
    qb_err_set(e, QB_ERR_CONFIG, "无法识别这一行（应为 项 = 值，或 [节名]）", "syntax error (expected key = value)");
    qb_err_prefix(e, "%s:%d：", "%s:%d: ", path, r);
    e->st = QB_ERR_CONFIG; /* whatever failed in a base, this file is a bad rules file */
    return QB_ERR_CONFIG;
}

char *qb_edition_dir(void)
{
    const char *env = getenv("QB_RULES_DIR");
    return env && *env ? qb_strdup(env) : qb_data_path("rules");
}

/* The keys without which no edition can be used. */
static qb_status check_required(const qb_edition *ed, const char *path, qb_err *e)
{
    const char *need[] = {"name", "title", "counting"};
    for (size_t i = 0; i < 3; i++)
        if (!qb_edition_get(ed, "edition", need[i]))
            return qb_err_set(e, QB_ERR_CONFIG, "%s：[edition] 中缺少 %s", "%s: [edition] has no %s", path,
                              need[i]);
    for (int s = 0; s < QB_NSEC; s++) {
        const char *k = qb_sec_key((qb_secid)s);
        if (!qb_edition_get(ed, "limits", k))
            return qb_err_set(e, QB_ERR_CONFIG, "%s：[limits] 中缺少 %s（字数上限）", "%s: [limits] has no %s",
                              path, k);
        if (s != QB_SEC_TITLE && !qb_edition_get(ed, "headings", k))
            return qb_err_set(e, QB_ERR_CONFIG, "%s：[headings] 中缺少 %s（识别该部分标题的模式）",
                              "%s: [headings] has no %s pattern", path, k);
    }
    return QB_OK;
}

qb_status qb_edition_load(const char *name_or_path, qb_edition *ed, qb_err *e)
{
    memset(ed, 0, sizeof *ed);
    char *path;
    if (strchr(name_or_path, '/') || strstr(name_or_path, ".ini")) {
        path = qb_strdup(name_or_path);
    } else {
        for (const char *p = name_or_path; *p; p++)
            if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
                return qb_err_set(e, QB_ERR_USAGE, "规则版本名“%s”只能由 a-z、0-9、- 和 _ 组成",
                                  "edition name \"%s\" may hold only a-z, 0-9, - and _", name_or_path);
        char *dir = qb_edition_dir();
        path = dir ? qb_asprintf("%s/%s.ini", dir, name_or_path) : NULL;
        free(dir);
    }
    if (!path)
        return qb_err_status(e, QB_ERR_NOMEM);
    qb_err le = {0}; /* the loader's own, empty at the start (load_file) */
    qb_status st = load_file(path, ed, &le, 0);
    if (st == QB_OK)
        st = check_required(ed, path, &le);
    if (st == QB_OK) {
        ed->name = qb_strdup(qb_edition_get(ed, "edition", "name"));
        ed->title = qb_strdup(qb_edition_get(ed, "edition", "title"));
        ed->count_mode = strcmp(qb_edition_get(ed, "edition", "counting"), "chars") == 0
                             ? QB_COUNT_CHARS : QB_COUNT_WORDS;
        for (int s = 0; s < QB_NSEC; s++)
            ed->limit[s] = qb_edition_int(ed, "limits", qb_sec_key((qb_secid)s), 0);
        if (!ed->name || !ed->title || build_aliases(ed) != QB_OK)
            st = qb_err_status(&le, QB_ERR_NOMEM);
    }
    free(path);
    if (st != QB_OK) {
        if (e && e->st == QB_OK) /* the first reason is kept */
            *e = le;
        qb_edition_free(ed);
    }
    return st;
}

void qb_edition_free(qb_edition *ed)
{
    for (size_t i = 0; i < ed->n; i++) {
        free(ed->e[i].section);
        free(ed->e[i].key);
        free(ed->e[i].value);
        free(ed->e[i].file);
        pcre2_code_free(ed->e[i].re);
        pcre2_code_free(ed->e[i].re_jit);
    }
    free(ed->e);
    for (size_t i = 0; i < ed->naliases; i++)
        free(ed->aliases[i].alias);
    free(ed->aliases);
    free(ed->name);
    free(ed->title);
    memset(ed, 0, sizeof *ed);
}

const qb_edition_entry *qb_edition_next(const qb_edition *ed, const char *section,
                                        const char *key, size_t *pos)
{
    for (; *pos < ed->n; (*pos)++) {
        const qb_edition_entry *x = &ed->e[*pos];
        if (strcmp(x->section, section) == 0 && (!key || strcmp(x->key, key) == 0)) {
            (*pos)++;
            return x;
        }
    }
    return NULL;
}

const char *qb_edition_get(const qb_edition *ed, const char *section, const char *key)
{
    const char *v = NULL;
    size_t pos = 0;
    const qb_edition_entry *x;
    while ((x = qb_edition_next(ed, section, key, &pos)))
        v = x->value;
    return v;
}

const void *qb_edition_regex(const qb_edition_entry *x)
{
    return x->re;
}

qb_status qb_edition_patterns(const qb_edition *ed, const char *section, const char *key, qb_patterns *out)
{
    memset(out, 0, sizeof *out);
    size_t pos = 0;
    const qb_edition_entry *x;
    while ((x = qb_edition_next(ed, section, key, &pos))) {
        if (!x->re) /* not a pattern key: a caller's mistake */
            return QB_ERR_USAGE;
        qb_status st = qb_grow((void **)&out->re, &out->cap, out->n + 1, sizeof *out->re);
        if (st == QB_OK && ed->jit)
            st = qb_grow((void **)&out->jit, &out->jitcap, out->n + 1, sizeof *out->jit);
        if (st != QB_OK) {
            qb_patterns_free(out);
            return st;
        }
        if (ed->jit)
            out->jit[out->n] = x->re_jit;
        out->re[out->n++] = x->re;
    }
    return QB_OK;
}

qb_status qb_edition_jit(qb_edition *ed)
{
    for (size_t i = 0; i < ed->n; i++) {
        qb_edition_entry *x = &ed->e[i];
        if (!x->re || x->re_jit)
            continue;
        int code;
        PCRE2_SIZE off;
        x->re_jit = pcre2_compile((PCRE2_SPTR)x->value, PCRE2_ZERO_TERMINATED, QB_PATTERN_FLAGS | PCRE2_ANCHORED,
                                  &code, &off, NULL);
        if (!x->re_jit) /* it compiled unanchored at load, so only memory can fail here */
            return QB_ERR_NOMEM;
        pcre2_jit_compile(x->re_jit, PCRE2_JIT_COMPLETE); /* refused: the interpreter matches */
    }
    ed->jit = 1;
    return QB_OK;
}

void qb_patterns_free(qb_patterns *p)
{
    free(p->re);
    free(p->jit);
    memset(p, 0, sizeof *p);
}

long qb_patterns_match(const qb_patterns *p, const char *s, size_t len, unsigned options, void *md)
{
    for (size_t i = 0; i < p->n; i++)
        if (p->jit ? pcre2_match(p->jit[i], (PCRE2_SPTR)s, len, 0, options, md, NULL) > 0
                   : pcre2_match(p->re[i], (PCRE2_SPTR)s, len, 0, PCRE2_ANCHORED | options, md, NULL) > 0)
            return (long)pcre2_get_ovector_pointer(md)[1];
    return -1;
}

long qb_edition_int(const qb_edition *ed, const char *section, const char *key, long dflt)
{
    const char *v = qb_edition_get(ed, section, key);
    return v ? strtol(v, NULL, 10) : dflt;
}

/* [fonts] lines read "宋体 = SimSun, Song, 宋体-简": the key is the canonical name.
 * Lint asks for every run, so the aliases are kept sorted (ASCII case folded). */

static void fold(char *s)
{
    for (; *s; s++)
        if (*s >= 'A' && *s <= 'Z')
            *s = (char)(*s + 32);
}

static int cmp_alias(const void *a, const void *b)
{
    return strcmp(((const struct qb_font_alias *)a)->alias, ((const struct qb_font_alias *)b)->alias);
}

static qb_status add_alias(qb_edition *ed, size_t *cap, const char *name, size_t len, const char *canon)
{
    if (qb_grow((void **)&ed->aliases, cap, ed->naliases + 1, sizeof *ed->aliases) != QB_OK)
        return QB_ERR_NOMEM;
    char *a = qb_strndup(name, len);
    if (!a)
        return QB_ERR_NOMEM;
    fold(a);
    ed->aliases[ed->naliases].alias = a;
    ed->aliases[ed->naliases].canon = canon;
    ed->naliases++;
    return QB_OK;
}

static qb_status build_aliases(qb_edition *ed)
{
    size_t cap = 0, pos = 0;
    const qb_edition_entry *x;
    while ((x = qb_edition_next(ed, "fonts", NULL, &pos))) {
        if (add_alias(ed, &cap, x->key, strlen(x->key), x->key) != QB_OK)
            return QB_ERR_NOMEM;
        const char *p = x->value;
        while (*p) {
            while (*p == ' ' || *p == ',')
                p++;
            const char *q = p;
            while (*q && *q != ',')
                q++;
            const char *e = q;
            while (e > p && e[-1] == ' ')
                e--;
            if (e > p && add_alias(ed, &cap, p, (size_t)(e - p), x->key) != QB_OK)
                return QB_ERR_NOMEM;
            p = q;
        }
    }
    if (ed->naliases)
        qsort(ed->aliases, ed->naliases, sizeof *ed->aliases, cmp_alias);
    return QB_OK;
}

const char *qb_edition_font_canonical(const qb_edition *ed, const char *font)
{
    if (!font)
        return NULL;
    char key[QB_ALIAS_MAX];
    size_t len = strlen(font);
    if (len >= sizeof key || !ed->naliases)
        return font;
    memcpy(key, font, len + 1);
    fold(key);
    struct qb_font_alias probe = {key, NULL};
    const struct qb_font_alias *hit = bsearch(&probe, ed->aliases, ed->naliases, sizeof *ed->aliases, cmp_alias);
    return hit ? hit->canon : font;
}
