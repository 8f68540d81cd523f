/* The package API the checkers call (package.h): the applicant compared with the form
 * (full- and half-width brackets alike), the package's base name, member lookup, the
 * manifest as JSON, SHA-256 of a file. */
#define _GNU_SOURCE
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "package.h"
#include "tap.h"

static void base_is(const char *in, const char *want)
{
    char *b = qb_package_base_name(in);
    is_str(b, want, "base name of “%s”", in);
    free(b);
}

int main(void)
{
    base_is("某某有限公司.rar", "某某有限公司");
    base_is("某某有限公司.part01.rar", "某某有限公司");
    base_is("某某有限公司.PART1.RAR", "某某有限公司");
    base_is("　某某有限公司 .zip", "某某有限公司");
    base_is("某某有限公司/", "某某有限公司");
    base_is("某某有限公司.7z", "某某有限公司");

    qb_package pkg;
    memset(&pkg, 0, sizeof pkg);
    pkg.display_name = qb_strdup("某某（北京）科技有限公司.rar");
    pkg.applicant = qb_strdup("某某（北京）科技有限公司");
    ok(qb_package_check_applicant(&pkg, "某某(北京)科技有限公司") == QB_OK && pkg.findings.n == 0,
       "half-width brackets in the form match the full-width ones of the file name");
    ok(qb_package_check_applicant(&pkg, "某某（北京） 科技有限公司") == QB_OK && pkg.findings.n == 0,
       "so do spaces");
    ok(qb_package_check_applicant(&pkg, "某某（上海）科技有限公司") == QB_OK && pkg.findings.n == 1,
       "another organisation in the form: one finding");
    is_str(pkg.findings.n ? pkg.findings.v[0].rule : NULL, "package.name", "package.name");
    ok(pkg.findings.n && strstr(pkg.findings.v[0].message, "某某（上海）科技有限公司"), "naming both");
    free(pkg.applicant);
    pkg.applicant = NULL;
    ok(qb_package_check_applicant(&pkg, "某某（北京）科技有限公司") == QB_OK && pkg.applicant &&
           strcmp(pkg.applicant, "某某（北京）科技有限公司") == 0 && pkg.findings.n == 1,
       "when the file name gave no applicant, the form's is taken");

    /* members: one written write-up (converted from .doc), one skipped */
    qb_grow((void **)&pkg.m, &pkg.cap, 2, sizeof *pkg.m);
    memset(pkg.m, 0, 2 * sizeof *pkg.m);
    pkg.n = 2;
    pkg.m[0].name = qb_strdup("典型经验材料.doc");
    pkg.m[0].name_raw_hex = qb_strdup("e585b8");
    pkg.m[0].path = qb_strdup("/w/0001.doc");
    pkg.m[0].stored = qb_strdup("0001.doc");
    pkg.m[0].converted = qb_strdup("/w/0001.docx");
    pkg.m[0].role = QB_ROLE_EXPERIENCE;
    pkg.m[0].size = 3;
    pkg.m[0].declared = UINT64_MAX;
    pkg.m[1].name = qb_strdup("../evil.txt");
    pkg.m[1].role = QB_ROLE_FORM;
    pkg.m[1].outcome = QB_OUT_UNSAFE;
    pkg.m[1].why_zh = qb_strdup("路径中含有“..”");
    pkg.m[1].declared = 5;
    const qb_member *m = qb_package_member(&pkg, QB_ROLE_EXPERIENCE);
    ok(m == &pkg.m[0], "the write-up is found by its role");
    is_str(m ? qb_member_docx(m) : NULL, "/w/0001.docx", "its .docx is the converted one");
    ok(qb_package_member(&pkg, QB_ROLE_FORM) == NULL, "a skipped member is never returned");

    char path[256];
    snprintf(path, sizeof path, "%s/qb-manifest-%d.json", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
             (int)getpid());
    FILE *f = fopen(path, "w");
    ok(f && qb_package_manifest_write(&pkg, f) == QB_OK, "the manifest is written");
    if (f)
        fclose(f);
    json_t *j = json_load_file(path, 0, NULL);
    ok(j != NULL, "it is JSON");
    json_t *m0 = json_array_get(json_object_get(j, "members"), 0);
    json_t *m1 = json_array_get(json_object_get(j, "members"), 1);
    is_str(json_string_value(json_object_get(j, "package")), "某某（北京）科技有限公司.rar", "package name");
    is_str(json_string_value(json_object_get(m0, "stored")), "0001.doc", "stored name, relative");
    is_str(json_string_value(json_object_get(m0, "converted")), "0001.docx", "converted file, relative");
    is_str(json_string_value(json_object_get(m0, "role")), "experience", "role");
    ok(json_object_get(m0, "declared_size") == NULL, "an unknown declared size is left out");
    is_str(json_string_value(json_object_get(m1, "outcome")), "unsafe", "a skipped member's outcome");
    ok(json_is_null(json_object_get(m1, "stored")), "and no stored file");
    is_str(json_string_value(json_object_get(json_array_get(json_object_get(j, "findings"), 0), "rule")),
           "package.name", "findings are in it");
    char *dump = json_dumps(j, 0);
    ok(dump && !strstr(dump, "/w/"), "no absolute path of the machine in the manifest");
    free(dump);
    json_decref(j);

    char hex[65];
    ok(qb_sha256_file(path, hex) == QB_OK && strlen(hex) == 64, "SHA-256 of a file");
    f = fopen(path, "w");
    if (f) {
        fputs("abc", f);
        fclose(f);
    }
    ok(qb_sha256_file(path, hex) == QB_OK &&
           strcmp(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad") == 0,
       "SHA-256(\"abc\") is the FIPS 180-2 value");
    unlink(path);
    is_str(qb_role_name(QB_ROLE_PROOF), "proof", "role names");
    is_str(qb_role_name_zh(QB_ROLE_FORM), "申报书", "Chinese role names");
    qb_package_free(&pkg);
    printf("1..%d\n", tap_n);
    return tap_failed != 0;
}
