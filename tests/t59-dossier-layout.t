#!/bin/sh
# t59-dossier-layout — the page as the source asks: a landscape section of the write-up is
# set on landscape pages (mksample fmt-page-landscape: 表2 in a landscape section between
# portrait ones), the rest of the dossier portrait; a figure and its caption on one page;
# and a chart is never dropped silently: the dossier shows a framed placeholder where it
# was, and a render.drawing warning names the dossier page (drawings made of Word shapes
# are drawn: t74); Symbol bullets are drawn as •,
# superscripts small
# (corpus files, read in place; skipped without them).
. "$(dirname "$0")/lib/tap.sh"
SAMPLES=${QB_SAMPLES:-$TMP/samples}
mkdir -p "$SAMPLES"
"$QB_BIN/mksample" "$SAMPLES" fmt-page-landscape >/dev/null
"$QB_BIN/qb-check" --pdf "$TMP/ls.pdf" "$SAMPLES/fmt-page-landscape.docx" >/dev/null 2>&1
pdfinfo -f 1 -l 99 "$TMP/ls.pdf" 2>/dev/null | sed -n 's/^Page *\([0-9]*\) size: *\([0-9.]*\) x \([0-9.]*\).*/\1 \2 \3/p' >"$TMP/sizes"
land=$(awk '$2 > $3 { print $1 }' "$TMP/sizes" | tr '\n' ' ')
[ -n "$land" ]; ok $? "the landscape section is on landscape pages (${land:-none})"
for p in $land; do pdftotext -f "$p" -l "$p" "$TMP/ls.pdf" - 2>/dev/null; done >"$TMP/land.txt"
grep -q '表2 近三年主要质量指标对比' "$TMP/land.txt" && grep -q '第 [0-9]* 页 共' "$TMP/land.txt"
ok $? "表2 is on them, with the running header and page number"
first=$(head -1 "$TMP/sizes" | awk '{ print ($2 < $3) }'); last=$(tail -1 "$TMP/sizes" | awk '{ print ($2 < $3) }')
is "$first/$last" "1/1" "the cover and the scoring sheet stay portrait"
pdftotext "$TMP/ls.pdf" - 2>/dev/null | grep -q '通过年度成果发布会'; ok $? "the portrait section before it is complete"
# a figure keeps its caption (below it) on its page: no page starts with "图 N" without
# a picture on it (these two samples had their caption alone at the top of a page)
"$QB_BIN/mksample" "$SAMPLES" caption-like-body missing-overview >/dev/null
for v in caption-like-body missing-overview; do
  "$QB_BIN/qb-check" --pdf "$TMP/$v.pdf" "$SAMPLES/$v.docx" >/dev/null 2>&1
  n=$(pdfinfo "$TMP/$v.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
  pdfimages -list "$TMP/$v.pdf" 2>/dev/null | awk 'NR > 2 { print $1 }' | sort -u >"$TMP/imgpages"
  alone=
  for p in $(seq 1 "${n:-0}"); do
    pdftotext -f "$p" -l "$p" "$TMP/$v.pdf" - 2>/dev/null | sed -n '4,6p' | grep -q '^图 *[0-9]' &&
      ! grep -qx "$p" "$TMP/imgpages" && alone="$alone $p"
  done
  is "${n:-0}:${alone:-none}" "${n:-0}:none" "$v: no figure caption alone at the top of a page"
done

chart="$CORPUS/docx-real/real_libreoffice_export_droid_fallback.docx"
# a chart is drawn from its data (t73); only what the dossier cannot draw is a placeholder
if [ -f "$chart" ]; then
  "$QB_BIN/qb-check" --pdf "$TMP/$(basename "$chart" .docx).pdf" "$chart" >/dev/null 2>"$TMP/err"
  ! grep -q '图表或形状图形未能绘制' "$TMP/err" && pdftotext "$TMP/$(basename "$chart" .docx).pdf" - 2>/dev/null | grep -qx 'Column 1'
  ok $? "$(basename "$chart" .docx): the chart is drawn, without a render.drawing warning"
else
  skip "corpus absent"
fi
# a superscript citation ([1], w:vertAlign) is set smaller (it was body size, on the line)
sup="$CORPUS/docx-cn/cn_word2016_sjtu_thesis_template_seq_captions.docx"
if [ -f "$sup" ]; then
  "$QB_BIN/qb-check" --pdf "$TMP/sup.pdf" "$sup" >/dev/null 2>&1
  h=$(pdftotext -bbox "$TMP/sup.pdf" - 2>/dev/null | awk -F'"' '/>\[1\]<\/word>/ { printf "%d", ($8 - $4) * 10; exit }')
  [ -n "$h" ] && [ "$h" -lt 95 ]; ok $? "a superscript [1] is set small (height ${h:-none}/10 pt, body text 125)"
else
  skip "corpus absent"
fi
# the model keeps underline and superscript (u, va), which the dossier draws
if [ -f "$sup" ]; then
  "$QB_BIN/qb-docx" "$sup" >"$TMP/m.xml" 2>/dev/null
  grep -q ' va="1">\[1\]</r>' "$TMP/m.xml" && grep -q ' u="1"' "$TMP/m.xml"
  ok $? "the model of a thesis keeps its superscript citations and underlined runs"
else
  skip "corpus absent"
fi
# a table's own borders: the title page's layout tables set none (no style, no borders),
# the thesis's tables leave out top and bottom; tables drawn as a grid say nothing
tp="$CORPUS/docx-cn/cn_word2016_heu_title_pages.docx"
if [ -f "$tp" ] && [ -f "$sup" ]; then
  b1=$("$QB_BIN/qb-docx" "$tp" 2>/dev/null | grep -c '<table [^>]*borders="0"')
  b2=$("$QB_BIN/qb-docx" "$sup" 2>/dev/null | grep -c '<table [^>]*borders="60"')
  is "$b1/$b2" "2/2" "the model keeps the tables' own borders (layout tables none; no top and bottom rule)"
else
  skip "corpus absent"
fi
# Word's standard bullet (Symbol U+F0B7 in the numbering) is drawn as •, not dropped
if [ -f "$chart" ]; then
  pdftotext "$TMP/$(basename "$chart" .docx).pdf" - 2>/dev/null | grep -c '^• ' >"$TMP/n"
  is "$(cat "$TMP/n")" 6 "the Symbol bullets of a list are drawn as •"
else
  skip "corpus absent"
fi
done_testing
