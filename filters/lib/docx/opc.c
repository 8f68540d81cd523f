/* opc.c — DOCX package access. */
#define _GNU_SOURCE
#include "opc.h"
#include "sniff.h"
#include "xmlsafe.h"
#include "zipcheck.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* What the applicant is told when the file does not open: one sentence per kind of
 * failure (the English says precisely what), or the walk's own reason when the file
 * reads differently in different programs. */
static qb_status opc_fail(qb_opc *o, qb_status st, const char *en)
{
    const char *zh = st == QB_ERR_ENCRYPTED ? "文档已加密，无法读取"
                     : st == QB_ERR_UNSAFE ? "文件结构异常（疑似恶意构造），已拒绝"
                     : st == QB_ERR_LIMIT  ? "文件解压后过大，已拒绝"
                                           : "不是可读取的 Word 文档（文件损坏或格式不符）";
    return qb_err_set(&o->err, st, "%s%.0s", "%.0s%s", zh, en); /* each language its own */
}

static qb_status opc_refuse(qb_opc *o, const qb_err *e)
{
    o->ambiguous = 1;
    return qb_err_set(&o->err, e->st, "不是可读取的 Word 文档：%s%.0s", "%.0s%s", e->zh, e->en);
}

qb_status qb_opc_open(const char *path, qb_opc *o)
{
    memset(o, 0, sizeof *o);
    qb_zip_limits lim = {.max_entries = 10000, .max_total = QB_OPC_MAX_TOTAL, .max_ratio = 1000};
    qb_zip_info info;
    qb_format fmt = QB_FMT_UNKNOWN;
    qb_status st = qb_sniff_file(path, &fmt);
    if (st != QB_OK)
        return opc_fail(o, st, "cannot read file");
    if (fmt == QB_FMT_CFB)
        return qb_cfb_is_encrypted_ooxml(path)
                   ? opc_fail(o, QB_ERR_ENCRYPTED, "password-protected Office document (encrypted package)")
                   : opc_fail(o, QB_ERR_FORMAT, "legacy Word 97-2003 (.doc) or WPS file, not a .docx");
    if (fmt != QB_FMT_ZIP)
        return opc_fail(o, QB_ERR_FORMAT, "not a ZIP-based Office document");
    /* Parts hold at least what the file holds (less the directory): a bigger file is
     * over the limit before anything reads it all (a 30 GB file answers at once). */
    struct stat sb;
    if (stat(path, &sb) != 0)
        return opc_fail(o, QB_ERR_IO, "cannot read file");
    if ((uint64_t)sb.st_size > (uint64_t)QB_OPC_MAX_TOTAL + QB_ZIP_MAX_CD)
        return opc_fail(o, QB_ERR_LIMIT, "file larger than a Word document may unpack to");
    qb_err e = {0};
    qb_zip_dir dir;
    st = qb_zip_dir_read(path, lim.max_entries, &dir, &e);
    if (st != QB_OK)
        return dir.ambiguous ? opc_refuse(o, &e) : opc_fail(o, st, e.en);
    st = qb_zip_check_dir(&dir, &lim, &info, &e);
    /* A part whose local header names another part is two documents in one: a reader
     * of local headers sees the other (CHECKCONS would refuse it, the retry not). */
    if (st == QB_OK && qb_zip_dir_local_names(&dir, &e) != QB_OK) {
        qb_zip_dir_free(&dir);
        return opc_refuse(o, &e);
    }
    if (st == QB_OK && info.encrypted)
        st = opc_fail(o, QB_ERR_ENCRYPTED, "ZIP entries are encrypted");
    else if (st != QB_OK)
        opc_fail(o, st, e.en);
    if (st != QB_OK) {
        qb_zip_dir_free(&dir);
        return st;
    }
    int err = 0;
    o->z = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &err);
    /* Some writers (pandoc) leave harmless local/central differences that CHECKCONS
     * refuses (names were compared above). Without it libzip may choose another of
     * several directories: the comparison below makes sure it read ours, entry by entry. */
    if (!o->z && err == ZIP_ER_INCONS)
        o->z = zip_open(path, ZIP_RDONLY, &err);
    if (!o->z) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, err);
        opc_fail(o, QB_ERR_FORMAT, zip_error_strerror(&ze));
        zip_error_fini(&ze);
        qb_zip_dir_free(&dir);
        return QB_ERR_FORMAT;
    }
    st = qb_zip_dir_agrees(o->z, &dir, &e);
    qb_zip_dir_free(&dir);
    if (st != QB_OK) {
        qb_opc_close(o);
        return opc_refuse(o, &e);
    }
    /* The main document is whatever _rels/.rels names (pandoc's test has document2.xml). */
    qb_rels rels = {0};
    st = qb_opc_rels(o, "", &rels);
    if (st == QB_OK) {
        const qb_rel *r = qb_rels_by_type(&rels, "/officeDocument");
        if (r && !r->external)
            o->main_part = qb_strdup(r->target);
        qb_rels_free(&rels);
    }
    if (st == QB_ERR_NOMEM) {
        qb_opc_close(o);
        return opc_fail(o, st, "out of memory");
    }
    if (!o->main_part && qb_opc_has(o, "word/document.xml"))
        o->main_part = qb_strdup("word/document.xml");
    if (!o->main_part || !qb_opc_has(o, o->main_part)) {
        qb_opc_close(o);
        return opc_fail(o, QB_ERR_FORMAT, "no main document part (not a Word document)");
    }
    return QB_OK;
}

void qb_opc_close(qb_opc *o)
{
    if (o->z)
        zip_discard(o->z); /* read-only: never writes back */
    free(o->main_part);
    o->z = NULL;
    o->main_part = NULL;
}

static zip_int64_t locate(qb_opc *o, const char *part)
{
    if (*part == '/')
        part++;
    return zip_name_locate(o->z, part, ZIP_FL_NOCASE);
}

int qb_opc_has(qb_opc *o, const char *part)
{
    return locate(o, part) >= 0;
}

qb_status qb_opc_read(qb_opc *o, const char *part, char **buf, size_t *len)
{
    *buf = NULL;
    zip_int64_t idx = locate(o, part);
    if (idx < 0)
        return QB_ERR_FORMAT;
    zip_stat_t sb;
    if (zip_stat_index(o->z, (zip_uint64_t)idx, 0, &sb) != 0 || !(sb.valid & ZIP_STAT_SIZE))
        return QB_ERR_FORMAT;
    if (sb.size > QB_OPC_MAX_PART)
        return QB_ERR_LIMIT;
    zip_file_t *f = zip_fopen_index(o->z, (zip_uint64_t)idx, 0);
    if (!f)
        return QB_ERR_FORMAT;
    size_t want = (size_t)sb.size;
    char *b = malloc(want + 2);
    if (!b) {
        zip_fclose(f);
        return QB_ERR_NOMEM;
    }
    size_t got = 0;
    qb_status st = QB_OK;
    while (got < want) {
        zip_int64_t r = zip_fread(f, b + got, want - got);
        if (r <= 0) {
            st = r < 0 ? QB_ERR_FORMAT : QB_OK;
            break;
        }
        got += (size_t)r;
    }
    /* One byte more than declared means the stream lies about its size. */
    if (st == QB_OK && zip_fread(f, b + got, 1) > 0)
        st = QB_ERR_LIMIT;
    zip_fclose(f);
    if (st != QB_OK || got != want) {
        free(b);
        return st != QB_OK ? st : QB_ERR_FORMAT;
    }
    b[got] = '\0';
    *buf = b;
    if (len)
        *len = got;
    return QB_OK;
}

struct qb_part_reader {
    xmlTextReaderPtr r;
    zip_file_t *f;
    zip_uint64_t left;  /* bytes the part may still yield */
    int lied;           /* it yielded more than it declared */
    int started;
};

static int stream_read(void *ctx, char *buf, int len)
{
    qb_part_reader *pr = ctx;
    if (len <= 0)
        return 0;
    if (pr->left == 0) { /* at the declared end: anything more is a lie */
        char extra;
        if (zip_fread(pr->f, &extra, 1) > 0) {
            pr->lied = 1;
            return -1;
        }
        return 0;
    }
    zip_uint64_t want = (zip_uint64_t)len < pr->left ? (zip_uint64_t)len : pr->left;
    zip_int64_t n = zip_fread(pr->f, buf, want);
    if (n < 0)
        return -1;
    pr->left -= (zip_uint64_t)n;
    if (!pr->started) { /* a UTF-8 BOM is legal at the start of a part; the reader wants none */
        pr->started = 1;
        if (n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
            memmove(buf, buf + 3, (size_t)n - 3);
            n -= 3;
        }
    }
    return (int)n;
}

static int stream_close(void *ctx)
{
    (void)ctx; /* the ZIP stream is closed by qb_opc_reader_close */
    return 0;
}

/* A reader over part, refused (QB_ERR_LIMIT) when it declares more than max bytes. */
static qb_status reader_open(qb_opc *o, const char *part, zip_uint64_t max, qb_part_reader **out)
{
    *out = NULL;
    zip_int64_t idx = locate(o, part);
    zip_stat_t sb;
    if (idx < 0 || zip_stat_index(o->z, (zip_uint64_t)idx, 0, &sb) != 0 || !(sb.valid & ZIP_STAT_SIZE))
        return QB_ERR_FORMAT;
    if (sb.size > max)
        return QB_ERR_LIMIT;
    qb_part_reader *pr = calloc(1, sizeof *pr);
    if (!pr)
        return QB_ERR_NOMEM;
    pr->left = sb.size;
    pr->f = zip_fopen_index(o->z, (zip_uint64_t)idx, 0);
    if (pr->f)
        pr->r = xmlReaderForIO(stream_read, stream_close, pr, part, NULL, QB_XML_OPTS);
    if (!pr->r) {
        if (pr->f)
            zip_fclose(pr->f);
        free(pr);
        return QB_ERR_FORMAT;
    }
    *out = pr;
    return QB_OK;
}

qb_status qb_opc_reader_open(qb_opc *o, const char *part, qb_part_reader **out)
{
    return reader_open(o, part, QB_OPC_MAX_PART, out);
}

xmlTextReaderPtr qb_part_reader_xml(qb_part_reader *pr)
{
    return pr->r;
}

qb_status qb_opc_reader_close(qb_part_reader *pr)
{
    if (!pr)
        return QB_OK;
    xmlFreeTextReader(pr->r);
    qb_status st = pr->lied ? QB_ERR_LIMIT : QB_OK;
    zip_fclose(pr->f);
    free(pr);
    return st;
}

/* Resolve target against the folder of source ("word/document.xml" + "media/a.png"). */
static char *resolve(const char *source, const char *target)
{
    if (*target == '/')
        return qb_strdup(target + 1);
    const char *slash = strrchr(source, '/');
    size_t dlen = slash ? (size_t)(slash - source) + 1 : 0;
    char *joined = qb_asprintf("%.*s%s", (int)dlen, source, target);
    if (!joined)
        return NULL;
    /* collapse "x/../" and "./" */
    char *out = malloc(strlen(joined) + 1);
    if (!out) {
        free(joined);
        return NULL;
    }
    size_t olen = 0;
    char *save = NULL;
    for (char *seg = strtok_r(joined, "/", &save); seg; seg = strtok_r(NULL, "/", &save)) {
        if (strcmp(seg, ".") == 0)
            continue;
        if (strcmp(seg, "..") == 0) {
            while (olen > 0 && out[olen - 1] != '/')
                olen--;
            if (olen > 0)
                olen--;
            continue;
        }
        if (olen)
            out[olen++] = '/';
        size_t sl = strlen(seg);
        memcpy(out + olen, seg, sl);
        olen += sl;
    }
    out[olen] = '\0';
    free(joined);
    return out;
}

qb_status qb_opc_related_each(qb_opc *o, const qb_rels *rels, const char *suffix, size_t max,
                               qb_opc_child_fn fn, void *ctx, int *whole)
{
    *whole = 0;
    const qb_rel *rel = rels ? qb_rels_by_type(rels, suffix) : NULL;
    if (!rel || rel->external)
        return QB_OK;
    qb_part_reader *pr;
    qb_status st = reader_open(o, rel->target, max, &pr);
    if (st == QB_ERR_FORMAT)
        return QB_OK; /* dangling relationship */
    if (st != QB_OK)
        return st;
    xmlTextReaderPtr r = pr->r;
    int ret = xmlTextReaderRead(r), root = 0;
    while (ret == 1 && st == QB_OK) {
        int type = xmlTextReaderNodeType(r), depth = xmlTextReaderDepth(r);
        if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
            st = QB_ERR_UNSAFE; /* as qb_xml_parse_memory refuses one */
        } else if (type == XML_READER_TYPE_ELEMENT && depth == 0) {
            root = 1;
        } else if (type == XML_READER_TYPE_ELEMENT && depth == 1) {
            xmlNodePtr n = xmlTextReaderExpand(r);
            if (!n) {
                ret = -1;
                break;
            }
            st = fn(ctx, n); /* n and its subtree are freed once the reader moves on */
            if (st == QB_OK)
                ret = xmlTextReaderNext(r);
            continue;
        }
        if (st == QB_OK)
            ret = xmlTextReaderRead(r);
    }
    qb_status closed = qb_opc_reader_close(pr);
    if (st == QB_OK && closed != QB_OK)
        st = closed;
    if (st == QB_OK && ret == 0 && root)
        *whole = 1; /* read to its end: well-formed */
    return st;
}

qb_status qb_opc_rels(qb_opc *o, const char *part, qb_rels *out)
{
    memset(out, 0, sizeof *out);
    const char *slash = strrchr(part, '/');
    char *rels_name = slash ? qb_asprintf("%.*s/_rels/%s.rels", (int)(slash - part), part, slash + 1)
                            : qb_asprintf("_rels/%s.rels", part);
    if (!rels_name)
        return QB_ERR_NOMEM;
    char *buf;
    size_t len;
    qb_status st = qb_opc_read(o, rels_name, &buf, &len);
    free(rels_name);
    if (st == QB_ERR_FORMAT)
        return QB_OK; /* a part without relationships */
    if (st != QB_OK)
        return st;
    xmlDocPtr doc;
    st = qb_xml_parse_memory(buf, len, &doc);
    free(buf);
    if (st != QB_OK)
        return QB_OK; /* unreadable rels: treat as none; the caller reports what is missing */
    for (xmlNodePtr n = xmlDocGetRootElement(doc)->children; n && st == QB_OK; n = n->next) {
        if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "Relationship") != 0)
            continue;
        xmlChar *id = xmlGetProp(n, BAD_CAST "Id");
        xmlChar *type = xmlGetProp(n, BAD_CAST "Type");
        xmlChar *target = xmlGetProp(n, BAD_CAST "Target");
        xmlChar *mode = xmlGetProp(n, BAD_CAST "TargetMode");
        if (id && type && target) {
            st = qb_grow((void **)&out->v, &out->cap, out->n + 1, sizeof *out->v);
            if (st == QB_OK) {
                qb_rel *r = &out->v[out->n];
                r->external = mode && strcasecmp((const char *)mode, "External") == 0;
                r->id = qb_strdup((const char *)id);
                r->type = qb_strdup((const char *)type);
                r->target = r->external ? qb_strdup((const char *)target)
                                        : resolve(part, (const char *)target);
                if (!r->id || !r->type || !r->target) {
                    free(r->id); free(r->type); free(r->target);
                    st = QB_ERR_NOMEM;
                } else {
                    out->n++;
                }
            }
        }
        xmlFree(id); xmlFree(type); xmlFree(target); xmlFree(mode);
    }
    xmlFreeDoc(doc);
    if (st != QB_OK)
        qb_rels_free(out);
    return st;
}

const qb_rel *qb_rels_find(const qb_rels *r, const char *id)
{
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->v[i].id, id) == 0)
            return &r->v[i];
    return NULL;
}

const qb_rel *qb_rels_by_type(const qb_rels *r, const char *suffix)
{
    size_t sl = strlen(suffix);
    for (size_t i = 0; i < r->n; i++) {
        size_t tl = strlen(r->v[i].type);
        if (tl >= sl && strcmp(r->v[i].type + tl - sl, suffix) == 0)
            return &r->v[i];
    }
    return NULL;
}

void qb_rels_free(qb_rels *r)
{
    for (size_t i = 0; i < r->n; i++) {
        free(r->v[i].id);
        free(r->v[i].type);
        free(r->v[i].target);
    }
    free(r->v);
    memset(r, 0, sizeof *r);
}
