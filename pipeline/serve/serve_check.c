/* serve_check.c — one upload checked in a forked child under the batch's limits
 * (child.h): the same library call qb-check makes (check.h), the same JSON writer
 * (report.h), and with keep the annotated draft (annotate.h) and the dossier
 * (render.h), as qb-check --annotate and --pdf write them. A hostile upload costs the
 * child, never the server.
 *
 * The upload is stored under the name the applicant gave it (serve_upload.c), which is
 * part of the check — the JSON names the input, and package.name compares a package's
 * file name with the applicant of its form —, so the answer is byte for byte what
 * qb-check --json prints for the file under that name. The child's temporary folders
 * (a package unpacked) go in the request's folder, removed with it.
 *
 * The child sends the parent "done VERDICT ANNOTATED DOSSIER LENGTH\n" and LENGTH bytes
 * of JSON through a pipe: the parent answers once it has them all, waiting neither for
 * the child to close the pipe nor to exit; end of file before that means it died. After
 * the answer the child drops to the idle scheduling class, so that its clean-up and exit
 * give way to the server answering (and to the next check). */
#define _GNU_SOURCE /* pipe2, closefrom */
#include "serve_int.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "annotate.h"
#include "buf.h"
#include "check.h"
#include "render.h"
#include "report.h"
#include "unpack.h"
#include "utf8.h"

#define RESULT_FD 3
#define JSON_MAX (256u << 20)

static char *in_dir(const qb_serve_job *j, const char *sub)
{
    return sub ? qb_asprintf("%s/%s", j->dir, sub) : qb_strdup(j->dir);
}

/* The report as qb-check --json prints it, in memory. */
static qb_status json_of(const qb_report *rep, char **buf, size_t *len)
{
    *buf = NULL;
    *len = 0;
    FILE *f = open_memstream(buf, len);
    if (!f)
        return QB_ERR_NOMEM;
    qb_status st = qb_report_json(rep, f);
    if (fclose(f) != 0 && st == QB_OK)
        st = QB_ERR_NOMEM;
    return st;
}

static qb_status save(const char *path, const char *buf, size_t len)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return QB_ERR_IO;
    int bad = qb_serve_write_all(fd, buf, len);
    return close(fd) != 0 || bad ? QB_ERR_IO : QB_OK;
}

/* In the child: check, write the outputs, say so. The exit code matters only when
 * nothing was said. */
static int child_run(const qb_serve_job *j, int fd)
{
    char *in = in_dir(j, QB_SERVE_IN), *out = in_dir(j, QB_SERVE_OUT);
    char *path = in ? qb_asprintf("%s/%s", in, j->name ? j->name : QB_SERVE_UPLOAD) : NULL;
    char *json = out ? qb_asprintf("%s/%s", out, QB_SERVE_JSON) : NULL;
    if (!path || !json || (j->keep && mkdir(out, 0700) != 0)) {
        free(in), free(out), free(path), free(json);
        return 4;
    }
    qb_record res;
    qb_status st = qb_check_input(path, j->ed, &res);
    int annotated = 0, dossier = 0;
    const char *verdict = NULL;
    char *buf = NULL;
    size_t len = 0;
    if (st == QB_OK) {
        qb_report rep;
        qb_report_of_record(&rep, &res, j->ed, 0);
        verdict = qb_report_status(&rep);
        st = json_of(&rep, &buf, &len);
    }
    if (st == QB_OK && j->keep) /* what qb-check --json, --annotate and --pdf write */
        st = save(json, buf, len);
    if (st == QB_OK && j->keep) {
        char *a = qb_asprintf("%s/%s", out, QB_SERVE_ANNOTATED);
        char *p = qb_asprintf("%s/%s", out, QB_SERVE_DOSSIER);
        if (a && res.have_doc) /* the write-up: the draft itself, or the package's member */
            annotated = qb_annotate_docx(res.doc.source ? res.doc.source : path, a, &res.doc) == QB_OK;
        qb_findings warnings = {0};
        if (p)
            dossier = qb_render_record(&res, j->ed, NULL, p, &warnings) == QB_OK;
        qb_findings_free(&warnings);
        free(a);
        free(p);
    }
    char line[96];
    int n = st == QB_OK ? snprintf(line, sizeof line, "done %s %d %d %zu\n", verdict, annotated, dossier, len)
                        : snprintf(line, sizeof line, "broken\n");
    /* the line and the JSON in one write (one wake-up of the server, not two); the
     * record is freed after, off the answer's path */
    struct iovec iov[2] = {{line, (size_t)n}, {buf, st == QB_OK ? len : 0}};
    ssize_t w;
    while ((w = writev(fd, iov, 2)) < 0 && errno == EINTR)
        ;
    size_t done = w > 0 ? (size_t)w : 0, total = iov[0].iov_len + iov[1].iov_len;
    int wrote = w >= 0; /* the rest, if the pipe took only part of it */
    if (wrote && done < iov[0].iov_len)
        wrote = qb_serve_write_all(fd, line + done, iov[0].iov_len - done) == 0 &&
                qb_serve_write_all(fd, buf, iov[1].iov_len) == 0;
    else if (wrote && done < total)
        wrote = qb_serve_write_all(fd, buf + (done - iov[0].iov_len), total - done) == 0;
    close(fd);
    struct sched_param idle = {0};
    sched_setscheduler(0, SCHED_IDLE, &idle); /* may fail: then it only exits later */
    qb_record_free(&res);
    free(buf);
    free(in), free(out), free(path), free(json);
    return wrote ? 0 : 4;
}

/* The whole of what the child says it sends: its first line, ending in the JSON's length,
 * and that many bytes after it. */
static int said_all(const qb_buf *b)
{
    const char *nl = b->s ? memchr(b->s, '\n', b->len) : NULL;
    if (!nl || strncmp(b->s, "done ", 5) != 0)
        return 0;
    const char *sp = nl;
    while (sp > b->s && sp[-1] != ' ')
        sp--;
    char *end;
    unsigned long long n = strtoull(sp, &end, 10);
    return end == nl && n <= JSON_MAX && b->len - (size_t)(nl + 1 - b->s) >= n;
}

/* What the child sends, until it has said all (said_all), end of file or the deadline;
 * 1 when the deadline passed, -1 when it sent more than JSON_MAX bytes. */
static int read_all(int fd, double deadline, qb_buf *b)
{
    char buf[65536];
    for (;;) {
        double left = deadline - qb_now();
        if (left <= 0)
            return 1;
        struct pollfd pf = {fd, POLLIN, 0};
        int r = poll(&pf, 1, left > 1000 ? 1000000 : (int)(left * 1000) + 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            continue;
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        if (b->len + (size_t)n > JSON_MAX)
            return -1;
        qb_buf_add(b, buf, (size_t)n);
        if (said_all(b))
            break;
    }
    return 0;
}

/* Kill anything the child left running in its group, and reap what of it has ended: the
 * server is a child subreaper (serve_spare.c), so the child's orphans come to it. */
static void reap_group(pid_t pid)
{
    qb_child_kill(pid);
    while (waitpid(-pid, NULL, WNOHANG) > 0)
        ;
}

/* Reap the child, killing it when it outlives the deadline. */
static int reap(pid_t pid, double deadline, int *killed)
{
    int status = 0;
    for (;;) {
        pid_t w = waitpid(pid, &status, WNOHANG);
        if (w == pid || (w < 0 && errno != EINTR))
            break;
        if (qb_now() > deadline) {
            *killed = 1;
            qb_child_kill(pid);
            while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
                ;
            break;
        }
        struct timespec ts = {0, 200 * 1000};
        nanosleep(&ts, NULL);
    }
    reap_group(pid);
    return status;
}

void qb_serve_child_main(const qb_serve_job *j, pid_t server, int fd)
{
    if (qb_child_enter(&j->budget, server, NULL, j->dir) != 0)
        _exit(4);
    /* _exit: the answer is out, and the child's heap is a copy of the server's, which
     * it cannot free (a leak check here would report the server's editions); what the
     * check allocates is freed above, and qb-check's own sanitizer runs check that */
    _exit(child_run(j, fd));
}

/* A child for j now: a spare given the job, else one started now (forked by the zygote: see serve_spare.c). Its pid, and in *fd the read end of its
 * answer; -1 when none could start. */
static pid_t start_child(const qb_serve_job *j, struct qb_serve_spares *sp, int *fd)
{
    qb_spare s;
    for (int tries = 0; tries < 3; tries++) {
        if (!qb_serve_spare_take(sp, &s) && qb_serve_spare_spawn(sp, &s) != 0)
            return -1;
        *fd = s.result;
        if (qb_serve_spare_give(&s, j) == 0)
            return s.pid;
        close(s.result); /* a spare that died waiting: the next one */
        qb_child_kill(s.pid);
        while (waitpid(s.pid, NULL, 0) < 0 && errno == EINTR)
            ;
    }
    return -1;
}

static qb_status run_child(const qb_serve_job *j, qb_serve_queue *q, int slot, struct qb_serve_spares *sp,
                           qb_serve_result *r);

qb_status qb_serve_check(const qb_serve_job *j, qb_serve_queue *q, int slot, struct qb_serve_spares *sp,
                         qb_serve_result *r)
{
    memset(r, 0, sizeof *r);
    qb_serve_spares_busy(sp, 1);
    qb_status st = run_child(j, q, slot, sp, r);
    qb_serve_spares_busy(sp, -1);
    return st;
}

/* A child for j, its answer read, in r. */
static qb_status run_child(const qb_serve_job *j, qb_serve_queue *q, int slot, struct qb_serve_spares *sp,
                           qb_serve_result *r)
{
    int fd = -1;
    pid_t pid = start_child(j, sp, &fd);
    if (pid < 0)
        return QB_ERR_IO;
    qb_child_adopt(pid);
    qb_serve_queue_set_pid(q, slot, pid);
    double deadline = qb_now() + j->budget.seconds;
    qb_buf got = {0};
    int killed = read_all(fd, deadline, &got);
    close(fd);
    if (qb_buf_status(&got) != QB_OK) {
        qb_buf_free(&got);
        qb_child_kill(pid);
        reap(pid, deadline, &killed);
        return QB_ERR_NOMEM;
    }
    const char *text = got.s, *nl = text ? strchr(text, '\n') : NULL;
    char verdict[8] = "";
    int a = 0, d = 0;
    size_t said = 0;
    if (killed < 0) { /* a report no check writes: the child is not what it should be */
        qb_child_kill(pid);
        killed = 0;
        reap(pid, deadline, &killed);
        r->end = QB_JOB_BROKEN;
    } else if (!killed && nl && sscanf(text, "done %7s %d %d %zu", verdict, &a, &d, &said) == 4 &&
               said == got.len - (size_t)(nl + 1 - text)) {
        r->end = QB_JOB_DONE; /* reaped after the answer is out (qb_serve_after) */
        r->pid = pid;
        r->deadline = deadline;
    } else if (killed) {
        qb_child_kill(pid);
        reap(pid, deadline, &killed);
        r->end = QB_JOB_TIMEOUT;
    } else if (WIFSIGNALED(reap(pid, deadline, &killed))) {
        r->end = QB_JOB_CRASHED;
    } else {
        r->end = QB_JOB_BROKEN;
    }
    if (r->end == QB_JOB_DONE) {
        memcpy(r->verdict, verdict, sizeof verdict);
        r->annotated = a;
        r->dossier = d;
        size_t skip = (size_t)(nl + 1 - text);
        r->len = got.len - skip;
        r->json = qb_buf_take(&got);
        memmove(r->json, r->json + skip, r->len + 1);
    }
    qb_buf_free(&got);
    return QB_OK;
}

int qb_serve_reaped(pid_t pid, double deadline)
{
    int status;
    pid_t w = waitpid(pid, &status, WNOHANG);
    if (w == pid || (w < 0 && errno != EINTR)) {
        reap_group(pid);
        return 1;
    }
    if (qb_now() > deadline)
        qb_child_kill(pid);
    return 0;
}

void qb_serve_reap(pid_t pid, double deadline)
{
    int killed = 0;
    reap(pid, deadline, &killed);
}

void qb_serve_result_free(qb_serve_result *r)
{
    if (r->pid > 0)
        qb_serve_reap(r->pid, r->deadline);
    free(r->json);
    memset(r, 0, sizeof *r);
}

int qb_serve_name_ok(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > 255 || strcmp(name, ".") == 0 || strcmp(name, "..") == 0 || !qb_utf8_valid(name, n, NULL))
        return 0;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        if (*p < 0x20 || *p == 0x7f || *p == '/' || *p == '\\')
            return 0;
    return 1;
}
