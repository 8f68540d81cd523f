#!/bin/sh
# What an inbox can do to the batch (issue 14): a link at the top of the inbox is
# refused and its target never read; a huge (sparse) file is "too large" at once, not
# hashed for minutes until it times out; an applicant name longer than a spreadsheet
# cell holds is cut visibly in summary.xlsx; a batch killed with SIGKILL leaves nothing
# in $TMPDIR.
. "$(dirname "$0")/lib/tap.sh"
. "$(dirname "$0")/lib/batch_inbox.sh"
export LC_ALL=C.UTF-8
cd "$TMP" || exit 1
mkdir tmp && export TMPDIR="$TMP/tmp"
batch_parts || { echo "1..0 # SKIP cannot build the packages"; exit 0; }
row() { jq -r --arg n "$2" ".rows[] | select(.input == \$n) | $3" "$1/summary.json"; }
rules() { jq -r '[.status] + [.findings[].rule] | join(" ")' "$1/report.json"; }

# ---- 5. links at the top of the inbox -------------------------------------------------
mkdir elsewhere in5
"$QB_BIN/mkzip" --docx elsewhere/机密.docx "2024年质量标杆申报书" "|申报单位|某某公司" "绝密内容ZZQX"
mkdir elsewhere/folder && cp elsewhere/机密.docx elsewhere/folder/典型经验材料.docx
ln -s "$TMP/elsewhere/机密.docx" in5/某某公司.docx
ln -s "$TMP/elsewhere/folder" in5/某某文件夹
ln -s "$TMP/elsewhere/none.zip" in5/失效.zip
"$QB_BIN/qb-batch" in5 out5 2>err5; is "$?" 0 "an inbox of links: the batch runs to the end"
for n in 某某公司.docx 某某文件夹 失效.zip; do
  dir=out5/$(row out5 "$n" .folder)
  is "$(row out5 "$n" .status) $(rules "$dir")" "error error package.unsafe-entry" \
     "a link at the top of the inbox ($n) is an error row: package.unsafe-entry"
done
dir=out5/$(row out5 某某公司.docx .folder)
grep -q '链接' "$dir/report.json"; ok $? "saying it is a link"
pdftotext "$dir/dossier.pdf" - 2>/dev/null | grep -q ZZQX; ok "$([ $? -ne 0 ] && echo 0 || echo 1)" \
  "the target's text is not in the dossier"
pdfdetach -list "$dir/dossier.pdf" 2>/dev/null | grep -q '^[1-9]'; ok "$([ $? -ne 0 ] && echo 0 || echo 1)" \
  "nothing is attached to it"
grep -rq ZZQX out5; ok "$([ $? -ne 0 ] && echo 0 || echo 1)" "nothing of the targets anywhere in the outbox"
is "$(row out5 某某公司.docx .applicant)" "null" "the applicant named in the target is not read"
# a later volume of a set that is a link: the set is not read through it either
mkdir in5v
"$QB_BIN/mkrar" --volumes 3 "in5v/$B_VOL.part%d.rar" 申报书.docx=@parts/form-vol.docx \
  典型经验材料.docx=@parts/compliant-direct.docx 证明材料/目录.docx=@parts/proof.docx 'data.bin=%zeros:300000' 2>/dev/null
mv "in5v/$B_VOL.part2.rar" elsewhere/ && ln -s "$TMP/elsewhere/$B_VOL.part2.rar" in5v/
"$QB_BIN/qb-batch" in5v out5v 2>/dev/null
dir=out5v/$(row out5v "$B_VOL.part1.rar" .folder)
is "$(row out5v "$B_VOL.part1.rar" .status) $(rules "$dir")" "error error package.unsafe-entry" \
   "a set whose second volume is a link is an error row: package.unsafe-entry"
grep -q "分卷“$B_VOL.part2.rar”是链接" "$dir/report.json"; ok $? "naming the volume"

# ---- 6. a 30 GB sparse file: too large at once, never hashed ----------------------------
mkdir in6
if truncate -s 30G in6/某某巨大有限公司.zip 2>/dev/null; then
  "$QB_BIN/qb-batch" --package-seconds 5 in6 out6 2>err6; is "$?" 0 "a 30 GB file: the batch runs to the end"
  dir=out6/$(row out6 某某巨大有限公司.zip .folder)
  is "$(rules "$dir")" "error package.too-large" "it is an error row package.too-large (not batch.timeout)"
  grep -q '30720.0 MB，超过了 200 MB 的上限' "$dir/report.json"; ok $? "saying its size and the limit"
  is "$(jq -r ".sha256 // \"\"" "$dir/batch.json")" "" "its bytes were not hashed"
else
  for i in 1 2 3 4; do skip "cannot make a sparse 30 GB file here"; done
fi

# ---- 7. an applicant name longer than an XLSX cell holds ---------------------------------
mkdir in7
LONG=$(perl -CS -Mutf8 -e 'print "某" x 39996, "有限公司"')
"$QB_BIN/mkzip" --docx parts/form-long.docx "2024年质量标杆申报书" "|申报单位|$LONG"
"$QB_BIN/mkzip" in7/长名.zip 申报书.docx=@parts/form-long.docx 典型经验材料.docx=@parts/compliant-direct.docx \
  证明材料/目录.docx=@parts/proof.docx
"$QB_BIN/qb-batch" in7 out7 2>err7; is "$?" 0 "a 40 000-character applicant name: the batch runs to the end"
is "$(row out7 长名.zip '.applicant | length')" 40000 "summary.json keeps the whole name"
# the cell as a spreadsheet reads it: the shared string of the 申报单位 column
cell=$(unzip -p out7/summary.xlsx xl/sharedStrings.xml | perl -CS -Mutf8 -ne 'print "$1\n" while /<t[^>]*>(某某某[^<]*)<\/t>/g')
is "$(printf %s "$cell" | perl -CS -ne 'chomp; print length')" 32767 "the XLSX cell holds 32 767 characters, the most it can"
case "$cell" in *…) ok 0 "ending with … so the cut shows" ;; *) ok 1 "ending with … so the cut shows" ;; esac
dir=out7/$(row out7 长名.zip .folder)
# libharu refuses document-information strings over 65 535 bytes: the dossier's title
# and author are cut to a line's worth, so the dossier is still written
test -s "$dir/dossier.pdf"; ok $? "the dossier is written"
pdfinfo "$dir/dossier.pdf" 2>/dev/null | grep -q "^Author: *某某某.*…"; ok $? "its Author is the name, cut visibly"

# ---- 7. a batch killed with SIGKILL leaves nothing in $TMPDIR ----------------------------
children_of() { # PID: a child process of PID, from /proc (procps may be absent)
  grep -l "^PPid:[[:space:]]*$1\$" /proc/[0-9]*/status 2>/dev/null | cut -d/ -f3 | head -1
}
mkdir -p "$QB_SAMPLES" in8 tmp8
slow="$QB_SAMPLES/unpack-800MB-zeros.7z"
[ -s "$slow" ] || "$QB_BIN/mkzip" --7z "$slow" '申报书.docx=%zeros:800000000' 'b.txt=b'
cp "$slow" in8/某某缓慢有限公司.7z
TMPDIR="$TMP/tmp8" "$QB_BIN/qb-batch" in8 out8 2>/dev/null &
pid=$!
n=0
while [ -z "$(children_of "$pid")" ] && [ $n -lt 500 ]; do sleep 0.01; n=$((n + 1)); done
child=$(children_of "$pid")
ok "$([ -n "$child" ] && echo 0 || echo 1)" "the batch started a child for the package"
kill -KILL "$pid"
wait "$pid" 2>/dev/null
n=0 # the child follows its parent (PR_SET_PDEATHSIG)
while [ -n "$child" ] && [ -d "/proc/$child" ] && [ $n -lt 500 ]; do sleep 0.01; n=$((n + 1)); done
is "$(ls -A tmp8)" "" "killed with SIGKILL mid-package, the batch leaves nothing in \$TMPDIR"
"$QB_BIN/qb-batch" --package-seconds 1 in8 out8 2>/dev/null
is "$(ls -A out8 | grep -c '^\.tmp-')" 0 "and the next run clears what it left in the outbox"
done_testing
