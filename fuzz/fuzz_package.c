/* fuzz_package — bytes as a package (RAR, ZIP, 7z, DOCX … by signature) through the
 * whole unpacker: sniffing, our own ZIP and RAR walks, the sandboxed readers, name
 * decoding, roles, the manifest. The readers run in forked children, so a crash in
 * libarchive or libzip is a finding of the package (what the sandbox is for), not of
 * this target; the parent's side is what is fuzzed here (fuzz_archive covers our own
 * walks alone, without the fork). */
#include "fuzz.h"
#include "package.h"
#include "tmpdir.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *in = fz_write("package.bin", data, size);
    char work[4200];
    snprintf(work, sizeof work, "%s/work", fz_dir());
    qb_tree_remove(work);
    if (mkdir(work, 0700) != 0)
        abort();
    qb_package pkg;
    qb_status st = qb_package_unpack(in, work, fz_edition(), &pkg);
    if (st == QB_OK) {
        FILE *f = fopen("/dev/null", "w");
        if (f) {
            qb_package_manifest_write(&pkg, f);
            fclose(f);
        }
    }
    qb_package_free(&pkg);
    qb_tree_remove(work);
    return 0;
}
