#include "batch_int.h"
qb_status qb_batch_write_packets(const char *outbox, const qb_batch_summary *s, qb_err *e)
{
    (void)outbox; (void)s; (void)e;
    return QB_OK;
}
