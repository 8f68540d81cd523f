/* report_file.c — a report written to a file: through outfile.h, so never onto the
 * input and never half-written (a full disk leaves no partial report). */
#include "report.h"

#include "outfile.h"

qb_status qb_report_to_file(const qb_report *r, qb_report_writer write, const char *path, const char *input,
                            qb_err *e)
{
    qb_outfile of;
    qb_status st = qb_outfile_open(&of, path, &input, 1, e);
    if (st != QB_OK)
        return st;
    st = write(r, of.f);
    if (st != QB_OK) {
        qb_outfile_abort(&of);
        return qb_err_status(e, st);
    }
    return qb_outfile_commit(&of, e);
}
