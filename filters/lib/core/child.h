/* child.h — one untrusted input checked in a forked child under limits, as the batch
 * checks each package and the server each upload: the child runs in its own process
 * group (a deadline kills whatever it started), dies with its parent, writes no core
 * file, has an address-space limit and, as a backstop only, a CPU limit a few seconds
 * after the wall-clock deadline the parent keeps (so the wall clock always wins the
 * race); its temporary files go to a private folder and nothing it prints reaches the
 * parent's stdout. */
#ifndef QB_CHILD_H
#define QB_CHILD_H

#include <signal.h>
#include <sys/types.h>

/* The limits qb-batch applies by default (--package-seconds, --package-memory). */
#define QB_CHILD_SECONDS_DEFAULT 600
#define QB_CHILD_MB_DEFAULT 2048
/* Seconds of CPU allowed beyond the wall-clock limit. */
#define QB_CHILD_CPU_BACKSTOP 3

typedef struct {
    int seconds;      /* wall clock the parent allows; the CPU backstop follows from it */
    unsigned long mb; /* address space (RLIMIT_AS), MiB; 0 = none; never under ASan */
} qb_child_budget;

/* In the child, just after fork: its own process group, killed when the parent dies,
 * INT/TERM/HUP back to their default actions, the signal mask set to *mask (NULL: none
 * blocked), the limits, TMPDIR set to tmpdir, stdout to /dev/null. Nonzero when the
 * parent (pid `parent`) is already gone: the child should exit at once. */
int qb_child_enter(const qb_child_budget *b, pid_t parent, const sigset_t *mask, const char *tmpdir);
/* In the parent, just after fork: the child's process group (set from both sides, so a
 * kill that follows at once never misses it). */
void qb_child_adopt(pid_t pid);
/* Kill a child and everything in its process group. */
void qb_child_kill(pid_t pid);

#endif
