#!/bin/sh
# t59-dossier-drawings — a chart or a drawing made of Word shapes is never dropped
# silently: the dossier shows a framed placeholder where it was, and a render.drawing
# warning names the dossier page (corpus files, read in place; skipped without them).
. "$(dirname "$0")/lib/tap.sh"
chart="$CORPUS/docx-real/real_libreoffice_export_droid_fallback.docx"
shapes="$CORPUS/docx-cn/cn_wps11_nuclear_guide_part6_textboxes.docx"
for f in "$chart" "$shapes"; do
  n=$(basename "$f" .docx)
  if [ ! -f "$f" ]; then skip "$n: corpus absent"; skip "$n: corpus absent"; continue; fi
  "$QB_BIN/qb-check" --pdf "$TMP/$n.pdf" "$f" >/dev/null 2>"$TMP/err"
  page=$(sed -n 's/.*卷宗第 \([0-9]*\) 页：.*图表或形状图形未能绘制.*/\1/p' "$TMP/err" | head -1)
  [ -n "$page" ]; ok $? "$n: a render.drawing warning names the page (${page:-none})"
  pdftotext -f "${page:-1}" -l "${page:-1}" "$TMP/$n.pdf" - 2>/dev/null | tr -d '\n' | grep -q '图表或由形状组成的图形'
  ok $? "$n: that page shows the placeholder"
done
done_testing
