/* serve_upload.c — a multipart/form-data body streamed by libmicrohttpd's post
 * processor into a private folder: the file part (field `file`) to in/NAME — the
 * client's name when it is one safe path component (qb_serve_name_ok), else a generated
 * one —, counted against the limit as it arrives (over it, the partial file is removed
 * at once and the rest is not stored); `edition` and `keep` kept in memory.
 * The name is part of the check (the JSON names the input, package.name compares it with
 * the applicant), so the file is stored under it at once: no link or copy later, and
 * each folder made or removed per request is time on a disk file system — which is why
 * the folders are made ahead (qb_serve_folder_take) and removed after the answer. */
#include "serve_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tmpdir.h"

#define PP_BUFFER 65536

static void bad(qb_serve_upload *u, const char *zh, const char *en)
{
    if (!u->bad) {
        u->bad = zh;
        u->bad_en = en;
    }
}

/* The name to store and check the upload under: the last component of the client's
 * name (an old browser may send a whole Windows path) when it is safe, else generated. */
static const char *stored_name(const char *filename)
{
    const char *name = filename;
    for (const char *p = name; p && *p; p++)
        if (*p == '/' || *p == '\\')
            name = p + 1;
    return name && qb_serve_name_ok(name) ? name : QB_SERVE_UPLOAD;
}

/* Over the limit: nothing of it stays. */
static void drop_file(qb_serve_upload *u)
{
    if (u->fd >= 0)
        close(u->fd);
    u->fd = -1;
    if (u->path)
        unlink(u->path);
}

int qb_serve_write_all(int fd, const char *s, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, s, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        s += w;
        n -= (size_t)w;
    }
    return 0;
}

static enum MHD_Result file_part(qb_serve_upload *u, const char *filename, const char *data, uint64_t off,
                                 size_t size)
{
    /* a part starts at offset 0 (a first call without data does not count as one) */
    if (off == 0 && !(u->files && u->size == 0)) {
        if (u->files) {
            bad(u, "只能上传一个文件（字段 file 出现了多次）", "one file only (field `file` appears more than once)");
            return MHD_NO;
        }
        u->files = 1;
        u->filename = filename ? qb_strdup(filename) : NULL;
        u->name = stored_name(u->filename);
        u->path = qb_asprintf("%s/%s/%s", u->dir, QB_SERVE_IN, u->name);
        u->fd = u->path ? open(u->path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600) : -1;
        if (u->fd < 0) {
            bad(u, "服务器无法保存上传的文件", "the server cannot store the upload");
            return MHD_NO;
        }
    }
    if (u->too_large)
        return MHD_YES; /* read on and drop: the answer is 413 */
    if (size > 0 && u->size + size > u->limit) {
        u->too_large = 1;
        u->size += size;
        drop_file(u);
        return MHD_YES;
    }
    u->size += size;
    if (size > 0 && qb_serve_write_all(u->fd, data, size) != 0) {
        bad(u, "服务器无法保存上传的文件（磁盘已满？）", "the server cannot store the upload (disk full?)");
        return MHD_NO;
    }
    return MHD_YES;
}

static enum MHD_Result on_part(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
                               const char *content_type, const char *transfer_encoding, const char *data,
                               uint64_t off, size_t size)
{
    (void)kind;
    (void)content_type;
    (void)transfer_encoding;
    qb_serve_upload *u = cls;
    if (strcmp(key, "file") == 0)
        return file_part(u, filename, data, off, size);
    if (strcmp(key, "edition") == 0) {
        if (u->edition_len + size >= sizeof u->edition) {
            bad(u, "字段 edition 过长", "field `edition` is too long");
            return MHD_NO;
        }
        memcpy(u->edition + u->edition_len, data, size);
        u->edition_len += size;
        u->edition[u->edition_len] = '\0';
    } else if (strcmp(key, "keep") == 0) {
        u->keep = size > 0 && data[0] == '1';
    }
    return MHD_YES; /* other fields: a portal's own, ignored */
}

char *qb_serve_request_dir(const char *root)
{
    char *dir = qb_asprintf("%s/r-XXXXXX", root), *in = NULL;
    if (dir && mkdtemp(dir) && (in = qb_asprintf("%s/%s", dir, QB_SERVE_IN)) && mkdir(in, 0700) == 0) {
        free(in);
        return dir;
    }
    if (dir && in) /* made, but not its in/ */
        rmdir(dir);
    free(in);
    free(dir);
    return NULL;
}

qb_status qb_serve_upload_start(qb_serve_upload *u, struct MHD_Connection *c, char *dir, uint64_t limit)
{
    memset(u, 0, sizeof *u);
    u->fd = -1;
    u->limit = limit;
    if (!(u->dir = dir))
        return QB_ERR_IO;
    u->pp = MHD_create_post_processor(c, PP_BUFFER, on_part, u);
    if (!u->pp)
        bad(u, "请求格式有误：应为 multipart/form-data 且带 boundary",
            "malformed request: expected multipart/form-data with a boundary");
    return QB_OK;
}

void qb_serve_upload_feed(qb_serve_upload *u, const char *data, size_t n)
{
    if (u->bad || !u->pp)
        return;
    if (MHD_post_process(u->pp, data, n) != MHD_YES)
        bad(u, "请求格式有误：multipart/form-data 内容无法解析", "malformed request: the multipart/form-data body "
                                                                   "cannot be parsed");
}

int qb_serve_upload_finish(qb_serve_upload *u)
{
    if (u->pp && MHD_destroy_post_processor(u->pp) != MHD_YES)
        bad(u, "请求格式有误：multipart/form-data 内容不完整", "malformed request: the multipart/form-data body is "
                                                                  "incomplete");
    u->pp = NULL;
    if (u->fd >= 0 && close(u->fd) != 0)
        bad(u, "服务器无法保存上传的文件", "the server cannot store the upload");
    u->fd = -1;
    if (u->too_large || u->bad)
        return -1;
    if (!u->files) {
        bad(u, "请求中没有文件（字段 file）", "no file in the request (field `file`)");
        return -1;
    }
    return 0;
}

void qb_serve_upload_free(qb_serve_upload *u)
{
    if (u->pp)
        MHD_destroy_post_processor(u->pp);
    if (u->fd >= 0)
        close(u->fd);
    if (u->dir)
        qb_tree_remove(u->dir);
    free(u->dir);
    free(u->filename);
    free(u->path);
    memset(u, 0, sizeof *u);
    u->fd = -1;
}
