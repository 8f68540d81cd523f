/* module.c — opening the library's heavy parts on first use (module.h). */
#include "module.h"
#include "tmpdir.h"

#include <dlfcn.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *qb_program_dir(void)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return NULL;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    return slash ? qb_strndup(exe, (size_t)(slash - exe)) : NULL;
}

char *qb_data_path(const char *name)
{
    char *exe = qb_program_dir();
    if (exe) {
        const char *rel[] = {"/../templates/", "/../build/templates/", "/../../templates/", "/../share/qbintake/",
                             "/../../../templates/"};
        for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
            char *p = qb_asprintf("%s%s%s", exe, rel[i], name);
            if (p && access(p, R_OK) == 0) {
                free(exe);
                return p;
            }
            free(p);
        }
        free(exe);
    }
    return qb_asprintf("%s/%s", QB_DATADIR, name);
}

void *qb_module_sym(const char *name, const char *sym, qb_err *e)
{
    char *dir = qb_program_dir();
    char *path = dir ? qb_asprintf("%s/../lib/qbintake/%s.so", dir, name) : NULL;
    free(dir);
    if (!path) {
        qb_err_set(e, QB_ERR_CONFIG, "找不到程序模块 %s（无法确定程序所在目录）",
                   "cannot find the program module %s (the program's folder is unknown)", name);
        return NULL;
    }
    /* RTLD_LOCAL: the module keeps its own copy of the library parts it needs, so
     * nothing it defines interposes on the program's */
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    void *bind = h ? dlsym(h, "qb_module_bind") : NULL;
    void *p = bind ? dlsym(h, sym) : NULL;
    if (p) {
        static const qb_module_host host = {qb_cleanup_register, qb_cleanup_forget};
        void (*fn)(const qb_module_host *);
        memcpy(&fn, &bind, sizeof fn); /* dlsym's object pointer as the function it is */
        fn(&host);
    }
    if (!p) {
        const char *why = dlerror();
        qb_err_set(e, QB_ERR_CONFIG, "无法加载程序模块 %s（%s）", "cannot load the program module %s (%s)", path,
                   why ? why : sym);
    }
    free(path);
    return p;
}

void qb_module_bind(const qb_module_host *host)
{
    qb_cleanup_delegate(host->cleanup_register, host->cleanup_forget);
}
