/* tmpblob.c — a private temporary file holding given bytes (see tmpblob.h). */
#include "tmpblob.h"

#include <stdlib.h>
#include <unistd.h>

#include "qb.h"

qb_status qb_tmpblob(const void *data, size_t len, const char *tag, char **path)
{
    const char *dir = getenv("TMPDIR");
    char *p = qb_asprintf("%s/qb-%s-XXXXXX", dir && *dir ? dir : "/tmp", tag);
    if (!p)
        return QB_ERR_NOMEM;
    int fd = mkstemp(p);
    if (fd < 0) {
        free(p);
        return QB_ERR_IO;
    }
    size_t done = 0;
    while (done < len) {
        ssize_t w = write(fd, (const char *)data + done, len - done);
        if (w <= 0)
            break;
        done += (size_t)w;
    }
    if (close(fd) != 0 || done != len) {
        unlink(p);
        free(p);
        return QB_ERR_IO;
    }
    *path = p;
    return QB_OK;
}
