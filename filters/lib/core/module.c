/* module.c — opening the library's heavy parts on first use (module.h). */
#include "module.h"

#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* "<dir of the program>/../lib/qbintake/NAME.so" into out; 0 when it does not fit. */
static int module_path(const char *name, char *out, size_t cap)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return 0;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return 0;
    *slash = '\0';
    int w = snprintf(out, cap, "%s/../lib/qbintake/%s.so", exe, name);
    return w > 0 && (size_t)w < cap;
}

void *qb_module_sym(const char *name, const char *sym, qb_err *e)
{
    char path[PATH_MAX + 64];
    if (!module_path(name, path, sizeof path)) {
        qb_err_set(e, QB_ERR_CONFIG, "找不到程序模块 %s（无法确定程序所在目录）",
                   "cannot find the program module %s (the program's folder is unknown)", name);
        return NULL;
    }
    /* RTLD_LOCAL: the module keeps its own copy of the library parts it needs, so
     * nothing it defines interposes on the program's */
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    void *p = h ? dlsym(h, sym) : NULL;
    if (!p) {
        const char *why = dlerror();
        qb_err_set(e, QB_ERR_CONFIG, "无法加载程序模块 %s（%s）", "cannot load the program module %s (%s)", path,
                   why ? why : sym);
    }
    return p;
}
