/* package.c — what the members of a package are (roles by name, then by content), the
 * package.name rule, the manifest, and the bookkeeping of qb_package. The unpacking
 * itself is unpack_pkg.c. */
#define _GNU_SOURCE
#include "package.h"
#include "tmpdir.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <fcntl.h>
#include <ftw.h>
#include <jansson.h>
#include <nettle/sha2.h>
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "names.h"
#include "opc.h"
#include "unpack_reader.h"
#include "utf8.h"
#include "xmlsafe.h"

#define SCAN_MAX_PARAS 5000 /* the classifying scan reads the start of a document only */
#define QUOTE_NAMES 3

/* Labels of the application form's tables (seeds: 申报书). At least FORM_LABELS_MIN of
 * them in a document with tables make it look like the form. */
static const char *const form_labels[] = {
    "统一社会信用代码", "法定代表人", "联系人", "申报单位", "单位名称", "企业名称",
    "通讯地址", "联系电话", "所属行业", "单位性质", "推荐单位", "主营业务"};
#define FORM_LABELS_MIN 3

const char *qb_role_name(qb_role r)
{
    static const char *const n[] = {"other", "form", "experience", "proof", "junk"};
    return (unsigned)r < 5 ? n[r] : "other";
}

const char *qb_role_name_zh(qb_role r)
{
    static const char *const n[] = {"其他材料", "申报书", "典型经验材料", "证明材料", "系统文件"};
    return (unsigned)r < 5 ? n[r] : "其他材料";
}

qb_status qb_sha256_file(const char *path, char hex[65])
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return QB_ERR_IO;
    struct sha256_ctx c;
    sha256_init(&c);
    unsigned char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        sha256_update(&c, n, buf);
    int bad = ferror(f);
    fclose(f);
    if (bad)
        return QB_ERR_IO;
    uint8_t d[SHA256_DIGEST_SIZE];
    sha256_digest(&c, sizeof d, d);
    char *h = qb_hex(d, sizeof d);
    if (!h)
        return QB_ERR_NOMEM;
    memcpy(hex, h, 65);
    free(h);
    return QB_OK;
}

const qb_member *qb_package_member(const qb_package *pkg, qb_role role)
{
    for (size_t i = 0; i < pkg->n; i++)
        if (pkg->m[i].role == role && pkg->m[i].outcome == QB_OUT_OK && pkg->m[i].path)
            return &pkg->m[i];
    return NULL;
}

const char *qb_member_docx(const qb_member *m)
{
    return m->converted ? m->converted : m->path;
}

void qb_package_free(qb_package *pkg)
{
    for (size_t i = 0; i < pkg->n; i++) {
        qb_member *m = &pkg->m[i];
        free(m->name);
        free(m->name_raw_hex);
        free(m->path);
        free(m->stored);
        free(m->converted);
        free(m->why_zh);
        free(m->why_en);
    }
    free(pkg->m);
    free(pkg->input);
    free(pkg->display_name);
    free(pkg->applicant);
    free(pkg->workdir);
    qb_findings_free(&pkg->findings);
    memset(pkg, 0, sizeof *pkg);
}

/* ---- patterns from the edition ------------------------------------------------------ */

/* The edition compiled every pattern when it was loaded (edition.h); these are its lists. */
typedef qb_patterns reset;

static void reset_free(reset *r)
{
    qb_patterns_free(r);
}

static qb_status reset_load(reset *r, const qb_edition *ed, const char *section, const char *key)
{
    return qb_edition_patterns(ed, section, key, r);
}

/* Length of the match of the first pattern that matches s (0 counts), or -1. */
static long reset_match(const reset *r, const char *s)
{
    long got = -1;
    for (size_t i = 0; i < r->n && got < 0; i++) {
        pcre2_match_data *md = pcre2_match_data_create_from_pattern(r->re[i], NULL);
        if (!md)
            break;
        if (pcre2_match(r->re[i], (PCRE2_SPTR)s, strlen(s), 0, 0, md, NULL) >= 0) {
            PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
            got = ov[0] == 0 ? (long)ov[1] : 0;
        }
        pcre2_match_data_free(md);
    }
    return got;
}

/* ---- package.name -------------------------------------------------------------------- */

char *qb_package_base_name(const char *display_name)
{
    char *s = qb_strdup(display_name);
    if (!s)
        return NULL;
    size_t n = strlen(s);
    while (n > 0 && s[n - 1] == '/')
        s[--n] = '\0';
    static const char *const exts[] = {".rar", ".zip", ".7z", ".docx", ".doc", ".exe"};
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
        size_t el = strlen(exts[i]);
        if (n > el && strcasecmp(s + n - el, exts[i]) == 0) {
            s[n -= el] = '\0';
            break;
        }
    }
    /* ".part1" / ".part0001" of a volume set */
    size_t d = n;
    while (d > 0 && s[d - 1] >= '0' && s[d - 1] <= '9')
        d--;
    if (d < n && d >= 5 && strncasecmp(s + d - 5, ".part", 5) == 0)
        s[n = d - 5] = '\0';
    /* trim ASCII and ideographic spaces */
    char *b = s;
    while (*b == ' ' || strncmp(b, "\u3000", 3) == 0)
        b += *b == ' ' ? 1 : 3;
    n = strlen(b);
    while (n > 0 && (b[n - 1] == ' ' || (n >= 3 && strcmp(b + n - 3, "\u3000") == 0)))
        n -= b[n - 1] == ' ' ? 1 : 3;
    qb_buf out = {0};
    qb_buf_add(&out, b, n);
    free(s);
    /* a resubmission's mark is not part of the organisation's name (version_marks.c) */
    while (out.s && qb_name_strip_version(&out))
        while (out.len > 0 && out.s[out.len - 1] == ' ')
            out.s[--out.len] = '\0';
    return qb_buf_take(&out);
}

qb_status qb_package_check_name(qb_package *pkg, const qb_edition *ed)
{
    if (pkg->is_document)
        return QB_OK; /* a draft document's file name is the applicant's business */
    char *base = qb_package_base_name(pkg->display_name);
    if (!base)
        return QB_ERR_NOMEM;
    reset ok, bad;
    qb_status st = reset_load(&ok, ed, "package", "name_pattern");
    if (st == QB_OK && (st = reset_load(&bad, ed, "package", "name_reject")) != QB_OK)
        reset_free(&ok);
    if (st != QB_OK) {
        free(base);
        return st;
    }
    int rejected = reset_match(&bad, base) >= 0;
    int looks = ok.n == 0 || reset_match(&ok, base) >= 0;
    if (!rejected && looks && *base) {
        free(pkg->applicant);
        pkg->applicant = base;
        base = NULL;
    } else {
        char *zh = qb_asprintf("压缩包名称“%s”不是申报单位的全称，请以单位全称命名（如“某某有限公司.rar”）",
                               base);
        char *en = qb_asprintf("package name \"%s\" is not the applicant's full legal name", base);
        st = zh && en ? qb_findings_add(&pkg->findings, "package.name", QB_SEV_ERROR,
                                        pkg->display_name, NULL, 0, base, zh, en)
                      : QB_ERR_NOMEM;
        free(zh);
        free(en);
    }
    free(base);
    reset_free(&ok);
    reset_free(&bad);
    return st;
}

/* Spaces dropped, full-width brackets and letters/digits made half-width. */
static char *name_key(const char *s)
{
    qb_buf b = {0};
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        unsigned cp;
        size_t k = qb_utf8_decode(s + i, len - i, &cp);
        if (k == 0) {
            k = 1;
            cp = (unsigned char)s[i];
        }
        i += k;
        if (cp == ' ' || cp == '\t' || cp == 0x3000 || cp == 0xA0)
            continue;
        if (cp >= 0xFF01 && cp <= 0xFF5E)
            cp -= 0xFEE0; /* （）Ａ１ → ()A1 */
        if (qb_buf_addc(&b, cp) != QB_OK) {
            qb_buf_free(&b);
            return NULL;
        }
    }
    char *r = qb_buf_take(&b);
    return r ? r : qb_strdup("");
}

qb_status qb_package_check_applicant(qb_package *pkg, const char *form)
{
    if (!form || !*form)
        return QB_OK;
    if (!pkg->applicant || pkg->is_document) {
        if (!pkg->applicant && !(pkg->applicant = qb_strdup(form)))
            return QB_ERR_NOMEM;
        return QB_OK;
    }
    char *a = name_key(pkg->applicant), *b = name_key(form);
    qb_status st = a && b ? QB_OK : QB_ERR_NOMEM;
    if (st == QB_OK && strcmp(a, b) != 0) {
        char *zh = qb_asprintf("压缩包名称“%s”与申报书中的单位名称“%s”不一致", pkg->applicant, form);
        char *en = qb_asprintf("package name \"%s\" differs from the applicant in the form \"%s\"",
                               pkg->applicant, form);
        st = zh && en ? qb_findings_add(&pkg->findings, "package.name", QB_SEV_ERROR,
                                        pkg->display_name, NULL, 0, form, zh, en)
                      : QB_ERR_NOMEM;
        free(zh);
        free(en);
    }
    free(a);
    free(b);
    return st;
}

/* ---- what a Word document is, by a light scan of its main part ---------------------- */

typedef struct {
    reset prefix, head[4]; /* abstract, overview, practice, results */
} heads;

typedef struct {
    int abstract;  /* a 摘要 heading */
    int sections;  /* bit per overview/practice/results heading seen */
    int tables;
    int labels;    /* distinct form labels seen */
} docsig;

static void check_para(const heads *h, const char *text, docsig *sig, unsigned *labels_seen)
{
    while (*text == ' ' || *text == '\t')
        text++;
    if (!*text)
        return;
    for (size_t i = 0; i < sizeof form_labels / sizeof form_labels[0]; i++)
        if (!(*labels_seen & (1u << i)) && strstr(text, form_labels[i])) {
            *labels_seen |= 1u << i;
            sig->labels++;
        }
    long skip = reset_match(&h->prefix, text);
    const char *t = text + (skip > 0 ? skip : 0);
    if (reset_match(&h->head[0], t) >= 0)
        sig->abstract = 1;
    for (int k = 1; k < 4; k++)
        if (reset_match(&h->head[k], t) >= 0)
            sig->sections |= 1 << k;
}

static qb_status doc_signature(const char *path, const heads *h, docsig *sig)
{
    memset(sig, 0, sizeof *sig);
    qb_opc o;
    qb_status st = qb_opc_open(path, &o);
    if (st != QB_OK)
        return st;
    char *xml = NULL;
    size_t len = 0;
    st = qb_opc_read(&o, o.main_part, &xml, &len);
    qb_opc_close(&o);
    if (st != QB_OK)
        return st;
    xmlTextReaderPtr r = len < 0x7fffffff ? xmlReaderForMemory(xml, (int)len, "document.xml", NULL, QB_XML_OPTS)
                                          : NULL;
    if (!r) {
        free(xml);
        return QB_ERR_FORMAT;
    }
    qb_buf para = {0};
    int in_t = 0, paras = 0;
    unsigned labels_seen = 0;
    while (st == QB_OK && paras < SCAN_MAX_PARAS && xmlTextReaderRead(r) == 1) {
        int type = xmlTextReaderNodeType(r);
        const char *local = (const char *)xmlTextReaderConstLocalName(r);
        int w = qb_xml_is_w(xmlTextReaderConstNamespaceUri(r));
        if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
            st = QB_ERR_UNSAFE;
        } else if (type == XML_READER_TYPE_ELEMENT && w) {
            if (strcmp(local, "p") == 0)
                qb_buf_reset(&para);
            else if (strcmp(local, "tbl") == 0)
                sig->tables++;
            else if (strcmp(local, "t") == 0)
                in_t = !xmlTextReaderIsEmptyElement(r);
            else if (strcmp(local, "tab") == 0)
                st = qb_buf_adds(&para, " ");
        } else if (type == XML_READER_TYPE_END_ELEMENT && w) {
            if (strcmp(local, "t") == 0)
                in_t = 0;
            else if (strcmp(local, "p") == 0) {
                paras++;
                check_para(h, para.s ? para.s : "", sig, &labels_seen);
                qb_buf_reset(&para);
            }
        } else if (in_t && (type == XML_READER_TYPE_TEXT ||
                            type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE)) {
            const char *v = (const char *)xmlTextReaderConstValue(r);
            if (v)
                st = qb_buf_adds(&para, v);
        }
    }
    xmlFreeTextReader(r);
    qb_buf_free(&para);
    free(xml);
    return st;
}

static int looks_experience(const docsig *s) { return s->abstract && s->sections != 0; }
static int looks_form(const docsig *s) { return s->tables > 0 && s->labels >= FORM_LABELS_MIN; }

static qb_status heads_load(heads *h, const qb_edition *ed)
{
    memset(h, 0, sizeof *h);
    static const char *const keys[4] = {"abstract", "overview", "practice", "results"};
    qb_status st = reset_load(&h->prefix, ed, "headings", "prefix");
    for (int k = 0; k < 4 && st == QB_OK; k++)
        st = reset_load(&h->head[k], ed, "headings", keys[k]);
    return st;
}

static void heads_free(heads *h)
{
    reset_free(&h->prefix);
    for (int k = 0; k < 4; k++)
        reset_free(&h->head[k]);
}

/* ---- classification ----------------------------------------------------------------- */

static int is_docx(const qb_member *m)
{
    return m->fmt == QB_FMT_ZIP && m->path && qb_zip_is_ooxml(m->path);
}

/* Word of the 97–2003 kind: an OLE file that is not a WPS / Excel / PowerPoint one. */
static int is_doc(const qb_member *m)
{
    char ext[10];
    qb_name_ext(m->name ? m->name : "", ext);
    return m->fmt == QB_FMT_CFB && (strcmp(ext, ".doc") == 0 || strcmp(ext, ".dot") == 0 ||
                                    strcmp(ext, ".docx") == 0 || ext[0] == '\0');
}

static const char *fmt_zh(const qb_member *m)
{
    char ext[10];
    qb_name_ext(m->name ? m->name : "", ext);
    switch (m->fmt) {
    case QB_FMT_PDF: return "PDF 文件";
    case QB_FMT_PNG: case QB_FMT_JPEG: case QB_FMT_GIF: case QB_FMT_BMP: case QB_FMT_TIFF:
        return "图片";
    case QB_FMT_CFB:
        return strcmp(ext, ".wps") == 0 ? "WPS 文字文件" : strcmp(ext, ".xls") == 0 ? "Excel 文件"
                                                                                   : "Office 文件";
    case QB_FMT_ZIP: return "压缩包或其他 Office 文件";
    case QB_FMT_RAR4: case QB_FMT_RAR5: case QB_FMT_7Z: return "压缩包";
    case QB_FMT_EMPTY: return "空文件";
    default:
        return strcmp(ext, ".wps") == 0 ? "WPS 文字文件" : "其他类型的文件";
    }
}

/* Rank of a candidate for the form or the write-up: Word first. */
static int word_rank(const qb_member *m)
{
    return is_docx(m) ? 3 : is_doc(m) ? 2 : 1;
}

/* The single folder everything top-level sits in ("某某公司/"), or "" */
static size_t top_folder(const qb_package *pkg)
{
    size_t len = 0;
    const char *first = NULL;
    for (size_t i = 0; i < pkg->n; i++) {
        const qb_member *m = &pkg->m[i];
        if (m->depth != 0 || !m->name || m->role == QB_ROLE_JUNK || m->kind == QB_KIND_DIR)
            continue;
        const char *slash = strchr(m->name, '/');
        if (!slash)
            return 0;
        size_t l = (size_t)(slash - m->name) + 1;
        if (!first) {
            first = m->name;
            len = l;
        } else if (l != len || strncmp(first, m->name, l) != 0) {
            return 0;
        }
    }
    return len;
}

static const char *shown(const qb_member *m)
{
    return m->name ? m->name : "（文件名无法识别）";
}

/* Add a finding; takes the two messages (NULL: out of memory). */
static qb_status add(qb_package *pkg, const char *rule, qb_severity sev, const qb_member *m,
                     char *zh, char *en)
{
    qb_status st = zh && en ? qb_findings_add(&pkg->findings, rule, sev, m ? shown(m) : pkg->display_name,
                                              NULL, 0, NULL, zh, en)
                            : QB_ERR_NOMEM;
    free(zh);
    free(en);
    return st;
}

/* soffice on PATH, or NULL (caller frees). */
static char *find_soffice(void)
{
    const char *path = getenv("PATH");
    if (!path)
        return NULL;
    for (const char *p = path; *p;) {
        size_t n = strcspn(p, ":");
        char *c = qb_asprintf("%.*s/soffice", (int)n, p);
        if (c && access(c, X_OK) == 0)
            return c;
        free(c);
        p += n;
        if (*p)
            p++;
    }
    return NULL;
}

typedef struct {
    char *const *argv;
} exec_arg;

static int exec_child(void *varg, int fd)
{
    exec_arg *a = varg;
    (void)fd;
    int null = open("/dev/null", O_RDWR);
    if (null >= 0) {
        dup2(null, 0);
        dup2(null, 1);
        dup2(null, 2);
    }
    execv(a->argv[0], a->argv);
    return 127;
}

static void ignore_data(void *ctx, const char *buf, size_t n)
{
    (void)ctx;
    (void)buf;
    (void)n;
}


/* LibreOffice headless, its own profile folder inside the work folder, a time limit. */
/* "-env:UserInstallation=file:///abs/dir/.lo-profile": LibreOffice wants an absolute
 * file URL, percent-encoded (a work folder may have Chinese in its path). */
static char *profile_arg(const char *workdir)
{
    char *abs = realpath(workdir, NULL);
    if (!abs)
        return NULL;
    qb_buf b = {0};
    qb_buf_adds(&b, "-env:UserInstallation=file://");
    for (const unsigned char *p = (const unsigned char *)abs; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            strchr("/-._~", *p))
            qb_buf_add(&b, (const char *)p, 1);
        else
            qb_buf_addf(&b, "%%%02X", *p);
    }
    qb_buf_adds(&b, "/.lo-profile");
    free(abs);
    return qb_buf_take(&b);
}

/* How a conversion ended: the converter refused the file, or it was stopped (a
 * signal, the memory or time limit) — the machine's failure, not the applicant's. */
typedef enum { CONV_DONE = 0, CONV_REFUSED, CONV_STOPPED } conv_end;

static qb_status convert_doc(qb_package *pkg, qb_member *m, const char *soffice, double deadline, conv_end *how)
{
    *how = CONV_REFUSED;
    char *outdir = qb_asprintf("%s/.convert", pkg->workdir);
    char *profile = profile_arg(pkg->workdir);
    char *stem = m->stored ? qb_strndup(m->stored, strcspn(m->stored, ".")) : NULL;
    char *out = stem ? qb_asprintf("%s/%s.docx", outdir ? outdir : "", stem) : NULL;
    char *final = stem ? qb_asprintf("%s/%s.docx", pkg->workdir, stem) : NULL;
    qb_status st = outdir && profile && stem && out && final ? QB_OK : QB_ERR_NOMEM;
    if (st == QB_OK) {
        mkdir(outdir, 0700);
        char *argv[] = {(char *)soffice, profile, "--headless", "--norestore", "--convert-to",
                        "docx", "--outdir", outdir, m->path, NULL};
        exec_arg a = {argv};
        qb_child_limits lim = {0};
        lim.deadline = deadline;
        qb_child_end end;
        int code;
        st = qb_sandbox_run(exec_child, &a, &lim, ignore_data, NULL, &end, &code);
        if (st == QB_OK && end == QB_CHILD_EXITED && code == 0 && access(out, R_OK) == 0 &&
            rename(out, final) == 0 && qb_zip_is_ooxml(final)) {
            m->converted = final;
            final = NULL;
            *how = CONV_DONE;
        } else if (st != QB_OK || end != QB_CHILD_EXITED) {
            *how = CONV_STOPPED;
        }
    }
    if (outdir) {
        rmdir(outdir);
        char *prof = qb_asprintf("%s/.lo-profile", pkg->workdir);
        if (prof) /* LibreOffice's profile tree */
            qb_tree_remove(prof);
        free(prof);
    }
    if (final)
        unlink(final);
    free(outdir);
    free(profile);
    free(stem);
    free(out);
    free(final);
    return st == QB_ERR_NOMEM ? st : QB_OK;
}

/* A member in a role that needs Word: encrypted, legacy (.doc), damaged, or not Word. */
static qb_status check_word(qb_package *pkg, qb_member *m, int required, const char *soffice,
                            double deadline)
{
    qb_status st = QB_OK;
    const char *what = qb_role_name_zh(m->role);
    if (m->fmt == QB_FMT_CFB && qb_cfb_is_encrypted_ooxml(m->path)) {
        st = add(pkg, "package.encrypted", QB_SEV_ERROR, m,
                 qb_asprintf("%s“%s”是设置了打开密码的 Word 文件，无法读取，请去掉密码后重新提交", what, shown(m)),
                 qb_asprintf("%s is a password-protected Word file", shown(m)));
    } else if (is_doc(m)) {
        conv_end how = CONV_REFUSED;
        if (soffice && (st = convert_doc(pkg, m, soffice, deadline, &how)) != QB_OK)
            return st;
        if (m->converted)
            st = add(pkg, "package.legacy-doc", QB_SEV_WARNING, m,
                     qb_asprintf("%s“%s”是旧版 Word 格式（.doc），已自动转换为 .docx 检查，请提交 .docx 格式", what, shown(m)),
                     qb_asprintf("%s is a legacy .doc file; converted to .docx for the check", shown(m)));
        else if (soffice && how == CONV_STOPPED) /* "内存不足" marks the machine's failure (the batch) */
            st = add(pkg, "package.legacy-doc", QB_SEV_ERROR, m,
                     qb_asprintf("%s“%s”是旧版 Word 格式（.doc），转换程序未能完成（内存不足、超时或异常终止），"
                                 "这不是申报材料的问题，请稍后重新检查", what, shown(m)),
                     qb_asprintf("%s is a legacy .doc file; the converter was stopped (out of memory, out of time "
                                 "or crashed): not a problem of the document, check again later", shown(m)));
        else if (soffice)
            st = add(pkg, "package.legacy-doc", required ? QB_SEV_ERROR : QB_SEV_WARNING, m,
                     qb_asprintf("%s“%s”是旧版 Word 格式（.doc），自动转换未成功，请另存为 .docx 后重新提交", what, shown(m)),
                     qb_asprintf("%s is a legacy .doc file the converter could not convert", shown(m)));
        else
            st = add(pkg, "package.legacy-doc", required ? QB_SEV_ERROR : QB_SEV_WARNING, m,
                     qb_asprintf("%s“%s”是旧版 Word 格式（.doc），无法检查，请另存为 .docx 后重新提交", what, shown(m)),
                     qb_asprintf("%s is a legacy .doc file (no converter installed)", shown(m)));
    } else if (is_docx(m)) {
        /* An OOXML file that does not open as one is damaged (or encrypted entries). */
        qb_opc o;
        qb_status os = qb_opc_open(m->path, &o);
        if (os == QB_OK)
            qb_opc_close(&o);
        else if (os == QB_ERR_ENCRYPTED)
            st = add(pkg, "package.encrypted", QB_SEV_ERROR, m,
                     qb_asprintf("%s“%s”设置了密码，无法读取，请去掉密码后重新提交", what, shown(m)),
                     qb_asprintf("%s is encrypted", shown(m)));
        else if (os != QB_ERR_NOMEM && o.ambiguous)
            st = add(pkg, "package.format", QB_SEV_ERROR, m, qb_asprintf("%s“%s”%s", what, shown(m), o.err.zh),
                     qb_asprintf("%s is refused: %s", shown(m), o.err.en));
        else if (os != QB_ERR_NOMEM)
            st = add(pkg, "package.format", QB_SEV_ERROR, m,
                     qb_asprintf("%s“%s”已损坏，无法打开，请重新保存后提交", what, shown(m)),
                     qb_asprintf("%s is damaged: %s", shown(m), o.err.en));
        else
            st = QB_ERR_NOMEM;
    } else if (required) {
        st = add(pkg, "package.not-word", QB_SEV_ERROR, m,
                 qb_asprintf("%s“%s”是%s，应为 Word 文件（.docx）", what, shown(m), fmt_zh(m)),
                 qb_asprintf("%s must be a Word file (.docx), not %s", shown(m), qb_format_name(m->fmt)));
    }
    return st;
}

/* "申报书|申请书" → "“申报书”“申请书”" for a message; "" when the pattern is not a plain list. */
static char *names_hint(const qb_edition *ed, const char *key)
{
    const char *v = qb_edition_get(ed, "documents", key);
    if (!v || strpbrk(v, "\\^$.()*+?{}[]"))
        return qb_strdup("");
    qb_buf b = {0};
    qb_buf_adds(&b, "（文件名中应含有“");
    for (const char *p = v; *p; p++) {
        if (*p == '|')
            qb_buf_adds(&b, "”“");
        else
            qb_buf_add(&b, p, 1);
    }
    qb_buf_adds(&b, "”等字样）");
    char *r = qb_buf_take(&b);
    return r ? r : qb_strdup("");
}

static qb_severity req_severity(const qb_edition *ed, const char *key, int *needed)
{
    const char *v = qb_edition_get(ed, "documents", key);
    *needed = !(v && strcmp(v, "optional") == 0);
    return v && strcmp(v, "warning") == 0 ? QB_SEV_WARNING : QB_SEV_ERROR;
}

qb_status qb_package_classify(qb_package *pkg, const qb_edition *ed)
{
    reset fnames = {0}, xnames = {0}, pnames = {0};
    heads h;
    memset(&h, 0, sizeof h);
    qb_status st = reset_load(&fnames, ed, "documents", "form_names");
    if (st == QB_OK)
        st = reset_load(&xnames, ed, "documents", "experience_names");
    if (st == QB_OK)
        st = reset_load(&pnames, ed, "documents", "proof_names");
    if (st == QB_OK)
        st = heads_load(&h, ed);
    size_t junk = 0, top = top_folder(pkg);
    qb_buf junk_names = {0};
    /* Proof by file name alone is a weak sign: 附件 ("attachment") also labels the form
     * and the write-up ("附件1：申报书"); such members may still be claimed by content. */
    unsigned char *weak = calloc(pkg->n ? pkg->n : 1, 1);
    if (!weak)
        st = QB_ERR_NOMEM;
    /* 1. by name */
    for (size_t i = 0; i < pkg->n && st == QB_OK; i++) {
        qb_member *m = &pkg->m[i];
        if (m->outcome != QB_OUT_OK || !m->path || m->expanded || !m->name)
            continue;
        if (qb_name_is_junk(m->name)) {
            m->role = QB_ROLE_JUNK;
            unlink(m->path);
            free(m->path);
            m->path = NULL;
            if (junk++ < QUOTE_NAMES)
                qb_buf_addf(&junk_names, "%s%s", junk > 1 ? "、" : "", m->name);
            continue;
        }
        char ext[10];
        qb_name_ext(m->name, ext);
        if (strcmp(ext, ".lnk") == 0 || strcmp(ext, ".url") == 0) {
            st = add(pkg, "package.unsafe-entry", QB_SEV_WARNING, m,
                     qb_asprintf("“%s”是 Windows 快捷方式，不是文件本身；请把实际文件放进压缩包", m->name),
                     qb_asprintf("%s is a Windows shortcut, not the file itself", m->name));
            continue;
        }
        const char *rel = m->depth == 0 && strlen(m->name) > top ? m->name + top : m->name;
        const char *base0 = qb_name_base(rel);
        char *base = qb_strndup(base0, strlen(base0) - strlen(ext));
        char *dirs = qb_strndup(rel, (size_t)(base0 - rel));
        if (!base || !dirs) {
            free(base);
            free(dirs);
            st = QB_ERR_NOMEM;
            break;
        }
        int f = reset_match(&fnames, base) >= 0, x = reset_match(&xnames, base) >= 0;
        if (*dirs && reset_match(&pnames, dirs) >= 0)
            m->role = QB_ROLE_PROOF; /* inside a 证明材料 folder, whatever its name */
        else if (f && !x)
            m->role = QB_ROLE_FORM;
        else if (x && !f)
            m->role = QB_ROLE_EXPERIENCE;
        else if (!f && reset_match(&pnames, base) >= 0) {
            m->role = QB_ROLE_PROOF;
            weak[i] = 1;
        } else
            m->role = QB_ROLE_OTHER; /* both names or none: the content decides */
        free(base);
        free(dirs);
    }
    /* 2. one form and one write-up: the best Word candidate of each role */
    for (int r = QB_ROLE_FORM; r <= QB_ROLE_EXPERIENCE && st == QB_OK; r++) {
        qb_member *best = NULL;
        for (size_t i = 0; i < pkg->n; i++)
            if (pkg->m[i].role == (qb_role)r && pkg->m[i].path &&
                (!best || word_rank(&pkg->m[i]) > word_rank(best)))
                best = &pkg->m[i];
        for (size_t i = 0; i < pkg->n; i++)
            if (pkg->m[i].role == (qb_role)r && &pkg->m[i] != best)
                pkg->m[i].role = QB_ROLE_OTHER;
    }
    /* 3. by content, for a role still missing: Word documents not yet placed */
    int have_form = qb_package_member(pkg, QB_ROLE_FORM) != NULL;
    int have_exp = qb_package_member(pkg, QB_ROLE_EXPERIENCE) != NULL;
    for (size_t i = 0; i < pkg->n && st == QB_OK && (!have_form || !have_exp); i++) {
        qb_member *m = &pkg->m[i];
        if (!(m->role == QB_ROLE_OTHER || weak[i]) || !m->path || m->outcome != QB_OUT_OK ||
            !is_docx(m))
            continue;
        docsig sig;
        if (doc_signature(m->path, &h, &sig) != QB_OK)
            continue;
        if (!have_exp && looks_experience(&sig)) {
            m->role = QB_ROLE_EXPERIENCE;
            have_exp = 1;
        } else if (!have_form && looks_form(&sig)) {
            m->role = QB_ROLE_FORM;
            have_form = 1;
        }
    }
    if (pkg->is_document && st == QB_OK) {
        /* One document: the form if it reads like one, else the write-up (a draft with
         * no headings yet is still the write-up; the section checks say what is missing). */
        for (size_t i = 0; i < pkg->n; i++)
            if (pkg->m[i].outcome == QB_OUT_OK && pkg->m[i].path && pkg->m[i].role == QB_ROLE_OTHER &&
                !have_form && !have_exp)
                pkg->m[i].role = QB_ROLE_EXPERIENCE;
    }
    /* 4. Word where Word is needed */
    char *soffice = find_soffice();
    double deadline = qb_now() + (double)qb_edition_int(ed, "package", "max_seconds", 120);
    for (size_t i = 0; i < pkg->n && st == QB_OK; i++) {
        qb_member *m = &pkg->m[i];
        if (!m->path || m->outcome != QB_OUT_OK)
            continue;
        if (m->role == QB_ROLE_FORM || m->role == QB_ROLE_EXPERIENCE)
            st = check_word(pkg, m, 1, soffice, deadline);
        else if (m->role == QB_ROLE_PROOF && m->fmt == QB_FMT_CFB)
            st = check_word(pkg, m, 0, soffice, deadline);
    }
    free(soffice);
    /* 5. what is missing (not for a single document, nor for a package nothing could be
     *    read from: its package.format / package.encrypted finding says it all) */
    int readable = 0;
    for (size_t i = 0; i < pkg->n; i++)
        readable |= pkg->m[i].outcome == QB_OUT_OK && pkg->m[i].kind == QB_KIND_FILE;
    /* nothing readable and nothing said why (an archive that is damaged past its
     * signature, or empty): that must not pass */
    if (st == QB_OK && !pkg->is_document && !readable && qb_findings_count(&pkg->findings, QB_SEV_ERROR) == 0)
        st = qb_findings_add(&pkg->findings, "package.format", QB_SEV_ERROR, pkg->display_name, NULL, 0, NULL,
                             "压缩包中没有可读取的文件，可能已损坏或是空压缩包，请重新打包后提交",
                             "the package holds no readable file: damaged or empty");
    static const struct {
        qb_role role;
        const char *key, *names_key, *rule, *zh, *en;
    } need[] = {
        {QB_ROLE_FORM, "form", "form_names", "package.missing-form", "压缩包中没有找到申报书",
         "no application form in the package"},
        {QB_ROLE_EXPERIENCE, "experience", "experience_names", "package.missing-experience",
         "压缩包中没有找到典型经验材料", "no typical-experience write-up in the package"},
        {QB_ROLE_PROOF, "proof", "proof_names", "package.missing-proof", "压缩包中没有找到证明材料",
         "no proof material in the package"},
    };
    for (size_t k = 0; k < 3 && st == QB_OK && !pkg->is_document && readable; k++) {
        int needed;
        qb_severity sev = req_severity(ed, need[k].key, &needed);
        int present = 0;
        for (size_t i = 0; i < pkg->n; i++)
            present |= pkg->m[i].role == need[k].role && pkg->m[i].outcome == QB_OUT_OK;
        if (!needed || present)
            continue;
        char *hint = names_hint(ed, need[k].names_key);
        st = add(pkg, need[k].rule, sev, NULL, qb_asprintf("%s%s", need[k].zh, hint ? hint : ""),
                 qb_strdup(need[k].en));
        free(hint);
    }
    if (st == QB_OK && junk) {
        char *zh = qb_asprintf("已忽略 %zu 个系统自动生成的文件：%s%s", junk,
                               junk_names.s ? junk_names.s : "", junk > QUOTE_NAMES ? " 等" : "");
        char *en = qb_asprintf("ignored %zu operating-system files (__MACOSX, Thumbs.db …)", junk);
        st = add(pkg, "package.junk", QB_SEV_INFO, NULL, zh, en);
    }
    qb_buf_free(&junk_names);
    free(weak);
    reset_free(&fnames);
    reset_free(&xnames);
    reset_free(&pnames);
    heads_free(&h);
    return st;
}

/* ---- manifest ----------------------------------------------------------------------- */

static const char *outcome_name(qb_outcome o)
{
    static const char *const n[] = {"ok", "unsafe", "encrypted", "too-large", "broken"};
    return (unsigned)o < 5 ? n[o] : "broken";
}

static const char *kind_name(qb_kind k)
{
    static const char *const n[] = {"file", "dir", "link", "other"};
    return (unsigned)k < 4 ? n[k] : "other";
}

static json_t *str_or_null(const char *s)
{
    json_t *j = s ? json_string(s) : NULL;
    return j ? j : json_null();
}

qb_status qb_package_manifest_write(const qb_package *pkg, FILE *out)
{
    json_t *root = json_object(), *members = json_array(), *findings = json_array();
    if (!root || !members || !findings) {
        json_decref(root);
        json_decref(members);
        json_decref(findings);
        return QB_ERR_NOMEM;
    }
    json_object_set_new(root, "package", str_or_null(pkg->display_name));
    json_object_set_new(root, "kind", json_string(pkg->is_dir ? "folder" : pkg->is_document ? "document"
                                                                                             : "archive"));
    json_object_set_new(root, "format", json_string(pkg->is_dir ? "folder" : qb_format_name(pkg->fmt)));
    json_object_set_new(root, "size", json_integer((json_int_t)pkg->size));
    json_object_set_new(root, "sha256", str_or_null(pkg->sha256[0] ? pkg->sha256 : NULL));
    json_object_set_new(root, "volumes", json_integer((json_int_t)pkg->volumes));
    json_object_set_new(root, "reader", str_or_null(pkg->reader));
    json_object_set_new(root, "applicant", str_or_null(pkg->applicant));
    for (size_t i = 0; i < pkg->n; i++) {
        const qb_member *m = &pkg->m[i];
        json_t *o = json_object();
        if (!o)
            continue;
        json_object_set_new(o, "name", str_or_null(m->name));
        json_object_set_new(o, "name_raw_hex", str_or_null(m->name_raw_hex));
        json_object_set_new(o, "stored", str_or_null(m->path ? m->stored : NULL));
        json_object_set_new(o, "converted", str_or_null(m->converted ? qb_basename(m->converted) : NULL));
        json_object_set_new(o, "kind", json_string(kind_name(m->kind)));
        json_object_set_new(o, "size", json_integer((json_int_t)m->size));
        if (m->declared != UINT64_MAX)
            json_object_set_new(o, "declared_size", json_integer((json_int_t)m->declared));
        json_object_set_new(o, "sha256", str_or_null(m->sha256[0] ? m->sha256 : NULL));
        json_object_set_new(o, "role", json_string(qb_role_name(m->role)));
        json_object_set_new(o, "format", json_string(qb_format_name(m->fmt)));
        json_object_set_new(o, "outcome", json_string(outcome_name(m->outcome)));
        json_object_set_new(o, "reason", str_or_null(m->why_zh));
        json_object_set_new(o, "depth", json_integer(m->depth));
        if (m->expanded)
            json_object_set_new(o, "expanded", json_true());
        json_array_append_new(members, o);
    }
    for (size_t i = 0; i < pkg->findings.n; i++) {
        const qb_finding *f = &pkg->findings.v[i];
        json_t *o = json_object();
        if (!o)
            continue;
        json_object_set_new(o, "rule", json_string(f->rule));
        json_object_set_new(o, "severity", json_string(qb_severity_name(f->severity)));
        json_object_set_new(o, "message", str_or_null(f->message));
        json_object_set_new(o, "message_en", str_or_null(f->message_en));
        json_object_set_new(o, "file", str_or_null(f->file));
        json_array_append_new(findings, o);
    }
    json_object_set_new(root, "members", members);
    json_object_set_new(root, "findings", findings);
    int rc = json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(root);
    if (rc != 0 || fputc('\n', out) == EOF)
        return QB_ERR_IO;
    return QB_OK;
}
