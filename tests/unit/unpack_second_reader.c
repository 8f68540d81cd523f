/* The second reader (unar) on RAR5, as it runs when libarchive has crashed: driven
 * directly on corpus archives copied under names that unar would otherwise take for a
 * volume set (公司1.rar beside 公司2.rar); encryption from our own header walk; unar's
 * silent empty output on a solid RAR5 caught by the size check. Skipped when the corpus
 * is not beside the repository or unar is not installed. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "corpus.h"
#include "tap.h"
#include "unpack_reader.h"

static char corpus[4200], tmp[512];

static int copy(const char *name, const char *to)
{
    char *from = qb_asprintf("%s/%s", corpus, name);
    char *dst = qb_asprintf("%s/%s", tmp, to);
    char *data = NULL;
    size_t len = 0;
    int ok = from && dst && qb_read_file(from, 1 << 20, &data, &len) == QB_OK;
    FILE *f = ok ? fopen(dst, "wb") : NULL;
    ok = f && fwrite(data, 1, len, f) == len;
    if (f)
        fclose(f);
    free(from);
    free(dst);
    free(data);
    return ok;
}

/* Run unar on tmp/name into a fresh work folder. */
static qb_status run(const char *name, qb_unpack_result *res)
{
    char *path = qb_asprintf("%s/%s", tmp, name);
    char *work = qb_asprintf("%s/w-%s", tmp, name);
    mkdir(work, 0700);
    const char *vols[2] = {path, NULL};
    qb_unpack_src src = {QB_FMT_RAR5, vols, 0, NULL};
    qb_rar_info ri;
    qb_rar_scan(path, 0, &ri);
    qb_read_job job = {&src, &ri, work};
    qb_unpack_limits lim = {200u << 20, 1u << 30, 500, 200, 1, 60};
    qb_unpack_budget b = {lim.max_unpacked, lim.max_members, qb_now() + 60, 1, &lim};
    qb_status st = qb_unpack_run(&qb_reader_unar, &job, work, &b, res);
    qb_rar_info_free(&ri);
    free(path);
    free(work);
    return st;
}

static char *outcomes(const qb_unpack_result *r)
{
    static char buf[512];
    buf[0] = '\0';
    static const char *const n[] = {"ok", "unsafe", "encrypted", "too-large", "broken"};
    for (size_t i = 0; i < r->n; i++)
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s=%s", i ? " " : "",
                 r->v[i].name ? r->v[i].name : "?", n[r->v[i].outcome]);
    return buf;
}

int main(void)
{
    if (!qb_test_corpus("rar", corpus, sizeof corpus) || system("command -v unar >/dev/null 2>&1 && command -v lsar >/dev/null 2>&1") != 0) {
        printf("1..0 # skip the corpus or unar is missing\n");
        return 0;
    }
    snprintf(tmp, sizeof tmp, "%s/qb-unar-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(tmp)) {
        printf("1..0 # skip no temporary folder\n");
        return 0;
    }
    ok(copy("rar5_stored.rar", "公司1.rar") && copy("rar5_some_files_encrypted_winrar.rar", "公司2.rar") &&
           copy("rar5_solid_unix.rar", "solid.rar"),
       "corpus RAR5 archives copied side by side");

    qb_unpack_result r = {0}; /* qb_unpack_run frees what it holds */
    ok(run("公司1.rar", &r) == QB_OK && r.status == QB_ARC_OK, "unar reads 公司1.rar");
    is_str(outcomes(&r), "helloworld.txt=ok", "only its own member: 公司2.rar beside it is not taken for volume 2");
    is_str(r.reader, "unar", "the reader is unar");
    qb_unpack_result_free(&r);

    ok(run("公司2.rar", &r) == QB_OK, "unar reads 公司2.rar");
    is_str(outcomes(&r), "a.txt=ok b.txt=encrypted c.txt=ok d.txt=encrypted",
           "RAR5 encryption comes from our header walk");
    qb_unpack_result_free(&r);

    ok(run("solid.rar", &r) == QB_OK, "unar on a solid RAR5 archive");
    is_str(outcomes(&r), "test.bin=broken test1.bin=broken test2.bin=broken test3.bin=broken "
                         "test4.bin=broken test5.bin=broken test6.bin=broken",
           "unar's empty output with success status is caught: nothing short is kept");
    qb_unpack_result_free(&r);

    char *cmd = qb_asprintf("rm -rf '%s'", tmp);
    if (cmd && system(cmd) != 0)
        printf("# could not remove %s\n", tmp);
    free(cmd);
    printf("1..%d\n", tap_n);
    return tap_failed != 0;
}
