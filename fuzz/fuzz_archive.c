/* fuzz_archive — our own archive walks, which run in the parent process before any
 * sandboxed reader sees the file: the ZIP central-directory check (overlaps, sizes,
 * ratios, encryption bits; also run on every DOCX) and the RAR4/RAR5 header walk
 * (encryption, volumes, links). In process, so every byte they read is fuzzed. */
#include "fuzz.h"
#include "rar5scan.h"
#include "zipcheck.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *in = fz_write("archive.bin", data, size);
    qb_zip_limits lim = {.max_entries = 10000, .max_total = 1u << 30, .max_ratio = 1000};
    qb_zip_info zi;
    (void)qb_zip_check(in, &lim, &zi, NULL);
    qb_rar_info ri;
    (void)qb_rar_scan(in, 1000, &ri); /* info is set (and owned) whatever the status */
    qb_rar_info_free(&ri);
    return 0;
}
