#!/bin/sh
# Entries an attacker (or an odd tool) puts in a package: '..', absolute paths, drive
# letters, links, control characters, names that differ between a ZIP's two headers,
# duplicates, entries flagged encrypted. Each one is skipped with package.unsafe-entry
# (or package.encrypted); the rest of the package is unpacked; nothing is created
# outside the work folder, no link and no folder inside it. OS debris is ignored.
. "$(dirname "$0")/lib/tap.sh"
export LC_ALL=C.UTF-8
mkdir -p "$TMP/a/b/c" && cd "$TMP/a/b/c" || exit 1
outcomes() { jq -r '[.members[] | .outcome] | join(" ")' out.json; }
unpack() { rm -rf w; "$QB_BIN/qb-unpack" --json "$1" w >out.json 2>err; rc=$?; }
clean_box() { # nothing but w/ and the fixture here, only plain generated files in w/
  is "$(ls -A "$TMP" | tr '\n' ' ')" "a " "$1: nothing created outside the work folder"
  is "$(find w -mindepth 1 ! -type f | wc -l) $(find "$TMP" -name 'evil*' | wc -l)" "0 0" \
     "$1: no link, folder or evil file anywhere"
}

"$QB_BIN/mkzip" z.zip 'good.txt=fine' '../../evil1.txt=x' '/tmp/evil2.txt=x' --noflag 'C:\evil3.txt=x' \
  --noflag 'a\..\..\evil4.txt=x' --symlink 'evil5=../../../etc/passwd' "$(printf 'evil6\001.txt')=x" \
  "$(printf 'evil7\342\200\256txt.exe')=x" --local other.txt 'evil8.txt=x' \
  --encrypted 'evil9.txt=ciphertext'
unpack z.zip
is "$rc" 1 "ZIP: exit 1"
is "$(outcomes)" "ok unsafe unsafe unsafe unsafe unsafe unsafe unsafe unsafe encrypted" \
   "ZIP: .., /, C:\\, \\..\\, a symlink, a control character, an RLO override, two names: skipped"
is "$(jq -r '[.findings[] | .rule] | unique | join(" ")' out.json)" \
   "package.encrypted package.missing-experience package.missing-form package.missing-proof package.name package.unsafe-entry" \
   "ZIP: reported as unsafe entries and an encrypted one"
is "$(jq -r '[.findings[] | select(.rule == "package.unsafe-entry")] | length' out.json)" 6 \
   "ZIP: five unsafe entries quoted one by one, then one line for the rest"
is "$(cat w/0001.txt)" fine "ZIP: the good file is there"
clean_box ZIP

# Two entries of one name: which one is meant? A ZIP with them is refused as a whole
# (zipcheck.h, the OPC rule); in a RAR the second is skipped.
"$QB_BIN/mkzip" d.zip 'good.txt=first' 'good.txt=second'
unpack d.zip
is "$(jq -r '[.findings[] | .rule] | join(" ")' out.json)" "package.unsafe-entry package.name" \
   "ZIP with a duplicate name: refused as unsafe"
"$QB_BIN/mkrar" d.rar 'good.txt=first' 'good.txt=second'
unpack d.rar
is "$(outcomes) $(cat w/0001.txt)" "ok unsafe first" "RAR with a duplicate name: the first kept, the second skipped"

"$QB_BIN/mkrar" r.rar 'good.txt=fine' '../../evil1.txt=x' '/evil2.txt=x' --symlink 'evil3=../../../etc/passwd' \
  --windows 'dir\..\..\evil4.txt=x' --encrypted 'evil5.txt=ciphertext!'
unpack r.rar
is "$(outcomes)" "ok unsafe unsafe unsafe unsafe encrypted" \
   "RAR5: .., /, a symlink, \\..\\ and an encrypted stored entry (ciphertext to libarchive) skipped"
clean_box RAR5

"$QB_BIN/mkrar" --rar4 r4.rar 'good.txt=fine' '../../evil1.txt=x' --symlink 'evil2=/etc/passwd' \
  --encrypted 'evil3.txt=x'
unpack r4.rar
is "$(outcomes)" "ok unsafe unsafe encrypted" "RAR4: .., a symlink, an encrypted entry skipped"
clean_box RAR4

# A 7z with a real symlink entry (libarchive writes one; mkzip --7z --symlink).
"$QB_BIN/mkzip" --7z s.7z 'good.txt=fine' --symlink 'evil=../../../etc/passwd'
unpack s.7z
is "$(jq -r '[.members[] | .kind + ":" + .outcome] | join(" ")' out.json)" "file:ok link:unsafe" \
   "7z: a symlink entry is skipped as unsafe"
clean_box 7z

"$QB_BIN/mkzip" j.zip '某公司/申报书.docx=x' '某公司/__MACOSX/._申报书.docx=junk' '某公司/Thumbs.db=junk' \
  '某公司/~$报书.docx=lock' '某公司/.DS_Store=junk'
unpack j.zip
is "$(jq -r '[.members[] | .role] | join(" ")' out.json)" "form junk junk junk junk" "OS debris is recognised"
is "$(jq -r '.findings[] | select(.rule == "package.junk") | .severity' out.json)" info \
   "and reported once, as information"
is "$(find w -type f ! -name manifest.json | wc -l)" 1 "debris is not kept in the work folder"

# Nesting: an archive in the package is unpacked one level (the editions' max_depth = 1).
"$QB_BIN/mkzip" in2.zip 'deep.txt=deep'
"$QB_BIN/mkzip" in1.zip 'mid.txt=mid' 'in2.zip=@in2.zip'
"$QB_BIN/mkrar" n.rar 'top.txt=top' 'in1.zip=@in1.zip'
unpack n.rar
is "$(jq -r '[.members[] | .name + ":" + (.depth | tostring)] | join(" ")' out.json)" \
   "top.txt:0 in1.zip:0 in1.zip/mid.txt:1 in1.zip/in2.zip:1" "an inner archive is unpacked one level, not two"
jq -r '.findings[] | select(.rule == "package.too-large") | .severity + " " + .message' out.json | grep -q '^warning .*嵌套'
ok $? "the archive two levels down is reported, not unpacked"
rm -f z.zip d.zip d.rar r.rar r4.rar s.7z j.zip in1.zip in2.zip n.rar out.json err
rm -rf w
done_testing
