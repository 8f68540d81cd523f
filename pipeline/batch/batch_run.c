/* batch_run.c — the batch's parent process: opens the outbox, lists the inbox, runs one
 * forked child per package (at most opts->jobs at once) under a wall-clock deadline and
 * rlimits, publishes each package folder (batch_outbox.c), and writes the summary.
 *
 * Waiting: SIGCHLD and the stop signals are blocked and taken with sigtimedwait, which
 * also wakes at the nearest deadline; no signal handler runs. A child past its
 * deadline is killed with its process group (SIGKILL); RLIMIT_CPU is only a backstop a
 * few seconds after the deadline, so the wall clock always wins the race (child.h, which
 * the server shares). */
#define _GNU_SOURCE /* sigtimedwait */
#include "batch_int.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "child.h"
#include "tmpdir.h"
#include "unpack.h"


typedef struct {
    pid_t pid;
    size_t idx;
    char *tmp;      /* outbox/.tmp-XXXXXX: the package is built in tmp/out */
    char *work;     /* tmp/work, the child's private $TMPDIR (unpacking): inside the
                     * outbox, so that what a batch killed with SIGKILL leaves is
                     * removed by the next run (which holds the outbox's lock) */
    double deadline;
    int killed;     /* the deadline passed and the group was killed */
} slot;

typedef struct {
    const qb_batch_opts *o;
    qb_batch_ctx ctx;
    qb_batch_list list;
    qb_batch_progress prog;
    slot *slots;
    int running;
    size_t checked, skipped, lost; /* lost: outputs that could not be published */
} run;

/* ---- children -------------------------------------------------------------------- */

static void __attribute__((noreturn)) child_main(run *R, size_t idx, const char *tmp, const char *work,
                                                 pid_t parent, const sigset_t *oldmask)
{
    qb_child_budget b = {.seconds = R->o->package_seconds, .mb = R->o->package_mb};
    if (qb_child_enter(&b, parent, oldmask, work) != 0)
        _exit(QB_BATCH_CHILD_FAILED);
    const qb_batch_item *it = &R->list.v[idx];
    char *out = qb_asprintf("%s/out", tmp), *prev = qb_asprintf("%s/%s", R->o->outbox, it->folder);
    int code = out && prev ? qb_batch_child(&R->ctx, it, out, prev) : QB_BATCH_CHILD_FAILED;
    free(out);
    free(prev);
    exit(code); /* exit, not _exit: the sanitizers' leak check runs in the child too */
}

static void slot_free(slot *s)
{
    free(s->work); /* inside tmp */
    if (s->tmp) {
        qb_tree_remove(s->tmp);
        free(s->tmp);
    }
    memset(s, 0, sizeof *s);
}

static qb_status start(run *R, size_t idx, const sigset_t *oldmask)
{
    slot *s = NULL;
    for (int i = 0; i < R->o->jobs && !s; i++)
        if (!R->slots[i].pid)
            s = &R->slots[i];
    memset(s, 0, sizeof *s);
    s->idx = idx;
    char *tmp = qb_asprintf("%s/%sXXXXXX", R->o->outbox, QB_BATCH_TMP_PREFIX);
    if (tmp && mkdtemp(tmp))
        s->tmp = tmp;
    else
        free(tmp);
    char *out = s->tmp ? qb_asprintf("%s/out", s->tmp) : NULL;
    s->work = s->tmp ? qb_asprintf("%s/work", s->tmp) : NULL;
    qb_status st = out && s->work && mkdir(out, 0755) == 0 && mkdir(s->work, 0700) == 0 ? QB_OK : QB_ERR_IO;
    free(out);
    if (st != QB_OK) {
        slot_free(s);
        return st;
    }
    qb_batch_progress_start(&R->prog, R->list.v[idx].display);
    fflush(NULL);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        slot_free(s);
        return QB_ERR_IO;
    }
    if (pid == 0)
        child_main(R, idx, s->tmp, s->work, parent, oldmask);
    qb_child_adopt(pid);
    s->pid = pid;
    s->deadline = qb_now() + R->o->package_seconds;
    R->running++;
    return QB_OK;
}

/* A child ended: publish what it built, or an error row in its place. */
static void finish(run *R, slot *s, int status)
{
    const qb_batch_item *it = &R->list.v[s->idx];
    const qb_batch_opts *o = R->o;
    char *dir = qb_asprintf("%s/out", s->tmp), *dest = qb_asprintf("%s/%s", o->outbox, it->folder);
    char *zh = NULL, *en = NULL;
    const char *outcome = NULL, *rule = NULL;
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (s->killed) {
        outcome = "timeout";
        rule = "batch.timeout";
        zh = qb_asprintf("处理超时：%d 秒内未完成，已停止；这不是对申报材料的结论，下次运行将重试"
                         "（可用 --package-seconds 放宽时限），仍超时请人工检查", o->package_seconds);
        en = qb_asprintf("timed out: not finished within %d s, stopped; not a finding against the documents, "
                         "the next run tries again (--package-seconds)", o->package_seconds);
    } else if (WIFSIGNALED(status)) {
        outcome = "crashed";
        rule = "batch.crashed";
        zh = qb_asprintf("程序异常：处理时程序异常终止（信号 %d），已停止；这不是对申报材料的结论，"
                         "下次运行将重试，仍失败请人工检查", WTERMSIG(status));
        en = qb_asprintf("program failure: the check died on signal %d and was stopped; not a finding against "
                         "the documents, the next run tries again", WTERMSIG(status));
    } else if (code != 0 && code != QB_BATCH_CHILD_SKIPPED) {
        outcome = "failed";
        rule = "batch.failed";
        zh = qb_asprintf("程序异常：检查结果未能写出（退出码 %d），下次运行将重试", code);
        en = qb_asprintf("program failure: the results could not be written (exit %d); the next run tries again",
                         code);
    }
    int skipped = !outcome && code == QB_BATCH_CHILD_SKIPPED;
    qb_status st = dir && dest ? QB_OK : QB_ERR_NOMEM;
    if (st == QB_OK && outcome)
        st = zh && en ? qb_batch_write_error(&R->ctx, it, dir, outcome, rule, zh, en) : QB_ERR_NOMEM;
    if (st == QB_OK && !skipped)
        st = qb_batch_publish(s->tmp, dest);
    if (st != QB_OK)
        R->lost++;
    qb_batch_stamp stamp;
    char *sp = dest ? qb_asprintf("%s/%s", dest, QB_BATCH_STAMP) : NULL;
    int have = !skipped && sp && qb_batch_stamp_read(sp, &stamp) == QB_OK;
    qb_batch_progress_done(&R->prog, it->display, have ? &stamp : NULL, skipped);
    if (have)
        qb_batch_stamp_free(&stamp);
    R->skipped += skipped;
    R->checked += !skipped;
    free(sp);
    free(zh);
    free(en);
    free(dir);
    free(dest);
    slot_free(s);
    R->running--;
}

static slot *slot_of(run *R, pid_t pid)
{
    for (int i = 0; i < R->o->jobs; i++)
        if (R->slots[i].pid == pid)
            return &R->slots[i];
    return NULL;
}

/* Wait for a child to end, a deadline, or a stop signal; returns the stop signal or 0. */
static int wait_some(run *R, const sigset_t *set)
{
    double now = qb_now(), wake = now + 1.0;
    for (int i = 0; i < R->o->jobs; i++)
        if (R->slots[i].pid && !R->slots[i].killed && R->slots[i].deadline < wake)
            wake = R->slots[i].deadline;
    double left = wake > now ? wake - now : 0;
    struct timespec ts = {(time_t)left, (long)((left - (double)(time_t)left) * 1e9)};
    int sig = sigtimedwait(set, NULL, &ts);
    int stop = sig == SIGINT || sig == SIGTERM || sig == SIGHUP ? sig : 0;
    int status;
    pid_t pid;
    while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
        slot *s = slot_of(R, pid);
        if (s)
            finish(R, s, status);
    }
    now = qb_now();
    for (int i = 0; i < R->o->jobs; i++) {
        slot *s = &R->slots[i];
        if (s->pid && !s->killed && now >= s->deadline) {
            qb_child_kill(s->pid);
            s->killed = 1;
        }
    }
    return stop;
}

/* Stop everything still running and remove what it was building. */
static void abandon(run *R)
{
    for (int i = 0; i < R->o->jobs; i++) {
        slot *s = &R->slots[i];
        if (!s->pid)
            continue;
        qb_child_kill(s->pid);
        while (waitpid(s->pid, NULL, 0) < 0 && errno == EINTR)
            ;
        slot_free(s);
    }
    R->running = 0;
}

static qb_status run_all(run *R, qb_err *e)
{
    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, SIGCHLD);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    sigprocmask(SIG_BLOCK, &set, &old);
    qb_status st = QB_OK;
    int stop = 0;
    size_t next = 0;
    while (st == QB_OK && !stop && (next < R->list.n || R->running > 0)) {
        while (st == QB_OK && R->running < R->o->jobs && next < R->list.n)
            st = start(R, next++, &old);
        if (st == QB_OK)
            stop = wait_some(R, &set);
    }
    if (st != QB_OK || stop)
        abandon(R);
    sigprocmask(SIG_SETMASK, &old, NULL);
    qb_batch_progress_clear(&R->prog);
    if (stop)
        return qb_err_set(e, QB_ERR_IO, "已中断（信号 %d）；汇总表未更新",
                          "interrupted (signal %d); the summary was not updated", stop);
    if (st != QB_OK)
        return qb_err_set(e, st, "无法在 %s 中开始处理（%s）", "cannot start work in %s (%s)", R->o->outbox,
                          strerror(errno));
    return QB_OK;
}

qb_status qb_batch_run(const qb_batch_opts *o, qb_batch_stats *stats, qb_err *e)
{
    memset(stats, 0, sizeof *stats);
    qb_status st = qb_batch_outbox_open(o, e);
    if (st != QB_OK)
        return st;
    run R = {.o = o, .ctx = {.o = o}};
    if ((st = qb_batch_edition_sha(o->ed, R.ctx.edition_sha)) != QB_OK)
        return qb_err_set(e, st, "规则文件无法读取", "the rules file cannot be read");
    if ((st = qb_batch_scan(o->inbox, &R.list)) != QB_OK)
        return qb_err_set(e, st, "收件箱 %s 无法读取", "inbox %s cannot be read", o->inbox);
    R.slots = calloc((size_t)o->jobs, sizeof *R.slots);
    R.prog = (qb_batch_progress){.tty = o->tty, .en = o->lang_en, .total = R.list.n, .start = qb_now()};
    st = R.slots ? run_all(&R, e) : qb_err_status(e, QB_ERR_NOMEM);
    qb_batch_summary sum = {0};
    qb_batch_changes ch = {0};
    int deadline = o->deadline > 0 ? o->deadline : o->deadline < 0 ? 0 : qb_edition_deadline(o->ed);
    if (st == QB_OK)
        st = qb_batch_summary_load(o->outbox, &R.list, o->ed, o->lang_en, deadline, &sum);
    if (st == QB_OK && (st = qb_batch_changes_load(o->outbox, &sum, &ch)) == QB_OK) {
        sum.changes = &ch;
        st = qb_batch_summary_write(o->outbox, &sum);
    }
    if (st == QB_OK && o->packets && (st = qb_batch_write_packets(o->outbox, &sum, e)) != QB_OK)
        R.lost++;
    if (st == QB_OK && o->notices && (st = qb_batch_write_notices(o->outbox, &sum, e)) != QB_OK)
        R.lost++;
    if (st == QB_OK && R.lost)
        st = QB_ERR_IO;
    if (st != QB_OK) /* kept only when nothing said better why */
        qb_err_set(e, st, "结果未能全部写入 %s（磁盘已满或无写权限？）",
                   "not every result could be written to %s (disk full, permissions?)", o->outbox);
    stats->rows = R.list.n;
    stats->checked = R.checked;
    stats->skipped = R.skipped;
    stats->pass = sum.pass;
    stats->fail = sum.fail;
    stats->error = sum.error;
    stats->superseded = sum.superseded;
    stats->late = sum.late;
    qb_batch_changes_free(&ch);
    stats->ignored = R.list.ignored;
    qb_batch_summary_free(&sum);
    free(R.slots);
    qb_batch_list_free(&R.list);
    return st;
}
