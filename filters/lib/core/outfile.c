/* outfile.c — outputs through a temporary file renamed into place (outfile.h). */
#define _XOPEN_SOURCE 700 /* realpath */
#include "outfile.h"
#include "tmpdir.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

qb_status qb_outfile_errno(qb_err *e, const char *path, int err)
{
    const char *zh = err == ENOSPC ? "磁盘空间不足"
                     : err == EFBIG ? "超出文件大小限制"
                     : err == EDQUOT ? "超出磁盘配额"
                     : err == EACCES || err == EPERM ? "没有写入权限"
                     : err == EROFS ? "只读文件系统"
                     : err == ENOENT ? "文件夹不存在"
                     : err == EISDIR ? "这是一个文件夹"
                     : err == ENOTDIR ? "路径中有一项不是文件夹"
                     : err == EIO ? "磁盘读写错误"
                                  : "写入失败";
    return qb_err_set(e, QB_ERR_IO, "无法写出 %s：%s%.0s", "%s: cannot write (%.0s%s)", path, zh, strerror(err));
}

void qb_outfile_init(void)
{
    signal(SIGXFSZ, SIG_IGN);
}

/* Whether the folder holding out is dir or lies inside it (links resolved). */
static int inside(const char *out, const struct stat *dir)
{
    char *copy = qb_strdup(out);
    if (!copy)
        return 0;
    char *slash = strrchr(copy, '/');
    const char *folder = slash == copy ? "/" : slash ? copy : ".";
    if (slash && slash != copy)
        *slash = '\0';
    char *real = realpath(folder, NULL);
    free(copy);
    int found = 0;
    while (real && !found) { /* the folder, then each of its parents up to / */
        struct stat st;
        found = stat(real, &st) == 0 && st.st_dev == dir->st_dev && st.st_ino == dir->st_ino;
        char *end = strrchr(real, '/');
        if (!end || (end == real && real[1] == '\0'))
            break;
        end[end == real] = '\0';
    }
    free(real);
    return found;
}

qb_status qb_outfile_refuse_input(const char *out, const char *const *inputs, size_t n, qb_err *e)
{
    if (!out || !*out)
        return qb_err_set(e, QB_ERR_USAGE, "没有给出输出文件", "no output file given");
    struct stat so;
    int exists = stat(out, &so) == 0; /* not there yet (or a dangling link): it is no input file */
    for (size_t i = 0; i < n; i++) {
        struct stat si;
        if (!inputs[i] || stat(inputs[i], &si) != 0)
            continue;
        if (exists && si.st_dev == so.st_dev && si.st_ino == so.st_ino)
            return qb_err_set(e, QB_ERR_USAGE, "输出文件 %s 就是输入文件 %s，已拒绝（否则会覆盖原文件）",
                              "the output %s is the input %s: refused (it would replace the original)", out,
                              inputs[i]);
        /* a package given as a folder is never written into either */
        if (S_ISDIR(si.st_mode) && inside(out, &si))
            return qb_err_set(e, QB_ERR_USAGE, "输出文件 %s 在输入文件夹 %s 之内，已拒绝（输入不得改动）",
                              "the output %s is inside the input folder %s: refused (the input is never changed)",
                              out, inputs[i]);
    }
    return QB_OK;
}

static void clear(qb_outfile *of)
{
    free(of->path);
    free(of->tmp);
    memset(of, 0, sizeof *of);
}

qb_status qb_outfile_open(qb_outfile *of, const char *out, const char *const *inputs, size_t n, qb_err *e)
{
    memset(of, 0, sizeof *of);
    qb_status st = qb_outfile_refuse_input(out, inputs, n, e);
    if (st != QB_OK)
        return st;
    qb_outfile_init();
    of->path = qb_strdup(out);
    of->tmp = qb_asprintf("%s.tmp-XXXXXX", out);
    if (!of->path || !of->tmp) {
        clear(of);
        return qb_err_status(e, QB_ERR_NOMEM);
    }
    sigset_t all, old; /* no signal between making the file and registering it */
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, &old);
    int fd = mkstemp(of->tmp), err = errno;
    qb_status reg = fd >= 0 ? qb_cleanup_register(of->tmp) : QB_ERR_IO;
    sigprocmask(SIG_SETMASK, &old, NULL);
    if (fd < 0) {
        clear(of);
        return qb_outfile_errno(e, out, err);
    }
    if (reg != QB_OK) {
        close(fd);
        unlink(of->tmp);
        clear(of);
        return qb_err_set(e, QB_ERR_LIMIT, "同时打开的临时文件过多", "too many temporary files at once");
    }
    mode_t mask = umask(0); /* mkstemp makes 0600; an output is an ordinary file */
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    of->f = fdopen(fd, "wb");
    if (!of->f) {
        close(fd);
        qb_outfile_abort(of);
        return qb_err_status(e, QB_ERR_NOMEM);
    }
    return QB_OK;
}

qb_status qb_outfile_write(qb_outfile *of, const void *p, size_t n, qb_err *e)
{
    if (n && fwrite(p, 1, n, of->f) != n)
        return qb_outfile_errno(e, of->path, errno ? errno : EIO);
    return QB_OK;
}

qb_status qb_outfile_commit(qb_outfile *of, qb_err *e)
{
    qb_status st = QB_OK;
    if (of->f) {
        errno = 0;
        /* the flush first, for errno; then ferror: a write that failed earlier,
         * whoever made it; then the disk's own answer */
        int bad = fflush(of->f) != 0 || ferror(of->f) || fsync(fileno(of->f)) != 0;
        int err = errno;
        if (fclose(of->f) != 0 && !bad) {
            bad = 1;
            err = errno;
        }
        of->f = NULL;
        if (bad)
            st = qb_outfile_errno(e, of->path, err ? err : EIO);
    }
    if (st == QB_OK && rename(of->tmp, of->path) != 0)
        st = qb_outfile_errno(e, of->path, errno);
    if (st == QB_OK) {
        qb_cleanup_forget(of->tmp);
        clear(of);
        return QB_OK;
    }
    qb_outfile_abort(of);
    return st;
}

void qb_outfile_abort(qb_outfile *of)
{
    if (of->f)
        fclose(of->f);
    if (of->tmp) {
        unlink(of->tmp);
        qb_cleanup_forget(of->tmp);
    }
    clear(of);
}
