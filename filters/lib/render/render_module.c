/* render_module.c — qb_render_record from the render module (render.h, module.h). */
#include "module.h"
#include "render.h"

#include <string.h>

typedef qb_status (*render_fn)(const qb_record *, const qb_edition *, const qb_render_opts *, const char *,
                               qb_findings *);

qb_status qb_render_record_module(const qb_record *rec, const qb_edition *ed, const qb_render_opts *o,
                                  const char *out_pdf, qb_findings *warnings)
{
    qb_err e = {0};
    void *sym = qb_module_sym("render", "qb_render_record", &e);
    if (sym) {
        render_fn fn; /* dlsym's object pointer as the function pointer it is (ISO C has no cast) */
        memcpy(&fn, &sym, sizeof fn);
        return fn(rec, ed, o, out_pdf, warnings);
    }
    qb_status st = qb_findings_add(warnings, "render.module", QB_SEV_ERROR, NULL, NULL, 0, NULL, e.zh, e.en);
    return st == QB_OK ? QB_ERR_CONFIG : st;
}
