/* cli.h — what every qb-* front-end does the same way. */
#ifndef QB_CLI_H
#define QB_CLI_H

#include <stdio.h>

#include "edition.h"

/* Load an edition; on failure print "PROG: 中文原因 (English reason)" on stderr (the
 * reason names the rules file and line) and return nonzero. */
int qb_cli_edition(const char *prog, const char *name, qb_edition *ed);
/* Set the UTF-8 locale and the safe XML parser up. */
void qb_cli_init(void);

/* An option's whole number in [lo, hi], or -1 when it is none (or out of range). */
long qb_cli_number(const char *s, long lo, long hi);
/* Bad usage, the same in every program: "PROG: WHY [ARG]" and the usage on stderr.
 * Returns 2, the exit status of bad usage. */
int qb_cli_bad_usage(const char *prog, void (*usage)(FILE *), const char *why, const char *arg);
/* getopt_long (opterr = 0, an optstring starting with ':') returned c, ':' for an option
 * missing its value or '?' for an unknown one: say which, as above; returns 2. */
int qb_cli_bad_option(const char *prog, void (*usage)(FILE *), char *const *argv, int c);
/* The options of a program whose only option is -h/--help: -1 when the operands start
 * at optind, else the exit status (0 after the usage on stdout, 2 after a bad option). */
int qb_cli_help_only(const char *prog, void (*usage)(FILE *), int argc, char **argv);

#endif
