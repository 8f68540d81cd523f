/* qb-batch — the secretariat's nightly job: every package in INBOX checked into OUTBOX
 * (a folder per package with its reports and dossier; the 汇总表 and an index at the
 * top). A thin front-end: arguments, then batch.h. */
#include <getopt.h>
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
          "                    [--package-memory MB] [--deadline YYYY-MM-DD|none] [--packets] [--notices]\n"
          "                    INBOX OUTBOX\n"
          "  INBOX   收到的申报包（.rar .zip .7z、文件夹、.docx）所在的文件夹；只读，不会被修改\n"
          "          folder of the packages received; only read, never modified\n"
          "  OUTBOX  输出文件夹：每个申报包一个子文件夹（report.json、report.html、dossier.pdf），\n"
          "          以及汇总表 summary.xlsx / summary.csv / summary.json 和 index.html\n"
          "  --edition NAME         规则版本 edition (default " QB_EDITION_DEFAULT ")\n"
          "  -j, --jobs N           同时处理的申报包数 packages at once (default: CPUs, at most 8)\n"
          "  --lang zh|en           报告与消息的语言 language of reports and messages (default zh)\n"
          "  --package-seconds N    每个申报包的时间上限 wall clock per package (default 600)\n"
          "  --package-memory MB    每个申报包的内存上限 address space per package (default 2048)\n"
          "  --deadline DATE        截止日期，晚于它收到的申报包标为逾期（仍检查）；none 不设；默认取规则版本的\n"
          "                         deadline: packages received after it are flagged late (still checked);\n"
          "                         none for no deadline; default: the edition's\n"
          "  --packets              另写评审包 packets/<遴选范围>.pdf（各范围当前申报的卷宗合订，带目录和书签）\n"
          "                         also the reviewers' packets: current dossiers of each scope merged\n"
          "  --notices              另写补正通知 notices/<申报单位>.docx（有错误的当前申报包各一份）\n"
          "                         also a correction notice for each current package with errors\n"
          "  -h, --help             显示本说明 show this help\n"
          "再次运行只处理新的或有变化的申报包。A rerun only checks new or changed packages.\n"
          "exit: 0 批处理完成 the batch ran to the end (whatever the verdicts); 2 无法运行 could not run\n",
          out);
}

/* A whole number in [lo, hi], or -1. */
/* --deadline: YYYYMMDD of a real date, -1 for none, 0 when malformed. */
static int deadline_arg(const char *s)
{
    if (strcmp(s, "none") == 0)
        return -1;
    int y, m, d;
    char end;
    if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &end) != 3 || s[4] != '-' || s[7] != '-')
        return 0;
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 2000 || y > 2999 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1] ||
        (m == 2 && d == 29 && (y % 4 || (y % 100 == 0 && y % 400))))
        return 0;
    return y * 10000 + m * 100 + d;
}

static const char *prog = "qb-batch";

static int bad_usage(const char *msg, const char *arg)
{
    return qb_cli_bad_usage(prog, usage, msg, arg);
}

int main(int argc, char **argv)
{
    qb_cli_init();
    signal(SIGPIPE, SIG_IGN); /* a log reader that goes away must not stop the night's work */
    const char *edition = QB_EDITION_DEFAULT;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    qb_batch_opts o = {.jobs = cpus < 1 ? 1 : cpus > JOBS_MAX_DEFAULT ? JOBS_MAX_DEFAULT : (int)cpus,
                       .package_seconds = QB_CHILD_SECONDS_DEFAULT, .package_mb = QB_CHILD_MB_DEFAULT,
                       .tty = isatty(STDERR_FILENO)};
    static const struct option longopts[] = {{"edition", required_argument, NULL, 'E'},
                                             {"jobs", required_argument, NULL, 'j'},
                                             {"lang", required_argument, NULL, 'L'},
                                             {"package-seconds", required_argument, NULL, 'S'},
                                             {"package-memory", required_argument, NULL, 'M'},
                                             {"deadline", required_argument, NULL, 'D'},
                                             {"packets", no_argument, NULL, 'P'},
                                             {"notices", no_argument, NULL, 'N'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    opterr = 0; /* our own message, in both languages */
    int c;
    long n;
    while ((c = getopt_long(argc, argv, ":hj:", longopts, NULL)) != -1) {
        switch (c) {
        case 'E':
            edition = optarg;
            break;
        case 'j':
            if ((n = qb_cli_number(optarg, 1, 64)) < 0)
                return bad_usage("-j: 应为 1 到 64 expected 1 to 64:", optarg);
            o.jobs = (int)n;
            break;
        case 'L':
            if (strcmp(optarg, "en") != 0 && strcmp(optarg, "zh") != 0)
                return bad_usage("--lang: zh | en:", optarg);
            o.lang_en = strcmp(optarg, "en") == 0;
            break;
        case 'S':
            if ((n = qb_cli_number(optarg, 1, 86400)) < 0)
                return bad_usage("--package-seconds: 应为 1 到 86400 expected 1 to 86400:", optarg);
            o.package_seconds = (int)n;
            break;
        case 'M':
            if ((n = qb_cli_number(optarg, 256, 1L << 20)) < 0)
                return bad_usage("--package-memory: 应为 256 以上的 MB 数 expected MB, at least 256:", optarg);
            o.package_mb = (unsigned long)n;
            break;
        case 'D':
            if ((o.deadline = deadline_arg(optarg)) == 0)
                return bad_usage("--deadline: 应为 YYYY-MM-DD 或 none expected YYYY-MM-DD or none:", optarg);
            break;
        case 'P':
            o.packets = 1;
            break;
        case 'N':
            o.notices = 1;
            break;
        case 'h':
            usage(stdout);
            return 0;
        default: return qb_cli_bad_option(prog, usage, argv, c);
        }
    }
    if (argc - optind > 2)
        return bad_usage("参数过多 too many arguments:", argv[optind + 2]);
    if (argc - optind != 2)
        return bad_usage("需要收件箱和输出文件夹 INBOX and OUTBOX are required", NULL);
    const char *dirs[2] = {argv[optind], argv[optind + 1]};
    o.inbox = dirs[0];
    o.outbox = dirs[1];
    qb_edition ed;
    if (qb_cli_edition("qb-batch", edition, &ed) != 0)
        return 2;
    if (qb_edition_jit(&ed) != QB_OK) { /* every package's check matches with it */
        qb_edition_free(&ed);
        fputs("qb-batch: 内存不足 out of memory\n", stderr);
        return 2;
    }
    o.ed = &ed;
    qb_batch_stats s;
    qb_err e = {0};
    qb_status st = qb_batch_run(&o, &s, &e);
    int en = o.lang_en;
    if (st == QB_OK) {
        fprintf(stderr,
                en ? "qb-batch: done: %zu in all (%zu checked, %zu unchanged and skipped); %zu pass, %zu fail, "
                     "%zu not processed. Summary: %s/index.html, %s/summary.xlsx\n"
                   : "qb-batch: 完成：共 %zu 项（本次检查 %zu 项，未变化跳过 %zu 项）；通过 %zu，不通过 %zu，"
                     "无法处理 %zu。汇总：%s/index.html、%s/summary.xlsx\n",
                s.rows, s.checked, s.skipped, s.pass, s.fail, s.error, o.outbox, o.outbox);
        if (s.superseded || s.late)
            fprintf(stderr, en ? "qb-batch: %zu earlier versions superseded (not counted); %zu current packages late\n"
                               : "qb-batch: 已被替代的旧版本 %zu 项（不计入）；逾期的当前申报包 %zu 项\n",
                    s.superseded, s.late);
        if (s.ignored)
            fprintf(stderr, en ? "qb-batch: %zu hidden or system files in the inbox were left alone\n"
                               : "qb-batch: 收件箱中的 %zu 个隐藏文件或系统文件未处理\n",
                    s.ignored);
    } else {
        fprintf(stderr, "qb-batch: %s\n", qb_err_text(&e, en));
    }
    qb_edition_free(&ed);
    return st == QB_OK ? 0 : 2;
}
