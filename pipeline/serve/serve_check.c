/* serve_check.c — one upload checked in a forked child under the batch's limits
 * (child.h): the same library call qb-check makes (check.h), the same JSON writer
 * (report.h), and with keep the annotated draft (annotate.h) and the dossier
 * (render.h), as qb-check --annotate and --pdf write them. A hostile upload costs the
 * child, never the server.
 *
 * The upload is stored under a generated name; the child reads it through a hard link
 * named as the applicant named the file (validated: one path component; else a
 * generated name). The name is part of the check — the JSON names the input, and
 * package.name compares a package's file name with the applicant of its form — so the
 * answer is byte for byte what qb-check --json prints for the file under that name.
 *
 * The child tells the parent "done VERDICT ANNOTATED DOSSIER" through a pipe and closes
 * it before it exits; end of file without that line means it died. */
#define _GNU_SOURCE /* pipe2, closefrom */
#include "serve_int.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "annotate.h"
#include "check.h"
#include "render.h"
#include "report.h"
#include "tmpdir.h"
#include "unpack.h"
#include "utf8.h"

#define RESULT_FD 3
#define JSON_MAX (256u << 20)
#define GENERATED_NAME "upload"

static char *in_dir(const qb_serve_job *j, const char *sub)
{
    return sub ? qb_asprintf("%s/%s", j->dir, sub) : qb_strdup(j->dir);
}

static qb_status write_json(const qb_report *rep, const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return QB_ERR_IO;
    qb_status st = qb_report_json(rep, f);
    if (fclose(f) != 0 && st == QB_OK)
        st = QB_ERR_IO;
    return st;
}

/* In the child: check, write the outputs, say so. The exit code matters only when
 * nothing was said. */
static int child_run(const qb_serve_job *j, int fd)
{
    char *up = in_dir(j, QB_SERVE_UPLOAD), *in = in_dir(j, "in"), *out = in_dir(j, QB_SERVE_OUT);
    char *path = in ? qb_asprintf("%s/%s", in, j->name ? j->name : GENERATED_NAME) : NULL;
    char *json = out ? qb_asprintf("%s/%s", out, QB_SERVE_JSON) : NULL;
    if (!up || !path || !json || mkdir(in, 0700) != 0 || mkdir(out, 0700) != 0 || link(up, path) != 0) {
        free(up), free(in), free(out), free(path), free(json);
        return 4;
    }
    qb_record res;
    qb_status st = qb_check_input(path, j->ed, &res);
    int annotated = 0, dossier = 0;
    const char *verdict = NULL;
    if (st == QB_OK) {
        qb_report rep;
        qb_report_of_record(&rep, &res, j->ed, 0);
        verdict = qb_report_status(&rep);
        st = write_json(&rep, json);
    }
    if (st == QB_OK && j->keep) { /* what qb-check --annotate and --pdf write */
        char *a = qb_asprintf("%s/%s", out, QB_SERVE_ANNOTATED), *p = qb_asprintf("%s/%s", out, QB_SERVE_DOSSIER);
        if (a && res.have_doc)
            annotated = qb_annotate_docx(res.doc.source ? res.doc.source : path, a, &res.doc) == QB_OK;
        qb_findings warnings = {0};
        if (p)
            dossier = qb_render_record(&res, j->ed, NULL, p, &warnings) == QB_OK;
        qb_findings_free(&warnings);
        free(a);
        free(p);
    }
    qb_record_free(&res);
    char line[64];
    int n = st == QB_OK ? snprintf(line, sizeof line, "done %s %d %d\n", verdict, annotated, dossier)
                        : snprintf(line, sizeof line, "broken\n");
    int wrote = write(fd, line, (size_t)n) == n;
    close(fd);
    free(up), free(in), free(out), free(path), free(json);
    return wrote ? 0 : 4;
}

/* The child's line, until end of file or the deadline; 1 when the deadline passed. */
static int read_line(int fd, double deadline, char *buf, size_t cap)
{
    size_t got = 0;
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
        ssize_t n = read(fd, buf + got, cap - 1 - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0 || (got += (size_t)n) >= cap - 1)
            break;
    }
    buf[got] = '\0';
    return 0;
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
    qb_child_kill(pid); /* anything it left running in its group */
    return status;
}

qb_status qb_serve_check(const qb_serve_job *j, qb_serve_queue *q, int slot, qb_serve_result *r)
{
    memset(r, 0, sizeof *r);
    char *tmp = in_dir(j, "tmp");
    int p[2];
    if (!tmp || mkdir(tmp, 0700) != 0 || pipe2(p, O_CLOEXEC) != 0) {
        free(tmp);
        return QB_ERR_IO;
    }
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid == 0) {
        /* only the pipe stays open: the server's sockets must not outlive it here */
        if (dup2(p[1], RESULT_FD) != RESULT_FD)
            _exit(4);
        closefrom(RESULT_FD + 1);
        if (qb_child_enter(&j->budget, parent, NULL, tmp) != 0)
            _exit(4);
        int code = child_run(j, RESULT_FD);
#ifdef QB_UNDER_ASAN
        exit(code); /* the sanitizers' leak check runs in the child too */
#else
        _exit(code); /* not the libraries' destructors (inherited from the server): the answer is out */
#endif
    }
    free(tmp);
    close(p[1]);
    if (pid < 0) {
        close(p[0]);
        return QB_ERR_IO;
    }
    qb_child_adopt(pid);
    qb_serve_queue_set_pid(q, slot, pid);
    double deadline = qb_now() + j->budget.seconds;
    char line[64];
    int killed = read_line(p[0], deadline, line, sizeof line);
    close(p[0]);
    char verdict[8] = "";
    int a = 0, d = 0;
    if (!killed && sscanf(line, "done %7s %d %d", verdict, &a, &d) == 3) {
        r->end = QB_JOB_DONE; /* reaped after the answer is out (qb_serve_result_reap) */
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
    if (r->end != QB_JOB_DONE)
        return QB_OK;
    memcpy(r->verdict, verdict, sizeof verdict);
    r->annotated = a;
    r->dossier = d;
    char *json = qb_asprintf("%s/%s/%s", j->dir, QB_SERVE_OUT, QB_SERVE_JSON);
    qb_status st = json ? qb_read_file(json, JSON_MAX, &r->json, &r->len) : QB_ERR_NOMEM;
    free(json);
    if (st != QB_OK)
        r->end = QB_JOB_BROKEN;
    return st == QB_ERR_NOMEM ? st : QB_OK;
}

void qb_serve_result_reap(qb_serve_result *r)
{
    int killed = 0;
    if (r->pid > 0)
        reap(r->pid, r->deadline, &killed);
    r->pid = 0;
}

void qb_serve_result_free(qb_serve_result *r)
{
    qb_serve_result_reap(r);
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
