/* common.c — the shared half of the fuzz targets (fuzz.h). */
#include "fuzz.h"
#include "tmpdir.h"
#include "xmlsafe.h"

#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *dir;
static qb_edition ed;

static void cleanup(void)
{
    if (dir)
        qb_tree_remove(dir);
}

void fz_setup(void)
{
    if (dir)
        return;
    /* the rules of the tree this target was built in: build/fuzz/TARGET → templates/rules */
    if (!getenv("QB_RULES_DIR")) {
        char exe[PATH_MAX];
        ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
        if (n > 0) {
            exe[n] = '\0';
            char *top = dirname(dirname(dirname(exe)));
            char rules[PATH_MAX + 32];
            snprintf(rules, sizeof rules, "%s/templates/rules", top);
            setenv("QB_RULES_DIR", rules, 1);
        }
    }
    if (qb_tmpdir_make("fuzz", &dir) != QB_OK) {
        fprintf(stderr, "fuzz: cannot make a private folder under $TMPDIR\n");
        abort();
    }
    atexit(cleanup);
    qb_xml_init();
    qb_err e = {0};
    if (qb_edition_load(QB_EDITION_DEFAULT, &ed, &e) != QB_OK) {
        fprintf(stderr, "fuzz: cannot load the default edition: %s\n", qb_err_text(&e, 1));
        abort();
    }
}

const char *fz_dir(void)
{
    fz_setup();
    return dir;
}

const qb_edition *fz_edition(void)
{
    fz_setup();
    return &ed;
}

const char *fz_write(const char *name, const void *data, size_t size)
{
    static char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", fz_dir(), name);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        abort();
    const char *p = data;
    while (size > 0) {
        ssize_t w = write(fd, p, size);
        if (w <= 0)
            abort();
        p += w;
        size -= (size_t)w;
    }
    close(fd);
    return path;
}
