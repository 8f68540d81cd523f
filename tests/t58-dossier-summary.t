#!/bin/sh
# t58-dossier-summary — the check summary's quoted excerpts are one line: a run of white
# space in the quoted text (tabs, line breaks, spaces) is one space. The record of a
# sample with findings gets an excerpt with such a run; qb-render draws it, and
# pdftotext -bbox shows the words either side on one line, one space apart.
. "$(dirname "$0")/lib/tap.sh"
SAMPLES=${QB_SAMPLES:-$TMP/samples}
mkdir -p "$SAMPLES"
"$QB_BIN/mksample" "$SAMPLES" fmt-body-font >/dev/null
"$QB_BIN/qb-check" --record "$TMP/r.xml" "$SAMPLES/fmt-body-font.docx" >/dev/null 2>&1
grep -q 'excerpt="本文介绍了某某' "$TMP/r.xml"; ok $? "the sample's record quotes its abstract"
sed 's/excerpt="本文介绍了某某/excerpt="本文介绍了 \&#9;  \&#10;   某某/' "$TMP/r.xml" >"$TMP/ws.xml"
"$QB_BIN/qb-render" -o "$TMP/ws.pdf" "$TMP/ws.xml" 2>/dev/null; ok $? "qb-render draws the record"
pdftotext -bbox "$TMP/ws.pdf" - 2>/dev/null | awk -F'"' '/<word/ {
  w = $0; sub(/.*">/, "", w); sub(/<.*/, "", w)
  if (prev ~ /本文介绍了$/ && w ~ /^某某/) printf "%d %d\n", ($4 == py), ($2 - pxmax < 8)
  prev = w; pxmax = $6; py = $4 }' >"$TMP/gap"
is "$(head -1 "$TMP/gap")" "1 1" "the excerpt's run of tabs, line breaks and spaces is one space on one line"

# The message quotes the paragraph too ("标题第 1 段“分类号：   …”字体为…"): a run of 30 spaces in
# it, wider than the 问题 column, once wrapped so that "…”" started a line. In every cell of the
# summary: no line starts with a closing mark, a rule id is cut only after . or -, no run of spaces.
n=$(grep -c 'message="' "$TMP/r.xml")
[ "$n" -gt 0 ]; ok $? "the sample's record has findings ($n)"
sp=$(printf '%30s' '')
sed "s/message=\"/message=\"标题第 1 段“分类号：$sp…”字体为/" "$TMP/r.xml" >"$TMP/msg.xml"
"$QB_BIN/qb-render" -o "$TMP/msg.pdf" "$TMP/msg.xml" 2>/dev/null; ok $? "qb-render draws the record"
pdftotext -bbox-layout "$TMP/msg.pdf" - 2>/dev/null | perl "$TESTS_DIR/lib/summary-lines.pl" >"$TMP/bad"
test_cmp /dev/null "$TMP/bad" "the summary's cells: no line starts with a closing mark, rule ids whole, no run of spaces"
pdftotext -raw "$TMP/msg.pdf" - 2>/dev/null | grep -c '分类号： …”字体为' >"$TMP/n"
is "$(cat "$TMP/n")" "$n" "each message's run of spaces is one space"
done_testing
