#!/bin/sh
# Every archive of ../shared/corpus/rar and ../shared/corpus/zip (bombs, traversal,
# encryption, volumes, GBK, truncation) through qb-unpack: for each file the findings it
# must give and the members it must write; no crash and no hang (exit 1: every one of
# them has an error-level finding); nothing written anywhere but the work folder, and
# there only generated names; the inputs byte for byte unchanged.
. "$(dirname "$0")/lib/tap.sh"
export LC_ALL=C.UTF-8
if [ ! -d "$CORPUS/rar" ] || [ ! -d "$CORPUS/zip" ]; then
  echo "1..0 # SKIP the corpus is not beside the repository"; exit 0
fi
# The inputs sit in a writable inbox of their own, so a write next to them would show.
mkdir -p "$TMP/inbox"
cp "$CORPUS"/rar/*.rar "$CORPUS"/zip/*.zip "$TMP/inbox/"
(cd "$TMP/inbox" && sha256sum ./* >"$TMP/inbox.sha256" && ls -A >"$TMP/inbox.list")

# Rules every package without the three documents also gets.
M="e:package.missing-experience e:package.missing-form e:package.name w:package.missing-proof"
sorted() { printf '%s\n' $* | sort -u | paste -sd' ' -; }

# unpack FILE: qb-unpack --json into a fresh sentinel box; sets rc, got (rules), nok.
unpack() {
  rm -rf "$TMP/box" && mkdir -p "$TMP/box/tmp"
  (cd "$TMP/box" && TMPDIR="$TMP/box/tmp" timeout 60 /usr/bin/time -f %M -o "$TMP/rss" \
     "$QB_BIN/qb-unpack" --json "$TMP/inbox/$1" w >"$TMP/out.json" 2>"$TMP/err")
  rc=$?
  rss=$(tail -1 "$TMP/rss")   # KB; time(1) puts "Command exited with …" before it
  got=$(jq -r '[.findings[] | .severity[0:1] + ":" + .rule] | unique | join(" ")' "$TMP/out.json")
  nok=$(jq '[.members[] | select(.outcome == "ok")] | length' "$TMP/out.json")
}

# expect FILE "RULES" OK-MEMBERS
expect() {
  echo "$1" >>"$TMP/tested"
  unpack "$1"
  is "$rc" 1 "$1: exit 1 (no crash, no hang)"
  is "$got" "$(sorted $2)" "$1: findings $(sorted $2)"
  is "$nok" "$3" "$1: $3 member(s) written"
  extra=$(cd "$TMP/box" && find . -mindepth 1 \( -path ./w -o -path ./tmp \) -prune -o -print | head -3)
  odd=$(cd "$TMP/box/w" && find . -mindepth 1 ! -name manifest.json \
          ! -regex './[0-9][0-9][0-9][0-9]\(\.[a-z0-9]+\)?' | head -3)
  is "$(ls -A "$TMP/box/tmp")$extra$odd" "" "$1: nothing outside the work folder, only generated names in it"
  nfiles=$(find "$TMP/box/w" -type f ! -name manifest.json | wc -l)
  is "$nfiles" "$3" "$1: the files on disk are the members written"
}

expect rar4_bomb_10GB_zero_file.rar "e:package.name e:package.too-large" 0
jq -r '.members[0].reason' "$TMP/out.json" | grep -q '解压后过大'; ok $? "10 GB bomb: skipped for its declared size"
ok "$([ "$rss" -lt 204800 ] && echo 0 || echo 1)" "10 GB bomb: peak memory under 200 MB ($rss KB)"
expect rar4_corrupt_invalid1.rar "e:package.format e:package.name" 0
expect rar4_corrupt_symlink_huge.rar "e:package.format e:package.name" 0
expect rar4_data_encrypted_pw12345678.rar "e:package.encrypted e:package.name" 0
expect rar4_header_encrypted_pw12345678.rar "e:package.encrypted e:package.name" 0
expect rar4_multivolume.part0001.rar "$M e:package.too-large e:package.unsafe-entry" 3
is "$(jq -r '.volumes' "$TMP/out.json")" 4 "RAR4 volume set: four volumes read from the first"
is "$(jq -r '.members[] | select(.name == "ppmd_lzss_conversion_test.txt") | .outcome' "$TMP/out.json")" \
   too-large "RAR4 volume set: the 241 MB PPMd member (ratio over 1000:1) is not unpacked"
is "$(jq -r '.members[] | select(.name == "testlink") | .outcome' "$TMP/out.json")" unsafe \
   "RAR4 volume set: the symlink is skipped"
for k in 2 3 4; do
  expect rar4_multivolume.part000$k.rar "e:package.format e:package.name" 0
done
grep -q '后续分卷' "$TMP/out.json"; ok $? "a later volume is refused as such"
expect rar4_no_end_of_archive_block.rar "$M" 1
expect rar4_partially_encrypted.rar "$M e:package.encrypted" 1
is "$(jq -r '[.members[] | .name + "=" + .outcome] | join(" ")' "$TMP/out.json")" "foo.txt=encrypted bar.txt=ok" \
   "RAR4 partly encrypted: foo.txt skipped, bar.txt written"
expect rar4_solid_encrypted_winrar.rar "e:package.encrypted e:package.name" 0
expect rar4_unicode_names_win_and_unix.rar "$M e:package.unsafe-entry" 3
jq -r '.members[].name' "$TMP/out.json" | grep -qx '表だよ/漢字長いファイル名long-filename-in-漢字.txt'
ok $? "RAR4 Unicode names decode"
expect rar4_unix_symlink_dirs.rar "$M e:package.unsafe-entry" 2
expect rar4_win32_lnk_shortcut.rar "$M w:package.unsafe-entry" 3
expect rar5_corrupt_truncated_huffman.rar "e:package.format e:package.name" 0
expect rar5_emoji_names_hardlink_winsymlink.rar "$M e:package.unsafe-entry" 1
jq -r '.members[] | select(.outcome == "ok") | .name' "$TMP/out.json" | grep -qx '👋🌎.txt'
ok $? "RAR5 emoji name decodes; hard link and symlink skipped"
expect rar5_header_encrypted_winrar.rar "e:package.encrypted e:package.name" 0
expect rar5_multiarchive_solid.part01.rar "$M" 9
for k in 2 3 4; do
  expect rar5_multiarchive_solid.part0$k.rar "e:package.format e:package.name" 0
done
expect rar5_solid_unix.rar "$M" 7
expect rar5_some_files_encrypted_winrar.rar "$M e:package.encrypted" 2
is "$(jq -r '[.members[] | .name + "=" + .outcome] | join(" ")' "$TMP/out.json")" \
   "a.txt=ok b.txt=encrypted c.txt=ok d.txt=encrypted" \
   "RAR5 per-file encryption (invisible to libarchive) found by our header walk"
expect rar5_stored.rar "$M" 1
expect rar5_stored_zip_inside_rar.rar "$M" 3
is "$(jq -r '.format' "$TMP/out.json")" rar5 "a RAR holding a ZIP is read as the RAR it is"
jq -r '.members[].name' "$TMP/out.json" | grep -qx 'payload/inner.zip/THIS_IS_INSIDE_THE_ZIP.txt'
ok $? "the ZIP inside is unpacked one level"
expect rar5_unix_symlinks_file_and_dir.rar "$M e:package.unsafe-entry" 1
expect rar5_unpacked_size_exceeds_declared.rar "e:package.format e:package.name" 0
expect rar5_windows_hidden_system_readonly_attrs.rar "$M" 4

expect zip_absolute_path_drive_letter.zip "$M e:package.unsafe-entry" 1
expect zip_absolute_path_leading_slash.zip "$M e:package.unsafe-entry" 1
expect zip_backslash_in_name.zip "$M e:package.unsafe-entry" 1
expect zip_bomb_overlapping_entries_fifield_zbsm.zip "e:package.name e:package.too-large" 0
grep -q '共用同一段数据' "$TMP/out.json"; ok $? "overlapping entries named as the bomb they are"
expect zip_cp866_cyrillic_names.zip "$M e:package.unsafe-entry" 1
expect zip_cp932_shiftjis_names.zip "$M" 2
expect zip_declared_size_2gib_overflows_file.zip "e:package.format e:package.name" 0
expect zip_duplicate_entry_names.zip "e:package.name e:package.unsafe-entry" 0
expect zip_gbk_names_mixed_utf8_flag_per_entry.zip "$M" 4
is "$(jq -r '[.members[].name] | join(" ")' "$TMP/out.json")" \
   "HelloWorld.txt ©®™★♦♣♥♠€£￥✓♫.txt こんにちは世界.txt 你好世界.txt" "GBK and UTF-8 names side by side decode"
expect zip_gbk_win7_explorer_send_to_compressed.zip "$M" 8
jq -r '.members[].name' "$TMP/out.json" | grep -qx 'demo - 副本 - Win7CNsendzipped/scrapy.cfg'
ok $? "names from Chinese Windows Explorer decode (副本)"
expect zip_info_zip_unicode_path_extra_7075.zip "$M" 4
jq -r '.members[].name' "$TMP/out.json" | grep -qx 'File 2 - ö.txt'; ok $? "Info-ZIP Unicode Path (0x7075) used"
expect zip_junk_prefix_offsets_shifted.zip "e:package.format e:package.name" 0
expect zip_local_vs_central_name_mismatch.zip "e:package.name e:package.unsafe-entry" 0
expect zip_multidisk_marker.zip "e:package.format e:package.name" 0
expect zip_nested_zip_in_zip.zip "$M" 3
expect zip_nul_byte_in_name.zip "e:package.name e:package.unsafe-entry" 0
is "$(jq -r '.members[0].name_raw_hex' "$TMP/out.json")" 74650074 "the NUL name's bytes are kept in the manifest"
expect zip_pkware_strong_encryption_central_dir_encrypted.zip "e:package.encrypted e:package.name" 0
expect zip_sizes_0xffffffff_zip64_off_by_4gib.zip "e:package.name e:package.too-large" 0
expect zip_slip_dotdot_unix.zip "$M e:package.unsafe-entry" 1
expect zip_slip_dotdot_windows_backslash.zip "$M e:package.unsafe-entry" 1
expect zip_symlink_entry.zip "$M e:package.unsafe-entry" 1
expect zip_truncated_no_eocd.zip "e:package.format e:package.name" 0
expect zip_utf8_names_without_flag.zip "$M" 1
expect zip_windows_compressed_folder.zip "$M" 2
expect zip_winzip_aes256_pw_password.zip "e:package.encrypted e:package.name" 0
expect zip_zip64_streamed_data_descriptor.zip "$M" 1
expect zip_zipcrypto_pw12345678.zip "e:package.encrypted e:package.name" 0

is "$(cd "$TMP/inbox" && ls -A)" "$(cat "$TMP/inbox.list")" "nothing was added to the inbox"
(cd "$TMP/inbox" && sha256sum -c --quiet "$TMP/inbox.sha256" >/dev/null 2>&1)
ok $? "every input is byte for byte unchanged (SHA-256)"
is "$(ls "$TMP/inbox" | wc -l)" "$(ls "$CORPUS"/rar/*.rar "$CORPUS"/zip/*.zip | wc -l)" \
   "every corpus archive was in the inbox"
(cd "$CORPUS" && ls rar zip) | grep -v -e '^$' -e ':$' | LC_ALL=C sort >"$TMP/archives"
LC_ALL=C sort "$TMP/tested" >"$TMP/tested.sorted"
test_cmp "$TMP/archives" "$TMP/tested.sorted" "every archive of the corpus has its expectation here, once"
done_testing
