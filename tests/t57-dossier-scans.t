#!/bin/sh
# t57-dossier-scans — a package of big scans gives a dossier smaller than the package: each
# scan is embedded once (a page, not again an attachment) and no sharper than 200 dpi at
# the size it is drawn (qb-render --image-dpi N to change). Eleven noisy 4000 × 5600 JPEGs
# (mkdossier scans, ≈ 14 MB each, ≈ 150 MB in all) — the case of issue 11, where the
# dossier was twice the package.
. "$(dirname "$0")/lib/tap.sh"
SAMPLES=${QB_SAMPLES:-$TMP/samples}
mkdir -p "$SAMPLES" "$TMP/pkg"
"$QB_BIN/mksample" "$SAMPLES" compliant-direct >/dev/null
cp "$SAMPLES/compliant-direct.docx" "$TMP/pkg/典型经验材料.docx"
"$QB_BIN/mkdossier" scans "$TMP/pkg" 11 4000 5600
ok $? "mkdossier writes eleven big scans"
for f in "$TMP"/pkg/scan-*.jpg; do mv "$f" "$TMP/pkg/证明材料_扫描件_$(basename "$f")"; done
pkg=$(du -sb "$TMP/pkg" | cut -f1)
[ "$pkg" -gt 150000000 ]; ok $? "the package holds $pkg bytes (over 150 MB)"

"$QB_BIN/qb-check" --pdf "$TMP/d.pdf" "$TMP/pkg" >/dev/null 2>"$TMP/err"
size=$(wc -c <"$TMP/d.pdf")
[ "$size" -lt "$pkg" ]; ok $? "the dossier ($size bytes) is smaller than the package"
[ "$size" -lt 15000000 ]; ok $? "… and small enough to e-mail (under 15 MB)"

pdfimages -list "$TMP/d.pdf" 2>/dev/null | awk 'NR > 2 && $4 > 1000' >"$TMP/big"
is "$(wc -l <"$TMP/big" | tr -d ' ')" 11 "each scan is drawn once"
is "$(awk '$13 > 201 || $14 > 201' "$TMP/big" | wc -l | tr -d ' ')" 0 "no scan is drawn above 200 dpi"
is "$(awk '$9 != "jpeg"' "$TMP/big" | wc -l | tr -d ' ')" 0 "the scans stay JPEGs"
pdfdetach -list "$TMP/d.pdf" 2>/dev/null | grep -c '扫描件' >"$TMP/n"
is "$(cat "$TMP/n")" 0 "no scan is attached again"

"$QB_BIN/qb-check" --record "$TMP/r.xml" --workdir "$TMP/wd" "$TMP/pkg" >/dev/null 2>&1
"$QB_BIN/qb-render" --image-dpi 100 -o "$TMP/low.pdf" "$TMP/r.xml" 2>/dev/null
pdfimages -list "$TMP/low.pdf" 2>/dev/null | awk 'NR > 2 && $4 > 500 && ($13 > 101 || $14 > 101)' | wc -l >"$TMP/n"
[ "$(cat "$TMP/n")" -eq 0 ] && [ "$(wc -c <"$TMP/low.pdf")" -lt "$size" ]
ok $? "--image-dpi 100: at most 100 dpi, a smaller dossier"
"$QB_BIN/qb-render" --image-dpi 20 -o "$TMP/x.pdf" "$TMP/r.xml" >/dev/null 2>&1
is "$?" 2 "--image-dpi out of range is bad usage"
"$QB_BIN/qb-check" --pdf "$TMP/again.pdf" "$TMP/pkg" >/dev/null 2>&1
cmp -s "$TMP/d.pdf" "$TMP/again.pdf"; ok $? "a rerun gives the same bytes"
done_testing
