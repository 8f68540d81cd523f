/* batch_progress.c — what the secretariat sees while the batch runs: on a terminal one
 * line rewritten in place ("[12/40] 某某有限公司.rar … 不通过 3 · 无法处理 1 · 约剩 2 分"),
 * plus a line that stays for each input that could not be processed; in a log, one
 * line per package as it finishes. The time left is the time per finished package so
 * far times the packages left (workers included: they shorten the time per package). */
#include "batch_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "unpack.h" /* qb_now */
#include "utf8.h"

static int term_width(void)
{
    struct winsize ws;
    return ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20 ? ws.ws_col : 80;
}

/* Print s cut to at most width columns (a CJK character takes two). */
static void put_cut(const char *s, size_t width)
{
    size_t len = strlen(s), used = 0;
    for (size_t i = 0; i < len;) {
        unsigned cp;
        size_t k = qb_utf8_decode(s + i, len - i, &cp);
        if (k == 0)
            k = 1;
        char one[5] = {0};
        memcpy(one, s + i, k < 4 ? k : 4);
        size_t w = qb_utf8_width(one);
        if (used + w > width) {
            fputs("…", stderr);
            return;
        }
        fwrite(s + i, 1, k, stderr);
        used += w;
        i += k;
    }
}

/* " … 不通过 3 · 无法处理 1 · 约剩 2 分 10 秒": failures so far and the time left. */
static void status_tail(const qb_batch_progress *p, const char *what, char *out, size_t n)
{
    int en = p->en;
    size_t k = (size_t)snprintf(out, n, en ? "%s  fail %zu · not processed %zu" : "%s  不通过 %zu · 无法处理 %zu", what,
                                p->failed, p->errors);
    if (k >= n || !p->done || p->done >= p->total)
        return;
    double per = (qb_now() - p->start) / (double)p->done;
    long left = (long)(per * (double)(p->total - p->done) + 0.5);
    if (left >= 60)
        snprintf(out + k, n - k, en ? " · about %ld min %ld s left" : " · 约剩 %ld 分 %ld 秒", left / 60, left % 60);
    else
        snprintf(out + k, n - k, en ? " · about %ld s left" : " · 约剩 %ld 秒", left);
}

static void line(qb_batch_progress *p, const char *display, const char *what)
{
    char head[48], tail[160];
    snprintf(head, sizeof head, "[%zu/%zu] ", p->done, p->total);
    status_tail(p, what, tail, sizeof tail);
    size_t used = strlen(head) + qb_utf8_width(tail) + 2, width = (size_t)term_width();
    size_t room = width > used ? width - used : 0;
    fputs("\r\033[K", stderr);
    fputs(head, stderr);
    put_cut(display, room > 8 ? room : 8);
    fputs(tail, stderr);
    p->shown = 1;
}

void qb_batch_progress_start(qb_batch_progress *p, const char *display)
{
    if (p->tty)
        line(p, display, " …");
}

void qb_batch_progress_done(qb_batch_progress *p, const char *display, const qb_batch_stamp *s, int skipped)
{
    p->done++;
    if (s && !skipped) {
        p->failed += strcmp(s->status, "fail") == 0;
        p->errors += strcmp(s->status, "error") == 0;
    }
    /* On a terminal only what needs a person stays on the screen: inputs that could not
     * be processed. */
    int keep = !p->tty || (s && !skipped && strcmp(s->status, "error") == 0);
    if (!keep) {
        line(p, display, p->en ? " done" : " 完成");
        return;
    }
    qb_batch_progress_clear(p);
    int en = p->en;
    /* one line per package: a note quoting a file name must not break it */
    char *note = s && s->note ? qb_batch_display_name(s->note) : NULL;
    fprintf(stderr, "[%zu/%zu] %s%s", p->done, p->total, display, en ? ": " : "：");
    if (skipped)
        fputs(en ? "unchanged since the last run, kept" : "与上次相同，未重新检查（跳过）", stderr);
    else if (!s)
        fputs(en ? "no result" : "没有结果", stderr);
    else if (strcmp(s->status, "error") == 0)
        fprintf(stderr, "%s%s%s", qb_batch_verdict("error", en), note ? (en ? ": " : "：") : "", note ? note : "");
    else /* a note on a checked package: its dossier could not be written */
        fprintf(stderr, en ? "%s (%ld errors, %ld warnings)%s%s" : "%s（错误 %ld 项，警告 %ld 项）%s%s",
                qb_batch_verdict(s->status, en), s->errors, s->warnings, note ? (en ? "; " : "；") : "",
                note ? note : "");
    fputc('\n', stderr);
    free(note);
}

void qb_batch_progress_clear(qb_batch_progress *p)
{
    if (p->tty && p->shown)
        fputs("\r\033[K", stderr);
    p->shown = 0;
}
