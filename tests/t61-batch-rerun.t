#!/bin/sh
# The nightly rerun only does new work: a package whose bytes, edition and language are
# unchanged is skipped (and the log says so) and the outputs stay byte for byte the same;
# a changed package is checked again, alone; a package taken out of the inbox leaves the
# summary. The same inbox gives the same outputs whatever -j is.
. "$(dirname "$0")/lib/tap.sh"
. "$(dirname "$0")/lib/batch_inbox.sh"
export LC_ALL=C.UTF-8
cd "$TMP" || exit 1
mkdir tmp && export TMPDIR="$TMP/tmp"
batch_inbox in || { echo "1..0 # SKIP cannot build the inbox"; exit 0; }

"$QB_BIN/qb-batch" in out 2>err1; is "$?" 0 "first run: exit 0"
batch_ls out >first.txt
folder() { jq -r --arg n "$1" '.rows[] | select(.input == $n) | .folder' out/summary.json; }
pdf_mtime() { stat -c %Y.%y "out/$(folder "$1")/dossier.pdf"; }
m_pass=$(pdf_mtime "$B_PASS.rar")
sleep 1

"$QB_BIN/qb-batch" in out 2>err2; is "$?" 0 "rerun: exit 0"
is "$(grep -c '与上次相同，未重新检查（跳过）' err2)" 5 "each of the 5 rows is said to be unchanged and skipped"
grep -q '本次检查 0 项，未变化跳过 5 项' err2; ok $? "the closing line counts 0 checked, 5 skipped"
batch_ls out >second.txt
test_cmp first.txt second.txt "every output is byte for byte the same (reports, dossiers, summaries)"
is "$(pdf_mtime "$B_PASS.rar")" "$m_pass" "a skipped package's dossier is not even rewritten"

# One package changes: only it is checked again.
"$QB_BIN/mkzip" "in/$B_FAIL.zip" 申报书.docx=@parts/form.docx 典型经验材料.docx=@parts/compliant-direct.docx \
  证明材料/目录.docx=@parts/proof.docx
"$QB_BIN/qb-batch" in out 2>err3; is "$?" 0 "after one package changed: exit 0"
grep -q '本次检查 1 项，未变化跳过 4 项' err3; ok $? "only the changed package is checked again"
grep -q "^\[./5\] $B_FAIL.zip：不通过" err3; ok $? "and the log shows its new verdict"
is "$(jq -r --arg n "$B_FAIL.zip" '.rows[] | select(.input == $n) | .status' out/summary.json)" fail \
   "its row follows the new bytes (the name still differs from the form)"
is "$(jq -r .sha256 "out/$(folder "$B_FAIL.zip")/batch.json")" "$(sha256sum <"in/$B_FAIL.zip" | cut -d' ' -f1)" \
   "its folder records the new SHA-256"
is "$(pdf_mtime "$B_PASS.rar")" "$m_pass" "the others are left alone"
"$QB_BIN/qb-check" --json "in/$B_FAIL.zip" 2>/dev/null | cmp -s - "out/$(folder "$B_FAIL.zip")/report.json"
ok $? "its report.json is qb-check's for the new bytes"

# A later volume of the set changes: the set is checked again.
vol=$(folder "$B_VOL.part1.rar")
cp "in/$B_VOL.part3.rar" part3.keep
printf 'x' >>"in/$B_VOL.part3.rar"
"$QB_BIN/qb-batch" in out 2>err4
grep -q '本次检查 1 项，未变化跳过 4 项' err4 && grep -q "$B_VOL.part1.rar：" err4 && ! grep -q "$B_VOL.part1.rar：与上次相同" err4
ok $? "a change in a later volume makes its set be checked again"
cp part3.keep "in/$B_VOL.part3.rar"
touch -d "2024-05-03 08:00:00 UTC" "in/$B_VOL.part3.rar"

# An input taken out of the inbox leaves the summary; its folder stays.
mv in/说明.txt .
"$QB_BIN/qb-batch" in out 2>err5; is "$?" 0 "after an input was taken out: exit 0"
is "$(jq -r '.rows | length' out/summary.json) $(grep -c "$(printf '\r')\$" out/summary.csv)" "4 5" \
   "summary.json and summary.csv have 4 rows"
ok "$([ -d "out/说明.txt" ] && echo 0 || echo 1)" "the old folder is kept (nothing is deleted from the outbox)"
mv 说明.txt in/

# Another edition or language: everything is checked again.
"$QB_BIN/qb-batch" --edition national-2022 in out 2>err6
grep -q '本次检查 5 项，未变化跳过 0 项' err6; ok $? "another edition: all 5 checked again"
is "$(jq -r .edition out/summary.json) $(jq -r .edition "out/$vol/report.json")" "national-2022 national-2022" \
   "the summary and reports name the new edition"

# -j 1 and -j 3 on the same inbox: the same bytes.
"$QB_BIN/qb-batch" -j 1 in j1 2>/dev/null; "$QB_BIN/qb-batch" -j 3 in j3 2>/dev/null
batch_ls j1 | grep -v 'dossier.pdf$' >j1.txt
batch_ls j3 | grep -v 'dossier.pdf$' >j3.txt
test_cmp j1.txt j3.txt "-j 1 and -j 3: identical reports, stamps and summary files (xlsx included)"
is "$(wc -l <j1.txt)" 19 "(5 folders of 3 files besides the dossier, and 4 summary files)"
text_same=0 bytes_same=0
for d in j1/*/; do
  n=$(basename "$d")
  [ -f "j1/$n/dossier.pdf" ] || continue
  [ "$(pdftotext "j1/$n/dossier.pdf" - 2>/dev/null)" = "$(pdftotext "j3/$n/dossier.pdf" - 2>/dev/null)" ] &&
    text_same=$((text_same + 1))
  cmp -s "j1/$n/dossier.pdf" "j3/$n/dossier.pdf" && bytes_same=$((bytes_same + 1))
done
is "$text_same" 4 "the 4 dossiers have the same text (the stray 说明.txt has none)"
is "$bytes_same" 4 "the 4 dossiers are byte-identical"
done_testing
