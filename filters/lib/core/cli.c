/* cli.c — shared front-end chores. */
#include "cli.h"
#include "xmlsafe.h"

#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int qb_cli_edition(const char *prog, const char *name, qb_edition *ed)
{
    char *err = NULL;
    qb_status st = qb_edition_load(name, ed, &err);
    if (st == QB_OK)
        return 0;
    fprintf(stderr, "%s: 规则文件有误 (rules file): %s\n", prog, err ? err : qb_status_str(st));
    free(err);
    return 1;
}

void qb_cli_init(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    qb_xml_init();
}

const char *qb_cli_bad_option(char *const *argv, int opt)
{
    /* with opterr = 0, getopt_long returns '?' and has just stepped past the culprit */
    static char why[200];
    const char *arg = optind > 0 ? argv[optind - 1] : "";
    if (opt && strchr(arg, opt) && arg[1] != '-')
        snprintf(why, sizeof why, "-%c: unknown option or missing value", opt);
    else
        snprintf(why, sizeof why, "%s: unknown option or missing value", arg);
    return why;
}
