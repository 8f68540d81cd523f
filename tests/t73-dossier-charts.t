#!/bin/sh
# t73-dossier-charts — Word charts are drawn in the dossier from their parts' caches
# (issue 11): mksample charts holds a column chart (two series, Chinese categories, one
# series in its own colour, values shown, its value axis automatic), a pie (two slices in
# their own colours) and a line (its value axis fixed) in 推进和应用情况, captions 图1–图3
# below them. The dossier shows their titles, series names, category labels and
# values, and no render.drawing warning; the chart text is not counted; the stage chain's
# record gives the same dossier. mksample charts-hostile holds a good chart and six parts
# that cannot be drawn (counts over the bounds, 100 series, values that are no numbers,
# no cache, 3D, an r:id naming no relationship): each is a placeholder and a warning, never a crash.
# A real LibreOffice chart of the corpus is drawn too.
. "$(dirname "$0")/lib/tap.sh"
export LC_ALL=C.UTF-8
SAMPLES=${QB_SAMPLES:-$TMP/samples}
mkdir -p "$SAMPLES"
"$QB_BIN/mksample" "$SAMPLES" charts charts-hostile compliant-direct >/dev/null
ok $? "the chart samples are generated"
S="$SAMPLES/charts.docx" H="$SAMPLES/charts-hostile.docx"
unzip -l "$S" 2>/dev/null | grep -c 'word/charts/chart[0-9]*\.xml' >"$TMP/n"
is "$(cat "$TMP/n")" 3 "the sample holds three chart parts"

# the model: three charts of the right kinds, with their data; nothing of them counted
"$QB_BIN/qb-docx" "$S" >"$TMP/model.xml" 2>/dev/null
kinds=$(sed -n 's/.*<chart [^>]* kind="\([a-z]*\)".*/\1/p' "$TMP/model.xml" | tr '\n' ' ')
is "$kinds" "column pie line " "the model holds a column chart, a pie and a line"
grep -q '<ser name="2023年" color="C00000">12 15 7 9.5</ser>' "$TMP/model.xml"
ok $? "a series keeps its name, its own colour and its values"
grep -q '<ser name="问题占比" color="" pt-colors="C00000 - - - 7F7F7F">42 23 15 12 8</ser>' "$TMP/model.xml"
ok $? "the pie's slices keep their own colours (c:dPt)"
grep -q '<chart [^>]*kind="pie"[^>]* vary="1"' "$TMP/model.xml"
ok $? "…and the others vary by point (c:varyColors)"
grep -q '<chart [^>]*kind="line"[^>]* val-min="0" val-max="3.2" val-unit="0.8">' "$TMP/model.xml"
ok $? "the line chart keeps its value axis as the document fixes it (c:min, c:max, c:majorUnit)"
"$QB_BIN/qb-check" --json "$S" >"$TMP/c.json" 2>/dev/null
got=$(jq -r '.counts.practice.count, .counts.practice.chars' "$TMP/c.json" | tr '\n' ' ')
want=$("$QB_BIN/mksample" --expect charts | awk '$1 == "practice" { print $2, $3 }')
is "$got" "$want " "推进和应用情况 counts its captions, not the charts' text"

# the dossier
"$QB_BIN/qb-check" --pdf "$TMP/c.pdf" "$S" >/dev/null 2>"$TMP/c.err"; rc=$?
is "$rc" 0 "qb-check --pdf of the chart sample succeeds"
grep -q '图表或形状图形未能绘制' "$TMP/c.err"; [ $? -ne 0 ]; ok $? "no render.drawing warning for the drawn charts"
pdftotext "$TMP/c.pdf" "$TMP/c.txt" 2>/dev/null
tr -d '\n' <"$TMP/c.txt" | grep -q '未能绘制'; [ $? -ne 0 ]; ok $? "…nor a note or a placeholder about them in the dossier"
missing=
for w in 各产品线六西格玛设计项目数 质量问题来源分布 '主轴早期故障率（%）' 2022年 2023年 早期故障率 行业平均 \
         电主轴 机械主轴 数控转台 滚珠丝杠副 设计 工艺 采购 制造 2019年 9.5 42.0% 23.0% 0.4 2.8; do
  grep -qx -- "$w" "$TMP/c.txt" || missing="$missing $w"
done
is "${missing:-none}" none "the dossier's text holds the titles, series, categories and values"
for k in 1 2 3; do grep -q "^图$k " "$TMP/c.txt" || missing="$missing 图$k"; done
is "${missing:-none}" none "and the captions 图1–图3 below them"
# the value axes' ticks, as LibreOffice and Word set them: the column chart's automatic axis
# (values up to 15: 0 to 16 in steps of 2), the line chart's fixed one (0 to 3.2 by 0.8)
pdftotext -raw "$TMP/c.pdf" "$TMP/raw.txt" 2>/dev/null
ticks() { awk -v t="$1" '$0 == t { on = 1; next } on && /^-?[0-9.]+$/ { printf "%s ", $0; n++ } on && n && !/^-?[0-9.]+$/ { exit }' "$TMP/raw.txt"; }
is "$(ticks '2022年 2023年')" "0 2 4 6 8 10 12 14 16 " "the column chart's value axis: 0 to 16 in steps of 2"
is "$(ticks '早期故障率 行业平均')" "0 0.8 1.6 2.4 3.2 " "the line chart's value axis: as the document fixes it"
pg=$(awk '/\f/ { n++ } /^各产品线六西格玛设计项目数$/ { print n + 1; exit }' "$TMP/c.txt")
pdftotext -f "${pg:-1}" -l "${pg:-1}" "$TMP/c.pdf" - 2>/dev/null | grep -q '^图1 各产品线'
ok $? "the column chart and its caption share a page (${pg:-none})"
"$QB_BIN/qb-check" --pdf "$TMP/c2.pdf" "$S" >/dev/null 2>&1
cmp -s "$TMP/c.pdf" "$TMP/c2.pdf"; ok $? "two runs, the same bytes"
# the chart's labels use the dossier's faces (subset, embedded)
pdffonts "$TMP/c.pdf" 2>/dev/null | awk 'NR > 2 && $(NF-2) != "yes" { bad = 1 } END { exit bad }'
ok $? "every font of the dossier is embedded"
# the stage chain's record: the same dossier
"$QB_BIN/qb-docx" "$S" | "$QB_BIN/qb-sections" | "$QB_BIN/qb-lint" --model - >"$TMP/rec.xml" 2>/dev/null
"$QB_BIN/qb-render" -o "$TMP/r.pdf" "$TMP/rec.xml" >/dev/null 2>&1
cmp -s "$TMP/c.pdf" "$TMP/r.pdf"; ok $? "qb-render of the chain's record = qb-check --pdf"

# hostile chart parts: placeholders and warnings, the good chart drawn, the usual exit status
"$QB_BIN/qb-check" --pdf "$TMP/h.pdf" "$H" >/dev/null 2>"$TMP/h.err"; rc=$?
"$QB_BIN/qb-check" "$SAMPLES/compliant-direct.docx" >/dev/null 2>&1; base=$?
is "$rc" "$base" "qb-check --pdf of the hostile charts exits as for a compliant draft ($base)"
n=$(grep -c '卷宗第 [0-9]* 页：.*图表或形状图形未能绘制' "$TMP/h.err")
is "$n" 6 "six render.drawing warnings, each naming its page"
pdftotext "$TMP/h.pdf" - 2>/dev/null | tr -d '\n' | grep -o '图表或由形状组成的图形' | wc -l | tr -d ' ' >"$TMP/n"
is "$(cat "$TMP/n")" 6 "six placeholders in the dossier"
pdftotext "$TMP/h.pdf" - 2>/dev/null | grep -qx '滚珠丝杠副'; ok $? "the good chart beside them is drawn"
"$QB_BIN/qb-docx" "$H" >"$TMP/hm.xml" 2>/dev/null
sed -n 's/.*<chart [^>]* kind="\([a-z]*\)".*/\1/p' "$TMP/hm.xml" | tr '\n' ' ' >"$TMP/k"
is "$(cat "$TMP/k")" "column unknown unknown line column unknown unknown " \
  "the model: the parts over the bounds, the 3D one and the missing one are of no kind we draw"
n=$(grep -c '<ser name="[^"]*" color="">- - - -</ser>' "$TMP/hm.xml")
is "$n" 4 "…the two series of no numbers and the two without a cache hold no value"
"$QB_BIN/qb-docx" "$H" | "$QB_BIN/qb-sections" | "$QB_BIN/qb-lint" --model - >"$TMP/hrec.xml" 2>/dev/null
"$QB_BIN/qb-render" -o "$TMP/hr.pdf" "$TMP/hrec.xml" >/dev/null 2>&1; rc=$?
cmp -s "$TMP/h.pdf" "$TMP/hr.pdf"; ok $? "qb-render of its record (exit $rc) = qb-check --pdf"

# a model file edited by hand: values that are no numbers are gaps; a chart pointing
# past the paragraphs is refused, not followed
sed 's|<ser name="2022年" color="">8 11 5 7</ser>|<ser name="2022年" color="">nan inf 1e999 -</ser>|' \
  "$TMP/rec.xml" >"$TMP/gaps.xml"
grep -q '>nan inf 1e999 -</ser>' "$TMP/gaps.xml"; ok $? "(the edited record has a series of no numbers)"
"$QB_BIN/qb-render" -o "$TMP/g.pdf" "$TMP/gaps.xml" >/dev/null 2>"$TMP/g.err"; rc=$?
is "$rc" 0 "a series of no numbers is drawn as gaps (exit $rc)"
sed 's|<chart para="[0-9]*"|<chart para="999999"|' "$TMP/rec.xml" >"$TMP/far.xml"
"$QB_BIN/qb-render" -o "$TMP/f.pdf" "$TMP/far.xml" >/dev/null 2>&1; rc=$?
is "$rc" 2 "a chart anchored past the last paragraph makes the record unreadable (exit 2)"

# a real chart: LibreOffice's export of a column chart (corpus)
chart="$CORPUS/docx-real/real_libreoffice_export_droid_fallback.docx"
if [ -f "$chart" ]; then
  "$QB_BIN/qb-check" --pdf "$TMP/real.pdf" "$chart" >/dev/null 2>"$TMP/real.err"
  grep -q '图表或形状图形未能绘制' "$TMP/real.err"; [ $? -ne 0 ]; ok $? "corpus chart: drawn, no render.drawing warning"
  missing=
  for w in 'Column 1' 'Column 2' 'Column 3' 'Row 1' 'Row 4' 10; do
    pdftotext "$TMP/real.pdf" - 2>/dev/null | grep -qx -- "$w" || missing="$missing [$w]"
  done
  is "${missing:-none}" none "corpus chart: its series, categories and axis labels are in the dossier's text"
else
  skip "corpus absent"
  skip "corpus absent"
fi
done_testing
