/* child.c — a child process under limits (design in child.h). */
#define _GNU_SOURCE /* prctl */
#include "child.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include "qb.h"

static void limits(const qb_child_budget *b)
{
    struct rlimit r = {0, 0};
    setrlimit(RLIMIT_CORE, &r);
    r.rlim_cur = (rlim_t)b->seconds + QB_CHILD_CPU_BACKSTOP;
    r.rlim_max = r.rlim_cur + 2;
    setrlimit(RLIMIT_CPU, &r);
#ifndef QB_UNDER_ASAN
    if (b->mb) {
        r.rlim_cur = r.rlim_max = (rlim_t)b->mb << 20;
        setrlimit(RLIMIT_AS, &r);
    }
#endif
}

int qb_child_enter(const qb_child_budget *b, pid_t parent, const sigset_t *mask, const char *tmpdir)
{
    setpgid(0, 0); /* its own group: the deadline kills whatever it started */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent)
        return 1;
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, mask ? mask : &none, NULL);
    limits(b);
    setenv("TMPDIR", tmpdir, 1);
    int null = open("/dev/null", O_WRONLY);
    if (null >= 0) { /* stdout belongs to the parent; nothing of a child goes there */
        dup2(null, STDOUT_FILENO);
        close(null);
    }
    return 0;
}

void qb_child_adopt(pid_t pid)
{
    setpgid(pid, pid);
}

void qb_child_kill(pid_t pid)
{
    kill(-pid, SIGKILL);
    kill(pid, SIGKILL);
}
