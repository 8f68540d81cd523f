/* qb-serve — the applicants' pre-check page and its API (DESIGN §2). A thin front-end:
 * arguments, then serve.h. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "child.h"
#include "cli.h"
#include "edition.h"
#include "serve.h"

#define QUEUE_DEFAULT 32
#define KEEP_DEFAULT 600

static void usage(FILE *out)
{
    fputs("用法 usage: qb-serve [--listen ADDR:PORT] [--edition NAME] [--workers N] [--queue N]\n"
          "                [--keep SECONDS] [--package-seconds N] [--package-memory MB]\n"
          "  申报单位自查页面：拖入典型经验材料或整个申报包，即可看到检查结果。\n"
          "  The applicants' pre-check page: drop a write-up or a whole package, see the report.\n"
          "  --listen ADDR:PORT     监听地址 address to listen on (default 127.0.0.1:8080;\n"
          "                         0.0.0.0:8080 serves the LAN; port 0 picks a free one)\n"
          "  --edition NAME         默认规则版本 default edition, a name or a rules file (default " QB_EDITION_DEFAULT ");\n"
          "                         its package size limit is the upload limit\n"
          "  --workers N            同时检查的数量 checks at once (default: CPUs)\n"
          "  --queue N              排队上限 requests that may wait beyond them; more get 503 (default 32)\n"
          "  --keep SECONDS         批注版、卷宗和 JSON 的保留时间 how long results stay downloadable (default 600)\n"
          "  --package-seconds N    每次检查的时间上限 wall clock per check (default 600, as qb-batch)\n"
          "  --package-memory MB    每次检查的内存上限 address space per check (default 2048, as qb-batch)\n"
          "  -h, --help             this help\n"
          "API: GET / (the page), GET /api/editions, POST /api/check (multipart/form-data: file, edition,\n"
          "     keep=1), GET /api/result/ID/{report.json,annotated.docx,dossier.pdf}\n"
          "exit: 0 stopped by SIGTERM/SIGINT; 2 could not start or bad usage\n",
          out);
}

static int bad_usage(const char *why, const char *arg)
{
    return qb_cli_bad_usage("qb-serve", usage, why, arg);
}

/* A whole number in [lo, hi], or -1. */
int main(int argc, char **argv)
{
    qb_cli_init();
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    qb_serve_opts o = {.listen = "127.0.0.1:8080", .edition = QB_EDITION_DEFAULT, .workers = cpus < 1 ? 1 : (int)cpus,
                       .queue = QUEUE_DEFAULT, .keep_seconds = KEEP_DEFAULT,
                       .check_seconds = QB_CHILD_SECONDS_DEFAULT, .check_mb = QB_CHILD_MB_DEFAULT};
    static const struct option opts[] = {
        {"listen", required_argument, NULL, 'l'},  {"edition", required_argument, NULL, 'e'},
        {"workers", required_argument, NULL, 'w'}, {"queue", required_argument, NULL, 'q'},
        {"keep", required_argument, NULL, 'k'},    {"package-seconds", required_argument, NULL, 's'},
        {"package-memory", required_argument, NULL, 'm'}, {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    opterr = 0;
    long n;
    for (int c; (c = getopt_long(argc, argv, "+:h", opts, NULL)) != -1;) {
        switch (c) {
        case 'l': o.listen = optarg; break;
        case 'e': o.edition = optarg; break;
        case 'w':
            if ((n = qb_cli_number(optarg, 1, 256)) < 0)
                return bad_usage("--workers: 应为 1 到 256 expected 1 to 256:", optarg);
            o.workers = (int)n;
            break;
        case 'q':
            if ((n = qb_cli_number(optarg, 0, 4096)) < 0)
                return bad_usage("--queue: 应为 0 到 4096 expected 0 to 4096:", optarg);
            o.queue = (int)n;
            break;
        case 'k':
            if ((n = qb_cli_number(optarg, 1, 86400)) < 0)
                return bad_usage("--keep: 应为 1 到 86400 expected 1 to 86400:", optarg);
            o.keep_seconds = (int)n;
            break;
        case 's':
            if ((n = qb_cli_number(optarg, 1, 86400)) < 0)
                return bad_usage("--package-seconds: 应为 1 到 86400 expected 1 to 86400:", optarg);
            o.check_seconds = (int)n;
            break;
        case 'm':
            if ((n = qb_cli_number(optarg, 256, 1L << 20)) < 0)
                return bad_usage("--package-memory: 应为 256 以上的 MB 数 expected MB, at least 256:", optarg);
            o.check_mb = (unsigned long)n;
            break;
        case 'h': usage(stdout); return 0;
        default: return qb_cli_bad_option("qb-serve", usage, argv, c);
        }
    }
    if (optind != argc)
        return bad_usage("多余的参数 unexpected argument:", argv[optind]);
    char *why = NULL, *why_en = NULL;
    qb_status st = qb_serve_run(&o, &why, &why_en);
    if (st != QB_OK)
        fprintf(stderr, "qb-serve: %s (%s)\n", why ? why : qb_status_str(st), why_en ? why_en : "");
    free(why);
    free(why_en);
    return st == QB_OK ? 0 : 2;
}
