/* unpack_pkg.c — qb_package_unpack: what the input is, reading it (unpack.c), archives
 * inside it one level down, turning what happened into findings, then classifying
 * (package.c). */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "names.h"
#include "package.h"
#include "unpack_reader.h"
#include "xmlsafe.h"

#define QUOTE_FIRST 5 /* entry findings quoted one by one, then "另有 N 个" */

static qb_status fadd(qb_package *pkg, const char *rule, qb_severity sev, const char *file,
                      char *zh, char *en)
{
    qb_status st = zh && en ? qb_findings_add(&pkg->findings, rule, sev, file, NULL, 0, NULL, zh, en)
                            : QB_ERR_NOMEM;
    free(zh);
    free(en);
    return st;
}

static const char *rule_of(qb_outcome o)
{
    switch (o) {
    case QB_OUT_UNSAFE: return "package.unsafe-entry";
    case QB_OUT_ENCRYPTED: return "package.encrypted";
    case QB_OUT_TOO_LARGE: return "package.too-large";
    default: return "package.format";
    }
}

static char *label(const qb_member *m, const char *prefix)
{
    if (m->name)
        return qb_strdup(m->name);
    const char *h = m->name_raw_hex ? m->name_raw_hex : "";
    return qb_asprintf("%s（无法识别的文件名，原始字节 %.40s%s）", prefix, h, strlen(h) > 40 ? "…" : "");
}

/* Members and findings from one reading. prefix: "" at the top, "inner.zip/" below;
 * where: the archive's name for archive-level findings. */
static qb_status take_result(qb_package *pkg, qb_unpack_result *res, const char *prefix,
                             int depth, const char *where)
{
    qb_status st = QB_OK;
    size_t count[5] = {0}, encrypted = 0;
    qb_buf enc_names = {0};
    for (size_t i = 0; i < res->n && st == QB_OK; i++) {
        qb_entry *e = &res->v[i];
        if (e->kind == QB_KIND_DIR && e->outcome == QB_OUT_OK)
            continue; /* folders are not members; their files carry the path */
        if ((st = qb_grow((void **)&pkg->m, &pkg->cap, pkg->n + 1, sizeof *pkg->m)) != QB_OK)
            break;
        qb_member *m = &pkg->m[pkg->n++];
        memset(m, 0, sizeof *m);
        m->name = e->name ? qb_asprintf("%s%s", prefix, e->name) : NULL;
        m->name_raw_hex = e->raw_hex;
        e->raw_hex = NULL;
        m->stored = e->stored;
        e->stored = NULL;
        m->path = m->stored ? qb_asprintf("%s/%s", pkg->workdir, m->stored) : NULL;
        m->size = e->size;
        m->declared = e->declared;
        memcpy(m->sha256, e->sha256, sizeof m->sha256);
        m->kind = e->kind;
        m->outcome = e->outcome;
        m->why_zh = e->why_zh;
        m->why_en = e->why_en;
        e->why_zh = e->why_en = NULL;
        m->depth = depth;
        if ((e->name && !m->name) || (m->stored && !m->path)) {
            st = QB_ERR_NOMEM;
            break;
        }
        if (m->path && qb_sniff_file(m->path, &m->fmt) != QB_OK)
            m->fmt = QB_FMT_UNKNOWN;
        if (m->outcome == QB_OUT_OK)
            continue;
        char *who = label(m, prefix);
        if (!who) {
            st = QB_ERR_NOMEM;
            break;
        }
        if (m->outcome == QB_OUT_ENCRYPTED) {
            if (encrypted++ < QUOTE_FIRST)
                qb_buf_addf(&enc_names, "%s“%s”", encrypted > 1 ? "、" : "", who);
        } else if (count[m->outcome]++ < QUOTE_FIRST) {
            st = fadd(pkg, rule_of(m->outcome), QB_SEV_ERROR, who,
                      qb_asprintf("“%s”%s，已跳过", who, m->why_zh ? m->why_zh : "无法读取"),
                      qb_asprintf("%s: %s; skipped", who, m->why_en ? m->why_en : "unreadable"));
        }
        free(who);
    }
    for (int o = QB_OUT_UNSAFE; o <= QB_OUT_BROKEN && st == QB_OK; o++)
        if (o != QB_OUT_ENCRYPTED && count[o] > QUOTE_FIRST)
            st = fadd(pkg, rule_of((qb_outcome)o), QB_SEV_ERROR, where,
                      qb_asprintf("另有 %zu 个文件因同类问题被跳过", count[o] - QUOTE_FIRST),
                      qb_asprintf("%zu more entries skipped for the same reason", count[o] - QUOTE_FIRST));
    if (st == QB_OK && encrypted)
        st = fadd(pkg, "package.encrypted", QB_SEV_ERROR, where,
                  qb_asprintf("压缩包中有 %zu 个文件设置了密码，无法读取：%s%s；请去掉密码后重新提交",
                              encrypted, enc_names.s ? enc_names.s : "", encrypted > QUOTE_FIRST ? " 等" : ""),
                  qb_asprintf("%zu encrypted member(s) cannot be read", encrypted));
    qb_buf_free(&enc_names);
    if (st != QB_OK || res->status == QB_ARC_OK)
        return st;
    static const char *const rule[] = {"", "package.format", "package.encrypted", "package.too-large",
                                       "package.unsafe-entry", "package.too-large", "package.format",
                                       "package.format"};
    const char *zh = res->why_zh ? res->why_zh : "压缩包无法读取";
    return fadd(pkg, rule[res->status], QB_SEV_ERROR, where, qb_strdup(zh),
                qb_strdup(res->why_en ? res->why_en : "unreadable archive"));
}

static int is_archive(qb_format f)
{
    return f == QB_FMT_RAR4 || f == QB_FMT_RAR5 || f == QB_FMT_7Z || f == QB_FMT_ZIP;
}

/* Read one source and take its result. */
static qb_status read_source(qb_package *pkg, const qb_unpack_src *src, qb_unpack_budget *b,
                             const char *prefix, int depth, const char *where)
{
    qb_unpack_result res;
    qb_status st = qb_unpack_source(src, pkg->workdir, b, &res);
    if (st == QB_OK) {
        if (depth == 0)
            pkg->reader = res.reader;
        st = take_result(pkg, &res, prefix, depth, where);
    }
    qb_unpack_result_free(&res);
    return st;
}

/* Archives inside the package: one level (the edition's max_depth) unpacked in place. */
static qb_status nested(qb_package *pkg, qb_unpack_budget *b)
{
    qb_status st = QB_OK;
    for (size_t i = 0; i < pkg->n && st == QB_OK; i++) {
        qb_member *m = &pkg->m[i];
        if (m->outcome != QB_OUT_OK || !m->path || !is_archive(m->fmt) ||
            (m->name && qb_name_is_junk(m->name)) || (m->fmt == QB_FMT_ZIP && qb_zip_is_ooxml(m->path)))
            continue;
        if (m->depth >= b->lim->max_depth) {
            st = fadd(pkg, "package.too-large", QB_SEV_WARNING, m->name,
                      qb_asprintf("“%s”是压缩包中的压缩包，嵌套超过 %d 层，未解压；请直接放入文件",
                                  m->name ? m->name : "", b->lim->max_depth),
                      qb_asprintf("%s: archive nested deeper than %d level(s), not unpacked",
                                  m->name ? m->name : "", b->lim->max_depth));
            continue;
        }
        const char *vols[2] = {m->path, NULL};
        qb_unpack_src src = {m->fmt, vols, 0, NULL};
        char *prefix = qb_asprintf("%s/", m->name ? m->name : m->stored);
        char *where = qb_strdup(m->name ? m->name : m->stored);
        int depth = m->depth + 1;
        m->expanded = 1;
        st = prefix && where ? read_source(pkg, &src, b, prefix, depth, where) : QB_ERR_NOMEM;
        free(prefix);
        free(where);
    }
    return st;
}

/* The package's size against the limit, before anything reads the whole file (a 30 GB
 * sparse file is refused at once, not after hashing it). */
static qb_status size_check(qb_package *pkg, const qb_unpack_limits *lim)
{
    if (pkg->size <= lim->max_size)
        return QB_OK;
    qb_status st = fadd(pkg, "package.too-large", QB_SEV_ERROR, pkg->display_name,
                        qb_asprintf("压缩包大小为 %.1f MB，超过了 %llu MB 的上限", pkg->size / 1048576.0,
                                    (unsigned long long)(lim->max_size >> 20)),
                        qb_asprintf("package is %.1f MB, over the %llu MB limit", pkg->size / 1048576.0,
                                    (unsigned long long)(lim->max_size >> 20)));
    return st == QB_OK ? QB_ERR_LIMIT : st;
}

/* What kind of input this is; fills src and flags. QB_ERR_FORMAT with a finding added
 * when it cannot be read at all, QB_ERR_LIMIT when it is too large to read. */
static qb_status identify(qb_package *pkg, const qb_unpack_limits *lim, qb_unpack_src *src,
                          char ***vols)
{
    qb_status st = qb_sniff_file(pkg->input, &pkg->fmt);
    if (st != QB_OK)
        return st;
    src->fmt = pkg->fmt;
    const char *name = pkg->display_name;
    if (pkg->fmt == QB_FMT_RAR4 || pkg->fmt == QB_FMT_RAR5) {
        qb_err e = {0};
        st = qb_volumes_collect(pkg->input, vols, &e);
        if (st == QB_ERR_FORMAT) { /* the manifest still names the file by its hash */
            if (pkg->size <= lim->max_size && (st = qb_sha256_file(pkg->input, pkg->sha256)) != QB_OK)
                return st;
            st = fadd(pkg, "package.format", QB_SEV_ERROR, name, qb_strdup(e.zh), qb_strdup(e.en));
            return st == QB_OK ? QB_ERR_FORMAT : st;
        }
        if (st != QB_OK)
            return st;
        pkg->size = 0;
        for (size_t i = 0; (*vols)[i]; i++) {
            struct stat sb;
            if (stat((*vols)[i], &sb) == 0)
                pkg->size += (uint64_t)sb.st_size;
            pkg->volumes = i + 1;
        }
        src->vols = (const char *const *)*vols;
    }
    if ((st = size_check(pkg, lim)) != QB_OK || (st = qb_sha256_file(pkg->input, pkg->sha256)) != QB_OK)
        return st;
    switch (pkg->fmt) {
    case QB_FMT_RAR4:
    case QB_FMT_RAR5:
    case QB_FMT_7Z:
        break;
    case QB_FMT_ZIP:
        if (qb_zip_is_ooxml(pkg->input))
            pkg->is_document = 1; /* a .docx (or .xlsx …) is one document, not a package */
        break;
    case QB_FMT_EMPTY:
        st = fadd(pkg, "package.format", QB_SEV_ERROR, name, qb_strdup("文件是空的（0 字节），请重新提交"),
                  qb_strdup("the file is empty"));
        return st == QB_OK ? QB_ERR_FORMAT : st;
    case QB_FMT_UNKNOWN:
        st = fadd(pkg, "package.format", QB_SEV_ERROR, name,
                  qb_strdup("不是可识别的压缩包（RAR、ZIP、7z）或 Word 文件，请检查文件是否完整"),
                  qb_strdup("not a RAR, ZIP or 7z archive nor a Word document"));
        return st == QB_OK ? QB_ERR_FORMAT : st;
    default: /* OLE (.doc, encrypted .docx), PDF, images: one document */
        pkg->is_document = 1;
        break;
    }
    if (pkg->is_document)
        src->display = name;
    return QB_OK;
}

qb_status qb_package_unpack(const char *input, const char *workdir, const qb_edition *ed,
                            qb_package *pkg)
{
    memset(pkg, 0, sizeof *pkg);
    struct stat in_sb, wd_sb;
    if (stat(workdir, &wd_sb) != 0 || !S_ISDIR(wd_sb.st_mode) || stat(input, &in_sb) != 0 ||
        !(S_ISDIR(in_sb.st_mode) || S_ISREG(in_sb.st_mode)))
        return QB_ERR_USAGE;
    pkg->input = qb_strdup(input);
    pkg->workdir = qb_strdup(workdir);
    char *trimmed = qb_strdup(input);
    if (!pkg->input || !pkg->workdir || !trimmed) {
        free(trimmed);
        return QB_ERR_NOMEM;
    }
    for (size_t n = strlen(trimmed); n > 1 && trimmed[n - 1] == '/'; n--)
        trimmed[n - 1] = '\0';
    char *raw_display = qb_strdup(qb_basename(trimmed));
    free(trimmed);
    if (!raw_display)
        return QB_ERR_NOMEM;
    /* The input's own name may be GBK bytes too (copied from a Chinese Windows share). */
    if (qb_name_decode(raw_display, strlen(raw_display), 0, &pkg->display_name) != QB_OK)
        pkg->display_name = qb_hex(raw_display, strlen(raw_display));
    free(raw_display);
    if (!pkg->display_name)
        return QB_ERR_NOMEM;
    qb_xml_init();
    qb_unpack_limits lim;
    qb_unpack_limits_from_edition(ed, &lim);
    qb_unpack_budget b = {lim.max_unpacked, lim.max_members, qb_now() + lim.max_seconds, 1, &lim};
    const char *one[2] = {input, NULL};
    qb_unpack_src src = {QB_FMT_UNKNOWN, one, 0, NULL};
    char **vols = NULL;
    qb_status st = QB_OK;
    if (S_ISDIR(in_sb.st_mode)) {
        pkg->is_dir = 1;
        src.is_dir = 1;
    } else {
        pkg->size = (uint64_t)in_sb.st_size;
        pkg->volumes = 1;
        st = identify(pkg, &lim, &src, &vols);
    }
    if (st == QB_OK) {
        st = read_source(pkg, &src, &b, "", 0, pkg->display_name);
        if (st == QB_OK && !pkg->is_document)
            st = nested(pkg, &b);
        if (st == QB_OK)
            st = qb_package_classify(pkg, ed);
    } else if (st == QB_ERR_FORMAT || st == QB_ERR_LIMIT) {
        st = QB_OK; /* the finding is recorded; nothing to unpack */
    }
    if (st == QB_OK)
        st = qb_package_check_name(pkg, ed);
    qb_volumes_free(vols);
    return st;
}
