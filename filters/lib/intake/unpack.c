/* unpack.c — the sandbox, the sink and the choice of reader (design in unpack.h). */
#define _GNU_SOURCE
#include "unpack.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <nettle/sha2.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "names.h"
#include "unpack_reader.h"
#include "zipwalk.h"


#define MIB (1024u * 1024u)
#define RATIO_FLOOR MIB           /* small members may compress well legitimately */
#define CHILD_ADDRESS_SPACE (3ull << 30)

void qb_unpack_limits_from_edition(const qb_edition *ed, qb_unpack_limits *lim)
{
    lim->max_size = (uint64_t)qb_edition_int(ed, "package", "max_size_mb", 200) * MIB;
    lim->max_unpacked = (uint64_t)qb_edition_int(ed, "package", "max_unpacked_mb", 1024) * MIB;
    lim->max_members = (uint64_t)qb_edition_int(ed, "package", "max_members", 500);
    lim->max_ratio = (uint64_t)qb_edition_int(ed, "package", "max_ratio", 200);
    lim->max_depth = (int)qb_edition_int(ed, "package", "max_depth", 1);
    lim->max_seconds = (int)qb_edition_int(ed, "package", "max_seconds", 120);
}

double qb_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- sandbox ---------------------------------------------------------------- */

static void child_limits(const qb_child_limits *lim)
{
    struct rlimit r = {0, 0};
    setrlimit(RLIMIT_CORE, &r);
    if (lim->cpu_seconds > 0) {
        r.rlim_cur = (rlim_t)lim->cpu_seconds;
        r.rlim_max = (rlim_t)lim->cpu_seconds + 1;
        setrlimit(RLIMIT_CPU, &r);
    }
    if (lim->fsize) {
        r.rlim_cur = r.rlim_max = (rlim_t)lim->fsize;
        setrlimit(RLIMIT_FSIZE, &r);
    }
#ifndef QB_UNDER_ASAN /* ASan reserves terabytes of address space up front */
    if (lim->address_space) {
        r.rlim_cur = r.rlim_max = (rlim_t)lim->address_space;
        setrlimit(RLIMIT_AS, &r);
    }
#endif
}

qb_status qb_sandbox_run(qb_child_fn fn, void *arg, const qb_child_limits *lim,
                         qb_child_data on_data, void *ctx, qb_child_end *end, int *code)
{
    int p[2];
    if (pipe2(p, O_CLOEXEC) != 0)
        return QB_ERR_IO;
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        close(p[0]);
        close(p[1]);
        return QB_ERR_IO;
    }
    if (pid == 0) {
        close(p[0]);
        setpgid(0, 0); /* its own group: a timeout kills unar/lsar children too */
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        signal(SIGPIPE, SIG_IGN);
        signal(SIGXFSZ, SIG_IGN); /* over RLIMIT_FSIZE: write() fails with EFBIG */
        child_limits(lim);
        _exit(fn(arg, p[1]));
    }
    setpgid(pid, pid);
    close(p[1]);
    int timed_out = 0;
    char buf[65536];
    for (;;) {
        double left = lim->deadline - qb_now();
        if (left <= 0) {
            timed_out = 1;
            break;
        }
        struct pollfd pf = {p[0], POLLIN, 0};
        int r = poll(&pf, 1, left > 1000 ? 1000000 : (int)(left * 1000) + 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r == 0)
            continue; /* re-check the deadline */
        ssize_t n = read(p[0], buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break; /* EOF: the child finished or died */
        on_data(ctx, buf, (size_t)n);
    }
    close(p[0]);
    int status = 0;
    for (;;) { /* the pipe is closed; give the child until the deadline to exit */
        pid_t w = waitpid(pid, &status, WNOHANG);
        if (w == pid)
            break;
        if (w < 0 && errno != EINTR)
            break;
        if (timed_out || qb_now() > lim->deadline) {
            timed_out = 1;
            kill(-pid, SIGKILL);
            kill(pid, SIGKILL);
            while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
                ;
            break;
        }
        struct timespec ts = {0, 5 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    kill(-pid, SIGKILL); /* anything the child left running in its group */
    if (timed_out) {
        *end = QB_CHILD_TIMEOUT;
        *code = 0;
    } else if (WIFSIGNALED(status)) {
        *end = QB_CHILD_SIGNALED;
        *code = WTERMSIG(status);
    } else {
        *end = QB_CHILD_EXITED;
        *code = WEXITSTATUS(status);
    }
    return QB_OK;
}

/* ---- the sink (child side) ------------------------------------------------------- */

struct qb_sink {
    int out, dirfd;
    const qb_unpack_limits *lim;
    uint64_t room, members_left;
    unsigned next;
    int stopped;
    /* the entry being written */
    int fd;
    char stored[32];
    char *name, *raw_hex;
    qb_kind kind;
    uint64_t declared, written;
    struct sha256_ctx sha;
    int has_crc;
    uint32_t crc_want, crc;
    int failed; /* the entry was already recorded by qb_sink_write */
    /* decoded names seen, for duplicates (open addressing) */
    char **seen;
    size_t seen_cap, seen_n;
};

static void put_all(int fd, const char *s, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, s, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return;
        s += w;
        n -= (size_t)w;
    }
}

static void put_hex(qb_buf *b, const char *s)
{
    if (!s || !*s) {
        qb_buf_adds(b, "\t-");
        return;
    }
    char *h = qb_hex(s, strlen(s));
    qb_buf_adds(b, "\t");
    qb_buf_adds(b, h ? h : "-");
    free(h);
}

/* One line per entry: E kind outcome declared size sha stored raw name why_zh why_en */
static void emit_entry(qb_sink *s, qb_outcome out, uint64_t size, const char *sha,
                       const char *zh, const char *en)
{
    qb_buf b = {0};
    qb_buf_addf(&b, "E\t%d\t%d\t%llu\t%llu\t%s\t%s\t%s", (int)s->kind, (int)out,
                (unsigned long long)s->declared, (unsigned long long)size,
                sha && *sha ? sha : "-", out == QB_OUT_OK && s->stored[0] ? s->stored : "-",
                s->raw_hex && *s->raw_hex ? s->raw_hex : "-");
    put_hex(&b, s->name);
    put_hex(&b, zh);
    put_hex(&b, en);
    qb_buf_adds(&b, "\n");
    if (b.s)
        put_all(s->out, b.s, b.len);
    qb_buf_free(&b);
    free(s->name);
    free(s->raw_hex);
    s->name = s->raw_hex = NULL;
}

void qb_sink_verdict(qb_sink *s, qb_arc_status st, const qb_err *why)
{
    qb_buf b = {0};
    qb_buf_addf(&b, "V\t%d", (int)st);
    put_hex(&b, why->zh);
    put_hex(&b, why->en);
    qb_buf_adds(&b, "\n");
    if (b.s)
        put_all(s->out, b.s, b.len);
    qb_buf_free(&b);
    if (st == QB_ARC_TOO_LARGE)
        s->stopped = 1;
}

int qb_sink_stopped(const qb_sink *s) { return s->stopped; }
const qb_unpack_limits *qb_sink_limits(const qb_sink *s) { return s->lim; }
uint64_t qb_sink_room(const qb_sink *s) { return s->room; }

static uint64_t fnv(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

/* Nonzero when name was seen before; remembers it otherwise. */
static int seen_before(qb_sink *s, const char *name)
{
    if (s->seen_n * 2 >= s->seen_cap) {
        size_t nc = s->seen_cap ? s->seen_cap * 2 : 256;
        char **nv = calloc(nc, sizeof *nv);
        if (!nv)
            return 0;
        for (size_t i = 0; i < s->seen_cap; i++)
            if (s->seen[i]) {
                size_t j = fnv(s->seen[i]) & (nc - 1);
                while (nv[j])
                    j = (j + 1) & (nc - 1);
                nv[j] = s->seen[i];
            }
        free(s->seen);
        s->seen = nv;
        s->seen_cap = nc;
    }
    size_t j = fnv(name) & (s->seen_cap - 1);
    while (s->seen[j]) {
        if (strcmp(s->seen[j], name) == 0)
            return 1;
        j = (j + 1) & (s->seen_cap - 1);
    }
    s->seen[j] = qb_strdup(name);
    if (s->seen[j])
        s->seen_n++;
    return 0;
}

static int skip(qb_sink *s, qb_outcome out, const char *zh, const char *en)
{
    emit_entry(s, out, 0, NULL, zh, en);
    return 0;
}

int qb_sink_begin(qb_sink *s, const qb_entry_in *e)
{
    s->kind = e->kind;
    s->declared = e->declared;
    s->written = 0;
    s->failed = 0;
    s->raw_hex = qb_hex(e->raw ? e->raw : "", e->raw ? e->raw_len : 0);
    s->name = NULL;
    s->stored[0] = '\0';
    qb_status st = QB_ERR_FORMAT;
    if (e->uname)
        st = qb_name_decode(e->uname, strlen(e->uname), 1, &s->name);
    if (st != QB_OK && e->raw)
        st = qb_name_decode(e->raw, e->raw_len, e->utf8, &s->name);
    if (s->members_left == 0) {
        s->stopped = 1;
        qb_err e = {0};
        qb_err_set(&e, QB_ERR_LIMIT, "压缩包中的文件数量超过上限", "too many members");
        qb_sink_verdict(s, QB_ARC_TOO_LARGE, &e);
        return skip(s, QB_OUT_TOO_LARGE, "文件数量超过上限，未解压", "over the member limit");
    }
    s->members_left--;
    if (st == QB_ERR_UNSAFE)
        return skip(s, QB_OUT_UNSAFE, "文件名中含有空字符", "name contains a NUL byte");
    if (st != QB_OK)
        return skip(s, QB_OUT_UNSAFE, "文件名编码无法识别", "name cannot be decoded");
    const char *en;
    const char *zh = qb_name_unsafe(s->name, &en);
    if (zh)
        return skip(s, QB_OUT_UNSAFE, zh, en);
    if (e->unsafe)
        return skip(s, QB_OUT_UNSAFE, e->unsafe->zh, e->unsafe->en);
    qb_name_tidy(s->name);
    if (e->kind == QB_KIND_DIR) {
        emit_entry(s, QB_OUT_OK, 0, NULL, NULL, NULL);
        return 0;
    }
    if (e->kind == QB_KIND_LINK)
        return skip(s, QB_OUT_UNSAFE, "是链接（符号链接、硬链接或快捷方式），不是文件本身",
                    "a link, not a file");
    if (e->kind != QB_KIND_FILE)
        return skip(s, QB_OUT_UNSAFE, "是设备或特殊文件，不是普通文件", "a device or special file");
    if (e->encrypted)
        return skip(s, QB_OUT_ENCRYPTED, "文件已加密（设置了密码），无法读取",
                    "encrypted (password protected)");
    if (seen_before(s, s->name))
        return skip(s, QB_OUT_UNSAFE, "与压缩包中另一个文件同名，无法确定以哪个为准",
                    "duplicate name");
    if (e->declared != UINT64_MAX && e->declared > s->room)
        return skip(s, QB_OUT_TOO_LARGE, "解压后过大，超过了解压总量上限", "over the unpacked-size limit");
    if (e->declared != UINT64_MAX && e->packed != UINT64_MAX && e->declared > RATIO_FLOOR &&
        e->declared / (e->packed ? e->packed : 1) > s->lim->max_ratio)
        return skip(s, QB_OUT_TOO_LARGE, "压缩比异常（疑似“压缩炸弹”），未解压",
                    "compression ratio too high (zip bomb?)");
    char ext[10];
    qb_name_ext(s->name, ext);
    for (int tries = 0; tries < 1000; tries++) {
        snprintf(s->stored, sizeof s->stored, "%04u%s", s->next++, ext);
        /* Announce the file before creating it: after a crash the parent removes it. */
        char line[48];
        int n = snprintf(line, sizeof line, "B\t%s\n", s->stored);
        put_all(s->out, line, (size_t)n);
        s->fd = openat(s->dirfd, s->stored, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
        if (s->fd >= 0 || errno != EEXIST)
            break;
    }
    if (s->fd < 0)
        return skip(s, QB_OUT_BROKEN, "无法写入工作目录", "cannot create the output file");
    sha256_init(&s->sha);
    s->has_crc = e->has_crc;
    s->crc_want = e->crc;
    s->crc = 0;
    return 1;
}

static void drop_file(qb_sink *s)
{
    if (s->fd >= 0) {
        close(s->fd);
        s->fd = -1;
        unlinkat(s->dirfd, s->stored, 0);
    }
}

qb_status qb_sink_write(qb_sink *s, const void *buf, size_t n)
{
    if (s->failed || s->fd < 0)
        return QB_ERR_LIMIT;
    if (s->declared != UINT64_MAX && n > s->declared - s->written) {
        /* More data than the header declared: libzip and some RAR readers do not stop. */
        drop_file(s);
        s->failed = 1;
        emit_entry(s, QB_OUT_BROKEN, s->written, NULL, "实际数据比压缩包记录的大小多，文件异常",
                   "more data than the declared size");
        return QB_ERR_LIMIT;
    }
    if (n > s->room) {
        drop_file(s);
        s->failed = 1;
        emit_entry(s, QB_OUT_TOO_LARGE, s->written, NULL, "解压后过大，超过了解压总量上限",
                   "over the unpacked-size limit");
        qb_err e = {0};
        qb_err_set(&e, QB_ERR_LIMIT, "解压后的总大小超过上限（疑似“压缩炸弹”）", "unpacked size over the limit");
        qb_sink_verdict(s, QB_ARC_TOO_LARGE, &e);
        return QB_ERR_LIMIT;
    }
    const char *p = buf;
    size_t left = n;
    while (left > 0) {
        ssize_t w = write(s->fd, p, left);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            int big = errno == EFBIG || errno == ENOSPC || errno == EDQUOT;
            drop_file(s);
            s->failed = 1;
            emit_entry(s, big ? QB_OUT_TOO_LARGE : QB_OUT_BROKEN, s->written, NULL,
                       big ? "磁盘空间或文件大小超过上限" : "写入工作目录失败",
                       big ? "file size or disk limit reached" : "write error");
            return QB_ERR_LIMIT;
        }
        p += w;
        left -= (size_t)w;
    }
    sha256_update(&s->sha, n, buf);
    if (s->has_crc)
        s->crc = qb_crc32(s->crc, buf, n);
    s->written += n;
    s->room -= n;
    return QB_OK;
}

void qb_sink_end(qb_sink *s, int ok, const char *why_en)
{
    if (s->failed)
        return;
    if (!ok) {
        drop_file(s);
        emit_entry(s, QB_OUT_BROKEN, s->written, NULL, "文件数据损坏或不完整，无法读取",
                   why_en ? why_en : "read error");
        return;
    }
    if (s->declared != UINT64_MAX && s->written < s->declared) {
        /* RAR5 with a missing volume reads short without an error (LIBRARIES.md §2c). */
        drop_file(s);
        emit_entry(s, QB_OUT_BROKEN, s->written, NULL, "文件数据不完整（比压缩包记录的大小少）",
                   "fewer bytes than the declared size");
        return;
    }
    if (s->has_crc && s->crc != s->crc_want) {
        drop_file(s);
        emit_entry(s, QB_OUT_BROKEN, s->written, NULL, "文件数据校验失败（已损坏）", "CRC mismatch");
        return;
    }
    int bad = close(s->fd) != 0;
    s->fd = -1;
    if (bad) {
        unlinkat(s->dirfd, s->stored, 0);
        emit_entry(s, QB_OUT_BROKEN, s->written, NULL, "写入工作目录失败", "write error");
        return;
    }
    uint8_t d[SHA256_DIGEST_SIZE];
    sha256_digest(&s->sha, sizeof d, d);
    char *hex = qb_hex(d, sizeof d);
    emit_entry(s, QB_OUT_OK, s->written, hex, NULL, NULL);
    free(hex);
}

/* ---- running a reader ---------------------------------------------------------- */

typedef struct {
    const qb_reader *reader;
    const qb_read_job *job;
    const char *workdir;
    const qb_unpack_budget *budget;
} child_arg;

static int child_main(void *varg, int fd)
{
    child_arg *a = varg;
    setlocale(LC_ALL, "C.UTF-8"); /* libarchive converts names only in a UTF-8 locale */
    qb_sink s = {0};
    s.out = fd;
    s.fd = -1;
    s.lim = a->budget->lim;
    s.room = a->budget->unpacked_left;
    s.members_left = a->budget->members_left;
    s.next = a->budget->next;
    s.dirfd = open(a->workdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (s.dirfd < 0) {
        qb_err e = {0};
        qb_err_set(&e, QB_ERR_IO, "无法打开工作目录", "cannot open the work folder");
        qb_sink_verdict(&s, QB_ARC_FORMAT, &e);
        return 3;
    }
    a->reader->read(&s, a->job);
    if (s.fd >= 0)
        drop_file(&s);
    put_all(fd, "X\n", 2);
    return 0;
}

typedef struct {
    qb_unpack_result *res;
    qb_buf line;
    char **created;
    size_t ncreated, capcreated;
    int finished;
    int oom;
} parent_ctx;

static char *unhex(const char *h)
{
    if (strcmp(h, "-") == 0)
        return NULL;
    size_t n = strlen(h) / 2;
    char *s = malloc(n + 1);
    if (!s)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        unsigned v = 0;
        sscanf(h + 2 * i, "%2x", &v);
        s[i] = (char)v;
    }
    s[n] = '\0';
    return s;
}

/* A name the sink generates: digits, then an optional extension of [a-z0-9]. The child
 * reads hostile data, so the parent never builds a path from anything else it sends. */
static int generated_name(const char *s)
{
    size_t d = strspn(s, "0123456789");
    if (d < 4 || d > 10)
        return 0;
    if (!s[d])
        return 1;
    size_t e = strspn(s + d + 1, "abcdefghijklmnopqrstuvwxyz0123456789");
    return s[d] == '.' && e >= 1 && e <= 8 && !s[d + 1 + e];
}

static void parse_line(parent_ctx *c, char *line)
{
    char *f[12];
    int nf = 0;
    for (char *p = line; nf < 12;) {
        f[nf++] = p;
        char *t = strchr(p, '\t');
        if (!t)
            break;
        *t = '\0';
        p = t + 1;
    }
    qb_unpack_result *r = c->res;
    if (strcmp(f[0], "B") == 0 && nf == 2 && generated_name(f[1])) {
        if (qb_grow((void **)&c->created, &c->capcreated, c->ncreated + 1, sizeof *c->created) == QB_OK &&
            (c->created[c->ncreated] = qb_strdup(f[1])) != NULL)
            c->ncreated++;
    } else if (strcmp(f[0], "E") == 0 && nf == 11) {
        if (qb_grow((void **)&r->v, &r->cap, r->n + 1, sizeof *r->v) != QB_OK) {
            c->oom = 1;
            return;
        }
        qb_entry *e = &r->v[r->n++];
        memset(e, 0, sizeof *e);
        e->kind = (qb_kind)atoi(f[1]);
        e->outcome = (qb_outcome)atoi(f[2]);
        e->declared = strtoull(f[3], NULL, 10);
        e->size = strtoull(f[4], NULL, 10);
        if (strcmp(f[5], "-") != 0)
            snprintf(e->sha256, sizeof e->sha256, "%s", f[5]);
        e->stored = strcmp(f[6], "-") && generated_name(f[6]) ? qb_strdup(f[6]) : NULL;
        e->raw_hex = qb_strdup(strcmp(f[7], "-") ? f[7] : "");
        e->name = unhex(f[8]);
        e->why_zh = unhex(f[9]);
        e->why_en = unhex(f[10]);
        r->members++;
        if (e->outcome == QB_OUT_OK)
            r->written += e->size;
    } else if (strcmp(f[0], "V") == 0 && nf == 4) {
        r->status = (qb_arc_status)atoi(f[1]);
        free(r->why_zh);
        free(r->why_en);
        r->why_zh = unhex(f[2]);
        r->why_en = unhex(f[3]);
    } else if (strcmp(f[0], "X") == 0) {
        c->finished = 1;
    }
}

static void on_data(void *vctx, const char *buf, size_t n)
{
    parent_ctx *c = vctx;
    for (size_t i = 0; i < n; i++) {
        if (buf[i] == '\n') {
            if (c->line.s)
                parse_line(c, c->line.s);
            qb_buf_reset(&c->line);
        } else if (qb_buf_add(&c->line, buf + i, 1) != QB_OK) {
            c->oom = 1;
        }
    }
}

static void set_why(qb_unpack_result *r, qb_arc_status st, const char *zh, const char *en)
{
    r->status = st;
    free(r->why_zh);
    free(r->why_en);
    r->why_zh = qb_strdup(zh);
    r->why_en = qb_strdup(en);
}

void qb_unpack_result_free(qb_unpack_result *res)
{
    for (size_t i = 0; i < res->n; i++) {
        qb_entry *e = &res->v[i];
        free(e->name);
        free(e->raw_hex);
        free(e->stored);
        free(e->why_zh);
        free(e->why_en);
    }
    free(res->v);
    free(res->why_zh);
    free(res->why_en);
    memset(res, 0, sizeof *res);
}

qb_status qb_unpack_run(const qb_reader *reader, const qb_read_job *job, const char *workdir,
                        qb_unpack_budget *budget, qb_unpack_result *res)
{
    qb_unpack_result_free(res);
    res->reader = reader->name;
    child_arg a = {reader, job, workdir, budget};
    parent_ctx c = {0};
    c.res = res;
    qb_child_limits lim = {0};
    double left = budget->deadline - qb_now();
    /* CPU time is a backstop two seconds past the wall-clock deadline (CPU time never
     * runs ahead of wall time for the one-threaded readers), so an over-long run ends
     * as a timeout, not as a killed reader */
    lim.cpu_seconds = left > 0 ? (int)left + 2 : 2;
    lim.fsize = budget->unpacked_left + MIB;
    lim.address_space = CHILD_ADDRESS_SPACE;
    lim.deadline = budget->deadline;
    qb_child_end end;
    int code;
    qb_status st = qb_sandbox_run(child_main, &a, &lim, on_data, &c, &end, &code);
    if (st == QB_OK && c.oom)
        st = QB_ERR_NOMEM;
    int clean = st == QB_OK && end == QB_CHILD_EXITED && code == 0 && c.finished;
    if (st == QB_OK && !clean) {
        if (end == QB_CHILD_TIMEOUT || (end == QB_CHILD_SIGNALED && code == SIGXCPU))
            set_why(res, QB_ARC_TIMEOUT, "解压超时，压缩包可能是“压缩炸弹”或已损坏",
                    "unpacking timed out");
        else if (end == QB_CHILD_EXITED && code == 3)
            set_why(res, QB_ARC_FORMAT, "无法打开工作目录", "cannot open the work folder");
        else
            set_why(res, QB_ARC_CRASHED, "解压程序读取该压缩包时异常退出，压缩包可能已损坏",
                    "the archive reader crashed");
    }
    /* Files announced but not recorded as written (a crash mid-entry) are removed; after
     * a crash or timeout every file of the run is, since the run is not trusted. */
    for (size_t i = 0; i < c.ncreated; i++) {
        int keep = clean;
        if (keep) {
            keep = 0;
            for (size_t k = 0; k < res->n; k++)
                if (res->v[k].stored && strcmp(res->v[k].stored, c.created[i]) == 0)
                    keep = 1;
        }
        if (!keep) {
            char *p = qb_asprintf("%s/%s", workdir, c.created[i]);
            if (p)
                unlink(p);
            free(p);
        }
        free(c.created[i]);
    }
    if (!clean)
        for (size_t k = 0; k < res->n; k++)
            if (res->v[k].outcome == QB_OUT_OK) {
                res->v[k].outcome = QB_OUT_BROKEN;
                free(res->v[k].stored);
                res->v[k].stored = NULL;
                res->v[k].sha256[0] = '\0';
            }
    if (reader == &qb_reader_unar)
        qb_unar_cleanup(workdir);
    budget->next += (unsigned)c.ncreated;
    free(c.created);
    qb_buf_free(&c.line);
    return st;
}

/* Scan every volume of a RAR set; split parts are merged into their first part. */
static qb_status rar_scan_set(const qb_unpack_src *src, uint64_t max, qb_rar_info *all)
{
    memset(all, 0, sizeof *all);
    for (size_t v = 0; src->vols[v]; v++) {
        qb_rar_info one;
        qb_status st = qb_rar_scan(src->vols[v], (size_t)max + 1, &one);
        if (st == QB_ERR_NOMEM) {
            qb_rar_info_free(all);
            return st;
        }
        if (st != QB_OK) {
            all->damaged = 1;
            qb_err_set(&all->err, QB_ERR_FORMAT, "第 %zu 卷不是 RAR 文件", "volume %zu is not a RAR file", v + 1);
            continue;
        }
        if (v == 0) {
            all->fmt = one.fmt;
            all->volume = one.volume;
            all->first_volume = one.first_volume;
            all->new_naming = one.new_naming;
        }
        all->solid |= one.solid;
        all->header_encrypted |= one.header_encrypted;
        all->locked |= one.locked;
        all->end_seen = one.end_seen;
        all->more_volumes = one.more_volumes;
        if (one.damaged && !all->damaged) {
            all->damaged = 1;
            all->err = one.err;
        }
        for (size_t i = 0; i < one.n; i++) {
            qb_rar_entry *e = &one.v[i];
            qb_rar_entry *prev = all->n ? &all->v[all->n - 1] : NULL;
            if (e->split_before && prev && prev->split_after && prev->raw_len == e->raw_len &&
                memcmp(prev->raw, e->raw, e->raw_len) == 0) {
                prev->packed += e->packed;
                prev->split_after = e->split_after;
                prev->has_crc = e->has_crc; /* the last part's CRC covers the whole file */
                prev->crc = e->crc;
                prev->encrypted |= e->encrypted;
                free(e->raw);
                free(e->uname);
                continue;
            }
            if (qb_grow((void **)&all->v, &all->cap, all->n + 1, sizeof *all->v) != QB_OK) {
                for (size_t k = i; k < one.n; k++) {
                    free(one.v[k].raw);
                    free(one.v[k].uname);
                }
                free(one.v);
                qb_rar_info_free(all);
                return QB_ERR_NOMEM;
            }
            all->v[all->n++] = *e;
        }
        free(one.v);
    }
    return QB_OK;
}

static int rar_solid4(const qb_rar_info *ri)
{
    if (ri->fmt != QB_FMT_RAR4)
        return 0;
    if (ri->solid)
        return 1;
    for (size_t i = 0; i < ri->n; i++)
        if (ri->v[i].solid)
            return 1;
    return 0;
}

qb_status qb_unpack_source(const qb_unpack_src *src, const char *workdir,
                           qb_unpack_budget *budget, qb_unpack_result *res)
{
    memset(res, 0, sizeof *res);
    qb_read_job job = {src, NULL, workdir};
    qb_rar_info ri = {0};
    const qb_reader *reader;
    int is_rar = !src->is_dir && !src->display &&
                 (src->fmt == QB_FMT_RAR4 || src->fmt == QB_FMT_RAR5);
    if (src->is_dir)
        reader = &qb_reader_dir;
    else if (src->display)
        reader = &qb_reader_file;
    else if (src->fmt == QB_FMT_ZIP)
        reader = &qb_reader_zip;
    else if (is_rar || src->fmt == QB_FMT_7Z)
        reader = qb_reader_archive();
    else {
        set_why(res, QB_ARC_FORMAT, "不是可识别的压缩包格式", "not a recognised archive format");
        return QB_OK;
    }
    if (is_rar || (src->fmt == QB_FMT_7Z && !src->is_dir && !src->display)) {
        /* A RAR (or 7z) that also ends like a ZIP is two archives: unzip reads the one,
         * we the other. Say what was found rather than check one half. */
        for (size_t v = 0; src->vols[v]; v++)
            if (qb_zip_appended(src->vols[v])) {
                res->reader = "zip-walk";
                if (src->fmt == QB_FMT_7Z)
                    set_why(res, QB_ARC_FORMAT,
                            "这个文件是一个 7z 压缩包，后面又附加了一个 ZIP 压缩包，不同的解压软件会读出不同的文件，已拒绝；请只提交一个压缩包",
                            "a 7z archive with a ZIP archive appended: tools would read different files");
                else
                    set_why(res, QB_ARC_FORMAT,
                            "这个文件是一个 RAR 压缩包，后面又附加了一个 ZIP 压缩包，不同的解压软件会读出不同的文件，已拒绝；请只提交一个压缩包",
                            "a RAR archive with a ZIP archive appended: tools would read different files");
                return QB_OK;
            }
    }
    if (is_rar) {
        qb_status st = rar_scan_set(src, budget->members_left, &ri);
        if (st != QB_OK)
            return st;
        job.rar = &ri;
        if (ri.header_encrypted) {
            res->reader = "rar-headers";
            set_why(res, QB_ARC_ENCRYPTED, "压缩包已加密（连文件名都设置了密码），无法读取",
                    "the archive headers are encrypted");
            qb_rar_info_free(&ri);
            return QB_OK;
        }
        if (rar_solid4(&ri))
            reader = &qb_reader_unar; /* libarchive stops at the 2nd entry (LIBRARIES.md §2a) */
    }
    qb_status st = qb_unpack_run(reader, &job, workdir, budget, res);
    if (st == QB_OK && reader == qb_reader_archive() && is_rar &&
        (res->status == QB_ARC_CRASHED || res->status == QB_ARC_UNSUPPORTED)) {
        /* unar must not count what the crashed run counted */
        st = qb_unpack_run(&qb_reader_unar, &job, workdir, budget, res);
    }
    if (st == QB_OK) {
        budget->unpacked_left -= res->written < budget->unpacked_left ? res->written
                                                                        : budget->unpacked_left;
        budget->members_left -= res->members < budget->members_left ? res->members
                                                                      : budget->members_left;
        if (res->status == QB_ARC_UNSUPPORTED || (res->status == QB_ARC_CRASHED &&
                                                  res->reader == qb_reader_unar.name && is_rar))
            set_why(res, QB_ARC_FORMAT, "压缩包无法读取（已用两种解压程序尝试），可能已损坏",
                    "neither libarchive nor unar can read the archive");
    }
    qb_rar_info_free(&ri);
    return st;
}
