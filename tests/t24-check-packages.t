#!/bin/sh
# qb-check on whole packages (issue 4): one report holding the package's findings and
# every finding of the write-up inside it; from any folder, writing nothing beside
# the input; the package's corpus of hostile archives answered in bounded time.
. "$(dirname "$0")/lib/tap.sh"
export LC_ALL=C.UTF-8
cd "$TMP" || exit 1
P=某某精工机械制造有限公司
"$QB_BIN/mksample" . compliant-direct over-abstract >/dev/null || { echo "1..0 # SKIP no mksample"; exit 0; }
"$QB_BIN/mkform" . cells-ok && mv cells-ok.docx form.docx   # a correct application form
"$QB_BIN/mkzip" --docx proof.docx "证明材料目录" "一、营业执照"
printf '\211PNG\r\n\032\n\0\0\0\rIHDR' >scan.png
members() { # WRITEUP
  echo "申报书.docx=@form.docx" "典型经验材料.docx=@$1" "证明材料/目录.docx=@proof.docx"
}
mkdir in
# shellcheck disable=SC2046
"$QB_BIN/mkrar" "in/$P.rar" $(members compliant-direct.docx)
ls -lA --time-style=full-iso in >before.txt
sum_before=$(sha256sum <"in/$P.rar")

# A clean RAR5 package passes, with the three documents recognised.
mkdir "$TMP/tmp"
(cd / && TMPDIR="$TMP/tmp" "$QB_BIN/qb-check" --json "$TMP/in/$P.rar") >o.json 2>err
is "$?" 0 "a clean RAR5 package: exit 0 (run from another folder)"
is "$(jq -r '.status + " " + .applicant' o.json)" "pass $P" "status pass, applicant named by the form"
is "$(jq -r '.counts.practice.count' o.json)" "$("$QB_BIN/mksample" --expect compliant-direct | awk '$1=="practice"{print $2}')" \
   "the write-up inside is counted"
is "$(jq -r '[.findings[] | select(.severity != "info") | .rule] | join(" ")' o.json)" "" "no finding"
is "$(jq -r '[.documents[].role] | join(" ")' o.json)" "form experience proof" "the three documents are recognised and listed"
ls -lA --time-style=full-iso in >after.txt
test_cmp before.txt after.txt "nothing is written beside the input"
is "$(sha256sum <"in/$P.rar")" "$sum_before" "the package is unchanged"
is "$(ls -A "$TMP/tmp" | wc -l)" 0 "no working folder is left behind in TMPDIR"

# A ZIP package whose write-up breaks a limit, named differently from the form.
"$QB_BIN/mkzip" "in/某某机械有限公司.zip" $(members over-abstract.docx)
"$QB_BIN/qb-check" --json "in/某某机械有限公司.zip" >o.json 2>err
is "$?" 1 "a package with errors: exit 1"
rules=$(jq -r '[.findings[] | select(.severity != "info") | .rule] | sort | unique | join(" ")' o.json)
is "$rules" "count.abstract package.name" "package and write-up findings in one report"
is "$(jq -r '.findings[] | select(.rule == "count.abstract") | .file' o.json)" "典型经验材料.docx" \
   "a write-up finding names the document as the applicant named it"
"$QB_BIN/qb-check" "in/某某机械有限公司.zip" >o.txt 2>&1
grep -q '申报书中的单位名称' o.txt; ok $? "the Chinese report explains the name mismatch"

# A package without the write-up
"$QB_BIN/mkzip" "in/$P.zip" "申报书.docx=@form.docx" "证明材料/目录.docx=@proof.docx"
"$QB_BIN/qb-check" --json "in/$P.zip" >o.json 2>err
is "$?/$(jq -r '[.findings[].rule] | map(select(startswith("package.missing"))) | join(" ")' o.json)" \
   "1/package.missing-experience" "a missing write-up is package.missing-experience"

# --pdf for a package: the dossier holds the form and the proof too
"$QB_BIN/qb-check" --pdf "$TMP/d.pdf" "in/$P.rar" >/dev/null 2>err
is "$?" 0 "qb-check --pdf on a package: exit 0"
pdftotext "$TMP/d.pdf" - 2>/dev/null | tr -d ' \n' >d.txt
grep -q '91350100M000100Y43' d.txt; ok $? "the dossier shows the application form's text"
grep -q '证明材料目录' d.txt; ok $? "and the proof material"
is "$(pdfdetach -list "$TMP/d.pdf" 2>/dev/null | head -1)" "3 embedded files" "the three documents are attached"

# An archive damaged right after its signature, or empty, never passes
printf 'Rar!\032\007\001\000garbage' >"in/某某损坏有限公司.rar"
"$QB_BIN/qb-check" --json "in/某某损坏有限公司.rar" >o.json 2>err
is "$?/$(jq -r '.status + " " + ([.findings[].rule] | join(","))' o.json)" "2/error package.format" \
   "a RAR with nothing readable after its signature: not processed, package.format"

# A file name in GBK bytes (copied from a Chinese Windows share) is named readably in JSON
gbk=$(printf '\311\352\307\353.docx')
cp "$TMP/compliant-direct.docx" "in/$gbk"
"$QB_BIN/qb-check" --json "in/$gbk" >o.json 2>err
is "$?/$(jq -r .input o.json)" "0/申请.docx" "a GBK file name is decoded for the report"

# A resubmission named with a version mark: the mark is not part of the organisation's name
for mark in "（修改稿）" "(v2)" "【第二版】" "-v3" "_修改稿"; do
  "$QB_BIN/mkzip" "in/某某精工机械制造有限公司$mark.zip" 申报书.docx=@form.docx 典型经验材料.docx=@"$TMP/compliant-direct.docx" \
    证明材料/目录.docx=@proof.docx >/dev/null
  "$QB_BIN/qb-check" --json "in/某某精工机械制造有限公司$mark.zip" >o.json 2>err
  is "$?/$(jq -r '.applicant + " " + ([.findings[].rule] | join(","))' o.json)" "0/某某精工机械制造有限公司 " \
     "某某精工机械制造有限公司$mark.zip: passes, no package.name (the mark is not the name)"
done

# A .doc write-up and the converter: not installed, refusing the file, or stopped (killed:
# out of memory or time) — only the last is the machine's failure, and says so
printf '\320\317\021\340\241\261\032\341' >old.doc && head -c 4096 /dev/zero >>old.doc
"$QB_BIN/mkzip" "in/$P.doc.zip" 申报书.docx=@form.docx 典型经验材料.doc=@old.doc 证明材料/目录.docx=@proof.docx >/dev/null
mkdir -p fake/none fake/refuses fake/stopped
printf '#!/bin/sh\nexit 1\n' >fake/refuses/soffice
printf '#!/bin/sh\nkill -KILL $$\n' >fake/stopped/soffice
chmod +x fake/refuses/soffice fake/stopped/soffice
for how in none refuses stopped; do
  # "none" is a PATH without /usr/bin, where LibreOffice may well be installed
  path=$PWD/fake/$how; [ $how = none ] || path="$path:/usr/bin:/bin"
  PATH="$path" "$QB_BIN/qb-check" --json "in/$P.doc.zip" 2>/dev/null |
    jq -r '.findings[] | select(.rule == "package.legacy-doc") | .message' >msg.$how
done
grep -q '无法检查，请另存为 .docx' msg.none; ok $? ".doc, no converter: save it as .docx ($(cat msg.none))"
grep -q '自动转换未成功，请另存为 .docx' msg.refuses; ok $? ".doc the converter refuses: save it as .docx ($(cat msg.refuses))"
grep -q '转换程序未能完成（内存不足、超时或异常终止），这不是申报材料的问题' msg.stopped
ok $? ".doc whose converter was killed: not the document's problem ($(cat msg.stopped))"

# Hostile and broken archives of the corpus: an answer for each, in bounded time
if [ -d "$CORPUS/rar" ]; then
  for f in "$CORPUS"/rar/*.rar "$CORPUS"/zip/*.zip; do
    name=$(basename "$f")
    timeout 60 "$QB_BIN/qb-check" --json "$f" >o.json 2>err; rc=$?
    st=$(jq -r .status o.json 2>/dev/null)
    case "$rc/$st" in
      1/fail|2/error) ok 0 "$name: exit $rc, status $st";;
      *) ok 1 "$name: exit $rc, status $st";;
    esac
  done
  "$QB_BIN/qb-check" --json "$CORPUS/rar/rar5_header_encrypted_winrar.rar" >o.json 2>err
  is "$?/$(jq -r '.status + " " + ([.findings[].rule] | unique | join(","))' o.json)" "2/error package.encrypted,package.name" \
     "an encrypted package cannot be processed: exit 2, package.encrypted"
  is "$(wc -l <err)" 1 "with a one-line reason on stderr"
fi
done_testing
