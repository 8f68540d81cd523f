/* tmpdir.c — private working folders. */
#define _XOPEN_SOURCE 700
#include "tmpdir.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

qb_status qb_tmpdir_make(const char *tag, char **out)
{
    const char *tmp = getenv("TMPDIR");
    char *dir = qb_asprintf("%s/qb-%s-XXXXXX", tmp && *tmp ? tmp : "/tmp", tag);
    if (!dir)
        return QB_ERR_NOMEM;
    if (!mkdtemp(dir)) {
        free(dir);
        return QB_ERR_IO;
    }
    *out = dir;
    return QB_OK;
}

static int remove_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)ftw;
    if (flag == FTW_DP)
        rmdir(path);
    else
        unlink(path);
    return 0;
}

void qb_tree_remove(const char *dir)
{
    /* FTW_PHYS: a link inside is removed itself, its target is never visited */
    nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}
