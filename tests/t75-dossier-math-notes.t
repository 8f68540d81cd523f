#!/bin/sh
# t75-dossier-math-notes — what the dossier lost besides running text (issue 11): OMML equations
# set as linear text with their scripts raised and lowered, footnotes at the foot of the page
# of their reference with their marks, and a drop-down form field's value. mksample
# dossier-math-notes has in 推进和应用情况 y_i=(x^2+1)/n+∑_{k=1}^{n}w_k and a/b, footnotes 1 and 2
# cited in one paragraph, a long footnote 3 and endnote i in another, footnote 4 cited in a cell
# of 表1, and a FORMDROPDOWN showing its third entry. The second equation ends +sin x, sin a
# function name (m:sty p).
# Counting (DESIGN §4): equation text is not counted, notes and the field's value are.
# Also the corpus thesis with 113 equations ("其中…为模型参数"; read in place, skipped without it).
. "$(dirname "$0")/lib/tap.sh"
SAMPLES=${QB_SAMPLES:-$TMP/samples}
mkdir -p "$SAMPLES"
"$QB_BIN/mksample" "$SAMPLES" dossier-math-notes >/dev/null
doc="$SAMPLES/dossier-math-notes.docx"
"$QB_BIN/qb-check" --pdf "$TMP/a.pdf" "$doc" >/dev/null 2>&1
"$QB_BIN/qb-check" --pdf "$TMP/b.pdf" "$doc" >/dev/null 2>&1
[ -s "$TMP/a.pdf" ] && cmp -s "$TMP/a.pdf" "$TMP/b.pdf"; ok $? "two runs give the same bytes"
pdftotext "$TMP/a.pdf" - 2>/dev/null | tr -d ' \n' >"$TMP/flat.txt"

# --- equations
grep -q '=(x2+1)/n+∑' "$TMP/flat.txt"; ok $? "the equation's fraction and sum are in the text as (x2+1)/n+∑"
grep -q '，a/b' "$TMP/flat.txt"; ok $? "the simple fraction is a/b"
# pdftotext -bbox: one word per size; y grows downwards; the centre of the script against the
# centre of the word before it
pdftotext -bbox "$TMP/a.pdf" - 2>/dev/null | awk -F'"' '/<word / {
  w = $0; sub(/.*">/, "", w); sub(/<\/word>.*/, "", w); c = ($4 + $8) / 2
  if (prev == "=(x" && w == "2") printf "sup %.1f %.1f\n", pc, c
  if (prev ~ /y$/ && w == "i") printf "sub %.1f %.1f\n", pc, c
  prev = w; pc = c }' >"$TMP/scripts"
sup=$(awk '$1 == "sup" && $3 < $2 - 1 { print "raised"; exit }' "$TMP/scripts")
sub=$(awk '$1 == "sub" && $3 > $2 + 1 { print "lowered"; exit }' "$TMP/scripts")
is "${sup:-not raised}" "raised" "the superscript 2 of x sits higher than x ($(grep sup "$TMP/scripts" | head -1))"
is "${sub:-not lowered}" "lowered" "the subscript i of y sits lower than y ($(grep sub "$TMP/scripts" | head -1))"
"$QB_BIN/qb-docx" "$doc" >"$TMP/model.xml" 2>/dev/null
n=$(grep -c 'math="1"' "$TMP/model.xml")
[ "$n" -ge 6 ]; ok $? "the model marks the equation runs math=\"1\" ($n)"
# Word's math italic: variables italic; numbers, operators and the function name (m:sty p) upright
grep -q '<r [^>]* i="1"[^>]*math="1"[^>]*>x</r>' "$TMP/model.xml"; ok $? "the variable x is italic in the model"
grep -q '<r [^>]* i="0"[^>]*math="1"[^>]*>+sin </r>' "$TMP/model.xml"; ok $? "the function name sin is upright"
grep -q '<r [^>]* i="0"[^>]*va="1"[^>]*math="1"[^>]*>2</r>' "$TMP/model.xml"; ok $? "the number 2 (x's superscript) is upright"

# --- counts: equations not counted, footnotes and the field's value counted
want=$("$QB_BIN/mksample" --expect dossier-math-notes | awk '$1 == "practice" { print $2 }')
got=$("$QB_BIN/qb-check" --json "$doc" 2>/dev/null | jq -r '.counts.practice.count')
is "$got" "$want" "推进和应用情况 counts $want 字 as built (equation text not counted)"

# --- footnotes
pages=$(pdfinfo "$TMP/a.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
np=
for p in $(seq 1 "${pages:-0}"); do
  pdftotext -f "$p" -l "$p" "$TMP/a.pdf" - 2>/dev/null | tr -d ' ' | grep -q '五个阶段依次为' && np=$p
done
[ -n "$np" ]; ok $? "footnote 1 is on a page (${np:-none})"
pdftotext -f "${np:-1}" -l "${np:-1}" -bbox "$TMP/a.pdf" - 2>/dev/null | awk -F'"' '/<word / {
  w = $0; sub(/.*">/, "", w); sub(/<\/word>.*/, "", w); print $4, $8, w }' >"$TMP/words"
# the citing sentence ends 可追溯。 and its marks 1 2 follow it, raised and smaller
cite=$(awk '$3 ~ /可追溯。$/ { print $1, $2; exit }' "$TMP/words")
mark=$(awk -v c="$cite" 'BEGIN { split(c, a, " ") } f { print $1, $2, $3; exit } $3 ~ /可追溯。$/ { f = 1 }' "$TMP/words")
echo "$mark" | awk -v c="$cite" '{ split(c, a, " "); exit !($3 == "12" && ($1 + $2) / 2 < (a[1] + a[2]) / 2 - 1 && $2 - $1 < a[2] - a[1]) }'
ok $? "the body carries the marks 12 raised and smaller after 可追溯。 (${mark:-none} / ${cite:-none})"
# at the foot: each note starts with its number, below every line of body text of the page
pdftotext -f "${np:-1}" -l "${np:-1}" -layout "$TMP/a.pdf" - 2>/dev/null >"$TMP/page.txt"
grep -q '^ *1 *六西格玛设计的五个阶段依次为' "$TMP/page.txt" && grep -q '^ *2 *西格玛水平按每百万机会' "$TMP/page.txt"
ok $? "footnotes 1 and 2 are on the page of their reference, each after its number"
foot=$(awk '$3 ~ /^六西格玛设计的五个阶段依次为/ { print $1; exit }' "$TMP/words")
body=$(awk '$3 ~ /可追溯。$/ { print $2; exit }' "$TMP/words")
[ -n "$foot" ] && [ -n "$body" ] && awk -v f="$foot" -v b="$body" 'BEGIN { exit !(f > b) }'
ok $? "footnote 1 is set below the body text citing it (y ${foot:-?} > ${body:-?})"
last=$(tr -d '\f' <"$TMP/page.txt" | grep -v '^ *$' | grep -v '第 *[0-9]* *页' | tail -1)
pdftotext -f "${np:-1}" -l "${np:-1}" "$TMP/a.pdf" - 2>/dev/null | tr -d ' \n' | grep -q '稳健设计又称田口方法.*该方法随后推广到进给系统和刀库部件的设计中。'
ok $? "the long footnote 3 is whole on the same page"
# (the last, footnote 3, or footnote 4 when 表1's row is on that page too)
echo "$last" | grep -q '系统和刀库部件的设计中。$\|评审记录随方案一并归档。$'; ok $? "the page's text ends with the footnotes (last line: $last)"
# a footnote cited in a cell of 表1: at the foot of the page its row is on, not in the cell
tp=
for p in $(seq 1 "${pages:-0}"); do
  pdftotext -f "$p" -l "$p" "$TMP/a.pdf" - 2>/dev/null | tr -d ' ' | grep -q '概念设计与方案比选' && tp=$p
done
pdftotext -f "${tp:-1}" -l "${tp:-1}" -layout "$TMP/a.pdf" - 2>/dev/null >"$TMP/tpage.txt"
grep -q '^ *4 *设计方案须经公司技术委员会评审' "$TMP/tpage.txt"
ok $? "the footnote cited in 表1 is at the foot of the page of its row (${tp:-none}), after its number 4"
pdftotext -f "${tp:-1}" -l "${tp:-1}" -bbox "$TMP/a.pdf" - 2>/dev/null | awk -F'"' '/<word / {
  w = $0; sub(/.*">/, "", w); sub(/<\/word>.*/, "", w); print $4, $8, w }' >"$TMP/twords"
cellmark=$(awk 'f { print $3; exit } $3 == "设计方案" { f = 1 }' "$TMP/twords")
is "$cellmark" "4" "the cell 设计方案 carries the mark 4"
row=$(awk '$3 == "概念设计与方案比选" { print $2; exit }' "$TMP/twords")
tnote=$(awk '$3 ~ /^设计方案须经公司技术委员会评审/ { print $1; exit }' "$TMP/twords")
[ -n "$row" ] && [ -n "$tnote" ] && awk -v n="$tnote" -v r="$row" 'BEGIN { exit !(n > r + 20) }'
ok $? "the note is below its row, not in the cell (y ${tnote:-?} > ${row:-?})"
grep -q '<r [^>]*note-ref="1" note="2"' "$TMP/model.xml" && grep -q '<p [^>]*where="footnote" note="2"' "$TMP/model.xml"
ok $? "the model links the reference and the note (note-ref/note, <p note=>)"

# --- endnotes: at the end of the write-up, under 尾注, numbered i
grep -q '尾注i参见《质量管理体系要求》及公司六西格玛设计实施指南。' "$TMP/flat.txt"; ok $? "the endnote is under 尾注 after its number i"
grep -q '<r [^>]*note-ref="2" note="1"' "$TMP/model.xml" && grep -q '<p [^>]*where="endnote" note="1"' "$TMP/model.xml"
ok $? "the model links the endnote reference and the endnote"

# --- the drop-down's value
grep -q '评价等级：优秀' "$TMP/flat.txt"; ok $? "the drop-down form field shows its value 优秀"

# --- the corpus thesis with equations
heu="$CORPUS/docx-cn/cn_thesis_heu_generated_16sections_landscape.docx"
if [ -f "$heu" ]; then
  "$QB_BIN/qb-check" --pdf "$TMP/heu.pdf" "$heu" >/dev/null 2>&1
  pdftotext "$TMP/heu.pdf" - 2>/dev/null | tr -d ' \n' >"$TMP/heu.txt"
  grep -q '其中Θ为模型参数，λ为正则化系数' "$TMP/heu.txt"; ok $? "the thesis: 其中Θ为模型参数，λ为正则化系数 (the symbols kept)"
  grep -q 'STYLEREF\|SEQEquation' "$TMP/heu.txt"; [ $? -ne 0 ]; ok $? "the thesis: no field instruction from the equations' numbers"
else
  skip "corpus absent"; skip "corpus absent"
fi
done_testing
