/* bench-check — the check of one write-up repeated in one process, to separate
 * qb-check's own work from the cost of starting a process and loading its libraries
 * (make bench prints both). Not installed; built by `make build/rel/bench-check`. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "check.h"
#include "cli.h"

int main(int argc, char **argv)
{
    if (argc != 3) {
        fputs("usage: bench-check RUNS INPUT.docx\n", stderr);
        return 2;
    }
    qb_cli_init();
    int runs = atoi(argv[1]);
    qb_edition ed;
    if (runs <= 0 || qb_cli_edition("bench-check", QB_EDITION_DEFAULT, &ed))
        return 2;
    if (getenv("QB_BENCH_JIT") && qb_edition_jit(&ed) != QB_OK) /* as qb-serve holds it */
        return 2;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int i = 0; i < runs; i++) {
        qb_check_result res;
        if (qb_check_input(argv[2], &ed, &res) != QB_OK || !res.processed) {
            fprintf(stderr, "bench-check: %s: not checked\n", argv[2]);
            return 2;
        }
        qb_check_result_free(&res);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("%.6f\n", s / runs);
    qb_edition_free(&ed);
    return 0;
}
