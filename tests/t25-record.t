#!/bin/sh
# t25-record — the application record (issue 8). For generated write-ups, packages made
# with mkrar and mkzip, and real documents of the corpus:
#   the stage chain qb-docx | qb-sections | qb-lint --model -  =  qb-check --record
#   qb-render of the record  =  qb-check --pdf, byte for byte
#   qb-report of the record  =  qb-check's report (JSON, text, HTML)
# and qb-render of a package's record opens only what the record names (the package
# itself may be gone).
. "$(dirname "$0")/lib/tap.sh"
export LC_ALL=C.UTF-8
SAMPLES=${QB_SAMPLES:-$TMP/samples}
mkdir -p "$SAMPLES"
"$QB_BIN/mksample" "$SAMPLES" >/dev/null 2>&1
ok $? "the samples are generated"

# same REC INPUT WHAT [qb-check options…]: qb-render and qb-report of REC against qb-check
same() {
  rec=$1 in=$2 what=$3; shift 3
  "$QB_BIN/qb-check" "$@" --pdf "$TMP/check.pdf" "$in" >/dev/null 2>&1
  "$QB_BIN/qb-render" -o "$TMP/render.pdf" "$rec" >/dev/null 2>&1
  cmp -s "$TMP/check.pdf" "$TMP/render.pdf"; ok $? "$what: qb-render of the record = qb-check --pdf"
  "$QB_BIN/qb-check" "$@" --json "$in" >"$TMP/check.json" 2>/dev/null
  "$QB_BIN/qb-report" --format json "$rec" >"$TMP/report.json" 2>/dev/null
  cmp -s "$TMP/check.json" "$TMP/report.json"; ok $? "$what: qb-report --format json of the record = qb-check --json"
  "$QB_BIN/qb-check" "$@" --lang en --html "$TMP/check.html" "$in" >"$TMP/check.txt" 2>/dev/null
  "$QB_BIN/qb-report" --lang en "$rec" >"$TMP/report.txt" 2>/dev/null
  "$QB_BIN/qb-report" --lang en --format html "$rec" >"$TMP/report.html" 2>/dev/null
  cmp -s "$TMP/check.txt" "$TMP/report.txt" && cmp -s "$TMP/check.html" "$TMP/report.html"
  ok $? "$what: qb-report's text and HTML of the record = qb-check's"
}

# write-ups: the chain prints the record qb-check writes
for name in compliant-direct over-abstract fmt-body-font fmt-caption-numbering tracked-changes textbox-footnote \
            shapes-flowchart missing-overview; do
  f="$SAMPLES/$name.docx"
  [ -f "$f" ] || { skip "no sample $name"; continue; }
  "$QB_BIN/qb-check" --record "$TMP/check.xml" "$f" >/dev/null 2>&1
  "$QB_BIN/qb-docx" "$f" | "$QB_BIN/qb-sections" | "$QB_BIN/qb-lint" --model - >"$TMP/chain.xml" 2>/dev/null
  cmp -s "$TMP/check.xml" "$TMP/chain.xml"; ok $? "$name: qb-docx | qb-sections | qb-lint --model - = qb-check --record"
  same "$TMP/chain.xml" "$f" "$name"
done
# the record from stdin
f="$SAMPLES/over-abstract.docx"
"$QB_BIN/qb-check" --pdf "$TMP/check.pdf" "$f" >/dev/null 2>&1
"$QB_BIN/qb-docx" "$f" | "$QB_BIN/qb-sections" | "$QB_BIN/qb-lint" --model - 2>/dev/null | \
  "$QB_BIN/qb-render" -o "$TMP/stdin.pdf" - 2>/dev/null
cmp -s "$TMP/check.pdf" "$TMP/stdin.pdf"; ok $? "qb-render - reads the record from stdin"
grep -q '^<record version="1" edition="caq-2023" verdict="fail"' "$TMP/chain.xml"
ok $? "the record's root carries the edition and the verdict"

# packages: the record of the unpacked package, its files kept in --workdir
P=某某精工机械制造有限公司
cd "$TMP" || exit 1
"$QB_BIN/mkzip" --docx form.docx "2024年质量标杆申报书" "|申报单位|$P" "遴选范围：☑运用先进质量管理理念、方法、工具促进高质量发展的典型经验"
"$QB_BIN/mkzip" --docx proof.docx "证明材料目录" "一、营业执照"
# a 1×1 PNG, drawn as a page of the proof material
perl -e 'print pack("H*", "89504e470d0a1a0a0000000d4948445200000001000000010806000000" .
  "1f15c4890000000a49444154789c63000100000500010d0a2db40000000049454e44ae426082")' >scan.png
mkdir pk
"$QB_BIN/mkrar" "pk/$P.rar" "申报书.docx=@form.docx" "典型经验材料.docx=@$SAMPLES/compliant-direct.docx" \
  "证明材料/目录.docx=@proof.docx" "证明材料/扫描.png=@scan.png"
"$QB_BIN/mkzip" "pk/某某机械有限公司.zip" "申报书.docx=@form.docx" "典型经验材料.docx=@$SAMPLES/over-abstract.docx" \
  "证明材料/目录.docx=@proof.docx"
for pkg in "pk/$P.rar" "pk/某某机械有限公司.zip"; do
  rm -rf wd
  "$QB_BIN/qb-check" --record pkg.xml --workdir wd "$pkg" >/dev/null 2>&1
  [ -s pkg.xml ] && [ -f wd/0001.docx ]; ok $? "$pkg: the record is written, the unpacked files kept in --workdir"
  same pkg.xml "$pkg" "$pkg"
  "$QB_BIN/qb-lint" --model pkg.xml >again.xml 2>/dev/null
  cmp -s pkg.xml again.xml; ok $? "$pkg: the record read and written again is the same"
done
"$QB_BIN/qb-check" --record other.xml --workdir wd "pk/$P.rar" >/dev/null 2>err
is "$?/$(grep -c 'empty folder' err)" "2/1" "--workdir must be new or empty: exit 2 with the reason"
grep -c '<member ' pkg.xml >n; is "$(cat n)" 3 "the package's three members are in the record"
grep -q '<document role="form">' pkg.xml && grep -q '<document role="proof">' pkg.xml
ok $? "the form and the Word proof are in the record as documents"
rm -rf wd && "$QB_BIN/qb-check" --record pkg.xml --workdir wd "pk/$P.rar" >/dev/null 2>&1
grep -q 'scope="运用先进质量管理理念' pkg.xml; ok $? "the 遴选范围 the form ticked is in the record"
"$QB_BIN/qb-check" --pdf check.pdf "pk/$P.rar" >/dev/null 2>&1
mv "pk/$P.rar" "pk/gone.rar"
"$QB_BIN/qb-render" -o render.pdf pkg.xml >/dev/null 2>&1
cmp -s check.pdf render.pdf; ok $? "qb-render needs only the files the record names: the package itself is gone"
pdfdetach -list render.pdf 2>/dev/null | head -1 >n
is "$(cat n)" "3 embedded files" "the form, the write-up and the Word proof are attached (the picture is a page, embedded once)"

# real documents of the corpus
C="$CORPUS/docx-real"
if [ -d "$C" ]; then
  for name in real_footnotes real_images_wmf_emf_png_jpeg real_large_15_sections_landscape; do
    f="$C/$name.docx"
    [ -f "$f" ] || { skip "$name is not in the corpus"; continue; }
    "$QB_BIN/qb-check" --record "$TMP/check.xml" "$f" >/dev/null 2>&1
    "$QB_BIN/qb-docx" "$f" 2>/dev/null | "$QB_BIN/qb-sections" | "$QB_BIN/qb-lint" --model - >"$TMP/chain.xml" 2>/dev/null
    cmp -s "$TMP/check.xml" "$TMP/chain.xml"; ok $? "$name: the chain = qb-check --record"
    same "$TMP/chain.xml" "$f" "$name"
  done
  # a document that cannot be read: its record says so, and the reports and dossier follow it
  f="$C/real_fuzzed_broken_zip.docx"
  if [ -f "$f" ]; then
    # (a document the reader refuses is taken as a package of one: its copy is kept)
    rm -rf "$TMP/wd"
    "$QB_BIN/qb-check" --record "$TMP/check.xml" --workdir "$TMP/wd" "$f" >/dev/null 2>&1
    is "$?" 2 "an unreadable document: exit 2, its record still written"
    grep -q 'verdict="error" reason=' "$TMP/check.xml"; ok $? "the record's verdict is error, with the reason"
    same "$TMP/check.xml" "$f" "real_fuzzed_broken_zip"
  fi
else
  skip "the corpus is not beside the repository"
fi
done_testing
