/* qb-batch — the secretariat's nightly job: every package in INBOX checked into OUTBOX
 * (a folder per package with its reports and dossier; the 汇总表 and an index at the
 * top). A thin front-end: arguments, then batch.h. */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch.h"
#include "child.h"
#include "cli.h"
#include "edition.h"

#define JOBS_MAX_DEFAULT 8

static void usage(FILE *out)
{
    fputs("用法 usage: qb-batch [--edition NAME] [-j N] [--lang zh|en] [--package-seconds N]\n"
          "                    [--package-memory MB] INBOX OUTBOX\n"
          "  INBOX   收到的申报包（.rar .zip .7z、文件夹、.docx）所在的文件夹；只读，不会被修改\n"
          "          folder of the packages received; only read, never modified\n"
          "  OUTBOX  输出文件夹：每个申报包一个子文件夹（report.json、report.html、dossier.pdf），\n"
          "          以及汇总表 summary.xlsx / summary.csv / summary.json 和 index.html\n"
          "  --edition NAME         规则版本 edition (default " QB_EDITION_DEFAULT ")\n"
          "  -j N                   同时处理的申报包数 packages at once (default: CPUs, at most 8)\n"
          "  --lang en              English reports and messages\n"
          "  --package-seconds N    每个申报包的时间上限 wall clock per package (default 600)\n"
          "  --package-memory MB    每个申报包的内存上限 address space per package (default 2048)\n"
          "再次运行只处理新的或有变化的申报包。A rerun only checks new or changed packages.\n"
          "exit: 0 批处理完成 the batch ran to the end (whatever the verdicts); 2 无法运行 could not run\n",
          out);
}

/* A whole number in [lo, hi], or -1. */
static long number(const char *s, long lo, long hi)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    return errno || end == s || *end || v < lo || v > hi ? -1 : v;
}

static int bad_usage(const char *msg, const char *arg)
{
    fprintf(stderr, "qb-batch: %s%s%s\n", msg, arg ? " " : "", arg ? arg : "");
    usage(stderr);
    return 2;
}

int main(int argc, char **argv)
{
    qb_cli_init();
    signal(SIGPIPE, SIG_IGN); /* a log reader that goes away must not stop the night's work */
    const char *edition = QB_EDITION_DEFAULT, *dirs[2] = {NULL, NULL};
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    qb_batch_opts o = {.jobs = cpus < 1 ? 1 : cpus > JOBS_MAX_DEFAULT ? JOBS_MAX_DEFAULT : (int)cpus,
                       .package_seconds = QB_CHILD_SECONDS_DEFAULT, .package_mb = QB_CHILD_MB_DEFAULT,
                       .tty = isatty(STDERR_FILENO)};
    int ndirs = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        long n;
        if (strcmp(a, "--edition") == 0 && v) {
            edition = v;
            i++;
        } else if ((strcmp(a, "-j") == 0 || strcmp(a, "--jobs") == 0) && v) {
            if ((n = number(v, 1, 64)) < 0)
                return bad_usage("-j: 应为 1 到 64 expected 1 to 64:", v);
            o.jobs = (int)n;
            i++;
        } else if (strncmp(a, "-j", 2) == 0 && a[2]) {
            if ((n = number(a + 2, 1, 64)) < 0)
                return bad_usage("-j: 应为 1 到 64 expected 1 to 64:", a + 2);
            o.jobs = (int)n;
        } else if (strcmp(a, "--lang") == 0 && v) {
            if (strcmp(v, "en") != 0 && strcmp(v, "zh") != 0)
                return bad_usage("--lang: zh | en:", v);
            o.lang_en = strcmp(v, "en") == 0;
            i++;
        } else if (strcmp(a, "--package-seconds") == 0 && v) {
            if ((n = number(v, 1, 86400)) < 0)
                return bad_usage("--package-seconds: 应为 1 到 86400 expected 1 to 86400:", v);
            o.package_seconds = (int)n;
            i++;
        } else if (strcmp(a, "--package-memory") == 0 && v) {
            if ((n = number(v, 256, 1L << 20)) < 0)
                return bad_usage("--package-memory: 应为 256 以上的 MB 数 expected MB, at least 256:", v);
            o.package_mb = (unsigned long)n;
            i++;
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return 0;
        } else if (a[0] == '-' && a[1]) {
            return bad_usage("未知选项 unknown option", a);
        } else if (ndirs < 2) {
            dirs[ndirs++] = a;
        } else {
            return bad_usage("参数过多 too many arguments:", a);
        }
    }
    if (ndirs != 2)
        return bad_usage("需要收件箱和输出文件夹 INBOX and OUTBOX are required", NULL);
    o.inbox = dirs[0];
    o.outbox = dirs[1];
    qb_edition ed;
    if (qb_cli_edition("qb-batch", edition, &ed) != 0)
        return 2;
    o.ed = &ed;
    qb_batch_stats s;
    char *why = NULL, *why_en = NULL;
    qb_status st = qb_batch_run(&o, &s, &why, &why_en);
    int en = o.lang_en;
    if (st == QB_OK) {
        fprintf(stderr,
                en ? "qb-batch: done: %zu in all (%zu checked, %zu unchanged and skipped); %zu pass, %zu fail, "
                     "%zu not processed. Summary: %s/index.html, %s/summary.xlsx\n"
                   : "qb-batch: 完成：共 %zu 项（本次检查 %zu 项，未变化跳过 %zu 项）；通过 %zu，不通过 %zu，"
                     "无法处理 %zu。汇总：%s/index.html、%s/summary.xlsx\n",
                s.rows, s.checked, s.skipped, s.pass, s.fail, s.error, o.outbox, o.outbox);
        if (s.ignored)
            fprintf(stderr, en ? "qb-batch: %zu hidden or system files in the inbox were left alone\n"
                               : "qb-batch: 收件箱中的 %zu 个隐藏文件或系统文件未处理\n",
                    s.ignored);
    } else {
        const char *w = en ? why_en : why;
        fprintf(stderr, "qb-batch: %s\n", w ? w : qb_status_str(st));
    }
    free(why);
    free(why_en);
    qb_edition_free(&ed);
    return st == QB_OK ? 0 : 2;
}
