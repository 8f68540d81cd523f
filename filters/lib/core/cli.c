/* cli.c — shared front-end chores. */
#include "cli.h"
#include "xmlsafe.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

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
