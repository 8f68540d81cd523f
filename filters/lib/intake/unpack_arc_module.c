/* unpack_arc_module.c — which libarchive reader a program has: the one linked in
 * (unpack_arc.c, in every program linked with -u qb_reader_libarchive: see the
 * Makefile), or, in qb-check, the same reader loaded from the archive module inside
 * the sandbox child (module.h), so that neither libarchive nor its codecs are mapped
 * in a process that checks a write-up, and in a package check only in the child that
 * reads the archive. */
#include "module.h"
#include "unpack_reader.h"

/* weak: this reference alone does not link unpack_arc.c in */
extern const qb_reader qb_reader_libarchive __attribute__((weak));

static void module_read(qb_sink *s, const qb_read_job *job)
{
    qb_err e = {0};
    const qb_reader *r = qb_module_sym("archive", "qb_reader_libarchive", &e);
    if (r) {
        r->read(s, job);
        return;
    }
    qb_err_prefix(&e, "解压程序未能启动：", "the archive reader could not start: ");
    qb_sink_verdict(s, QB_ARC_FORMAT, &e);
}

static const qb_reader reader_module = {"libarchive", module_read};

const qb_reader *qb_reader_archive(void)
{
    return &qb_reader_libarchive ? &qb_reader_libarchive : &reader_module;
}
