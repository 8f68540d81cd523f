/* The RAR header walk (rar5scan.h) and volume sets (unpack.h) on the real archives of
 * ../shared/corpus/rar: the flags libarchive does not report, checked against the
 * corpus manifest (7z -slt listings). Skipped when the corpus is not beside the repo. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rar5scan.h"
#include "corpus.h"
#include "tap.h"
#include "unpack.h"

static char dir[4200];

static qb_status scan(const char *name, qb_rar_info *ri)
{
    char path[4300];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return qb_rar_scan(path, 0, ri);
}

static char *path_of(const char *name)
{
    static char path[4300];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return path;
}

int main(void)
{
    is_int(qb_crc32(0, "123456789", 9), 0xCBF43926u, "CRC-32 check value");
    if (!qb_test_corpus("rar", dir, sizeof dir)) {
        printf("1..%d # skip the corpus is not beside the repository\n", tap_n);
        return 0;
    }
    qb_rar_info ri;

    ok(scan("rar5_some_files_encrypted_winrar.rar", &ri) == QB_OK && ri.n == 4, "RAR5: four entries");
    ok(ri.n == 4 && !ri.v[0].encrypted && ri.v[1].encrypted && !ri.v[2].encrypted && ri.v[3].encrypted,
       "RAR5: b.txt and d.txt carry an encryption record, a.txt and c.txt do not");
    qb_rar_info_free(&ri);

    ok(scan("rar5_header_encrypted_winrar.rar", &ri) == QB_OK && ri.header_encrypted && ri.n == 0,
       "RAR5: an archive encryption header hides every entry");
    qb_rar_info_free(&ri);
    ok(scan("rar4_header_encrypted_pw12345678.rar", &ri) == QB_OK && ri.header_encrypted,
       "RAR4: main header flag 0x0080 (encrypted headers)");
    qb_rar_info_free(&ri);
    ok(scan("rar4_partially_encrypted.rar", &ri) == QB_OK && ri.n == 2 && ri.v[0].encrypted &&
           !ri.v[1].encrypted,
       "RAR4: foo.txt encrypted, bar.txt not");
    qb_rar_info_free(&ri);

    ok(scan("rar4_solid_encrypted_winrar.rar", &ri) == QB_OK && ri.solid && ri.n == 4 &&
           !ri.v[0].solid && ri.v[1].solid && ri.v[3].solid,
       "RAR4 solid: archive flag, and every entry after the first depends on the previous");
    qb_rar_info_free(&ri);

    ok(scan("rar4_multivolume.part0001.rar", &ri) == QB_OK && ri.volume && ri.first_volume &&
           ri.new_naming && ri.more_volumes && ri.n == 1 && ri.v[0].split_after,
       "RAR4 volume 1 of 4: first volume, more follow, its entry continues");
    qb_rar_info_free(&ri);
    ok(scan("rar4_multivolume.part0004.rar", &ri) == QB_OK && ri.volume && !ri.first_volume &&
           !ri.more_volumes && ri.n == 6 && ri.v[0].split_before && ri.v[1].link,
       "RAR4 volume 4 of 4: the last, a continued entry, then testlink (a symlink)");
    qb_rar_info_free(&ri);
    ok(scan("rar5_multiarchive_solid.part02.rar", &ri) == QB_OK && ri.volume && ri.volume_number == 1 &&
           ri.solid && !ri.first_volume,
       "RAR5 volume 2: volume number 1, solid");
    qb_rar_info_free(&ri);

    ok(scan("rar4_unicode_names_win_and_unix.rar", &ri) == QB_OK && ri.n == 6, "RAR4 Unicode names: six entries");
    ok(ri.n == 6 && ri.v[1].uname && strcmp(ri.v[1].uname, "表だよ\\漢字長いファイル名long-filename-in-漢字.txt") == 0,
       "RAR4: the compressed Unicode name field decodes (separators as stored)");
    ok(ri.n == 6 && ri.v[2].dir && ri.v[4].link && !ri.v[5].uname,
       "RAR4: a folder, a Unix symlink, and a plain name without the Unicode flag");
    const qb_rar_entry *e = qb_rar_find(&ri, 0, "表だよ/新しいフォルダ");
    ok(e == &ri.v[2], "an entry is found by a '/'-separated name");
    qb_rar_info_free(&ri);

    ok(scan("rar4_bomb_10GB_zero_file.rar", &ri) == QB_OK && ri.n == 1 &&
           ri.v[0].unpacked == 10485760000ull && ri.v[0].packed == 5234955,
       "RAR4 bomb: 10,485,760,000 bytes declared, 5,234,955 packed");
    qb_rar_info_free(&ri);
    ok(scan("rar5_unix_symlinks_file_and_dir.rar", &ri) == QB_OK && ri.n == 4 && !ri.v[0].link &&
           ri.v[1].link && ri.v[2].link && ri.v[3].dir,
       "RAR5: redirection records mark the two symlinks");
    qb_rar_info_free(&ri);
    ok(scan("rar5_corrupt_truncated_huffman.rar", &ri) == QB_OK && ri.damaged, "RAR5: a corrupt header is reported");
    qb_rar_info_free(&ri);
    ok(scan("rar4_no_end_of_archive_block.rar", &ri) == QB_OK && !ri.damaged && !ri.end_seen && ri.n == 1,
       "RAR4 without an end block: the entry, no damage, no end");
    qb_rar_info_free(&ri);
    char zip[4300];
    snprintf(zip, sizeof zip, "%s/../zip/zip_windows_compressed_folder.zip", dir);
    ok(qb_rar_scan(zip, 0, &ri) == QB_ERR_FORMAT, "a ZIP is not a RAR");

    char **vols = NULL;
    qb_err ve = {0};
    ok(qb_volumes_collect(path_of("rar4_multivolume.part0001.rar"), &vols, &ve) == QB_OK && vols &&
           vols[0] && vols[1] && vols[2] && vols[3] && !vols[4] && strstr(vols[3], "part0004.rar"),
       "the first of four RAR4 volumes collects all four, in order");
    qb_volumes_free(vols);
    ok(qb_volumes_collect(path_of("rar5_multiarchive_solid.part01.rar"), &vols, &ve) == QB_OK && vols &&
           vols[3] && !vols[4] && strstr(vols[1], "part02.rar"),
       "the first of four RAR5 volumes collects all four");
    qb_volumes_free(vols);
    vols = NULL;
    ok(qb_volumes_collect(path_of("rar5_multiarchive_solid.part03.rar"), &vols, &ve) == QB_ERR_FORMAT &&
           !vols && strstr(ve.zh, "后续分卷") && strstr(ve.en, "later volume"),
       "a later volume is refused with a reason");
    ok(qb_volumes_collect(path_of("rar5_stored.rar"), &vols, &ve) == QB_OK && vols && !vols[1],
       "a single archive is a set of one");
    qb_volumes_free(vols);
    ok(qb_volume_is_continuation(path_of("rar4_multivolume.part0003.rar")) &&
           qb_volume_is_continuation(path_of("rar5_multiarchive_solid.part04.rar")),
       "later volumes are continuations (a batch skips them)");
    ok(!qb_volume_is_continuation(path_of("rar4_multivolume.part0001.rar")) &&
           !qb_volume_is_continuation(path_of("rar5_stored.rar")),
       "first volumes and single archives are not");

    printf("1..%d\n", tap_n);
    return tap_failed != 0;
}
