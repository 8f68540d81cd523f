/* cli.c — shared front-end chores. */
#include "cli.h"
#include "xmlsafe.h"

#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int qb_cli_edition(const char *prog, const char *name, qb_edition *ed)
{
    qb_err e = {0};
    if (qb_edition_load(name, ed, &e) == QB_OK)
        return 0;
    fprintf(stderr, "%s: %s (%s)\n", prog, qb_err_text(&e, 0), qb_err_text(&e, 1));
    return 1;
}

void qb_cli_init(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    /* The same zone, named: with TZ unset glibc's mktime stats /etc/localtime on every
     * call, and libzip calls it for every entry of every ZIP it opens (3 % of a check) */
    setenv("TZ", ":/etc/localtime", 0);
    qb_xml_init();
}

int qb_cli_bad_usage(const char *prog, void (*usage)(FILE *), const char *why, const char *arg)
{
    fprintf(stderr, "%s: %s%s%s\n", prog, why, arg ? " " : "", arg ? arg : "");
    usage(stderr);
    return 2;
}

int qb_cli_bad_option(const char *prog, void (*usage)(FILE *), char *const *argv, int c)
{
    /* getopt_long has just stepped past the culprit: the option missing its value, or
     * an unknown long option (optopt 0); an unknown short one is optopt */
    char one[3] = {'-', (char)optopt, '\0'};
    const char *arg = c != ':' && optopt ? one : optind > 0 ? argv[optind - 1] : "";
    return qb_cli_bad_usage(prog, usage, c == ':' ? "选项缺少参数 option needs a value:" : "未知选项 unknown option", arg);
}

int qb_cli_help_only(const char *prog, void (*usage)(FILE *), int argc, char **argv)
{
    static const struct option opts[] = {{"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
    opterr = 0;
    int c = getopt_long(argc, argv, ":h", opts, NULL);
    if (c == -1)
        return -1;
    if (c != 'h')
        return qb_cli_bad_option(prog, usage, argv, c);
    usage(stdout);
    return 0;
}

long qb_cli_number(const char *s, long lo, long hi)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    return errno || end == s || *end || v < lo || v > hi ? -1 : v;
}
