/* cli.h — what every qb-* front-end does the same way. */
#ifndef QB_CLI_H
#define QB_CLI_H

#include "edition.h"

/* Load an edition; on failure print "PROG: 规则文件有误 …" on stderr and return nonzero. */
int qb_cli_edition(const char *prog, const char *name, qb_edition *ed);
/* Set the UTF-8 locale and the safe XML parser up. */
void qb_cli_init(void);

/* The reason to print when getopt_long (opterr = 0) returned '?': call with optopt. */
const char *qb_cli_bad_option(char *const *argv, int opt);

#endif
