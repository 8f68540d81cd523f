#!/bin/sh
# t56-dossier-proof-pdfs — a package's proof PDFs are pages of the dossier, under their own
# names: each page of a proof placed (not rasterised: its text comes back from pdftotext)
# on a page of its own, bookmarked under 证明材料 with the file's original name; an
# encrypted or broken proof PDF is a render.proof-pdf warning and a placeholder page, its
# original attached; a proof shown as pages is not attached again; attachments carry the
# original name (/UF) beside an ASCII /F; the same package gives the same bytes; no poppler
# tool prints a warning on it.
. "$(dirname "$0")/lib/tap.sh"
quiet() { grep -v "Invalid 'begincidrange'" "$TMP/poppler.err" >&2; return 0; }
SAMPLES=${QB_SAMPLES:-$TMP/samples}
mkdir -p "$SAMPLES" "$TMP/f" "$TMP/pkg"
"$QB_BIN/mksample" "$SAMPLES" compliant-direct >/dev/null
"$QB_BIN/mkdossier" pdfs "$TMP/f"
ok $? "mkdossier writes the proof PDFs"
cp "$SAMPLES/compliant-direct.docx" "$TMP/pkg/典型经验材料.docx"
cp "$TMP/f/plain.pdf" "$TMP/pkg/证明材料_质量管理体系认证证书.pdf"
cp "$TMP/f/encrypted.pdf" "$TMP/pkg/证明材料_加密的证书.pdf"
cp "$TMP/f/broken.pdf" "$TMP/pkg/证明材料_损坏的证书.pdf"
perl -e 'print pack("H*", "89504e470d0a1a0a0000000d4948445200000001000000010806000000" .
  "1f15c4890000000a49444154789c63000100000500010d0a2db40000000049454e44ae426082")' >"$TMP/pkg/证明材料_现场照片.png"

pdf="$TMP/d.pdf"
"$QB_BIN/qb-check" --pdf "$pdf" "$TMP/pkg" >/dev/null 2>"$TMP/err"
pdfinfo "$pdf" >"$TMP/info" 2>"$TMP/poppler.err"; ok $? "the dossier of a package with proof PDFs is a PDF"; quiet

pdftotext "$pdf" "$TMP/text" 2>"$TMP/poppler.err"; quiet
grep -o 'QB PROOF PAGE [0-9]' "$TMP/text" | tr '\n' '/' >"$TMP/got"
is "$(cat "$TMP/got")" "QB PROOF PAGE 1/QB PROOF PAGE 2/QB PROOF PAGE 3/" \
  "the proof's three pages are in the dossier, in order, as text (not pictures)"

# each page of the proof on a page of its own, the first bookmarked with the original name
pdftohtml -stdout -xml -i -q "$pdf" >"$TMP/xml" 2>"$TMP/poppler.err"; quiet
first=$(sed -n 's/.*<item page="\([0-9]*\)">证明材料 [0-9]*：证明材料_质量管理体系认证证书.pdf<\/item>.*/\1/p' "$TMP/xml")
[ -n "$first" ]; ok $? "a bookmark under 证明材料 names the proof by its original name (page ${first:-none})"
for p in 1 2 3; do
  pdftotext -f $((first + p - 1)) -l $((first + p - 1)) "$pdf" - 2>/dev/null >"$TMP/page"
  grep -q "QB PROOF PAGE $p" "$TMP/page" && grep -q "证明材料_质量管理体系认证证书.pdf（第 $p 页，共 3 页）" "$TMP/page" &&
    grep -q "第 $((first + p - 1)) 页 共" "$TMP/page" && grep -q '^证明材料：证明材料_质量管理体系认证证' "$TMP/page"
  ok $? "dossier page $((first + p - 1)): proof page $p under its heading, the running header naming it, the dossier's page number"
done
pdfimages -list -f "$first" -l "$((first + 2))" "$pdf" 2>"$TMP/poppler.err" | awk 'NR > 2' >"$TMP/images"; quiet
is "$(wc -l <"$TMP/images" | tr -d ' ')" 0 "the proof's pages hold no picture: placed as they are, not rasterised"
for n in 现场照片.png 加密的证书.pdf 损坏的证书.pdf; do
  grep -q "<item page=\"[0-9]*\">证明材料 [0-9]*：证明材料_$n</item>" "$TMP/xml"
  ok $? "bookmark: 证明材料_$n"
done

# encrypted and broken: a warning each, and a placeholder page saying so
is "$(grep -c '证明材料_加密的证书.pdf.*无法并入卷宗：文件已加密' "$TMP/err")" 1 "the encrypted proof PDF is reported once"
is "$(grep -c '证明材料_损坏的证书.pdf.*无法并入卷宗：文件已损坏' "$TMP/err")" 1 "the broken proof PDF is reported once"
grep -q 'PDF 无法显示：文件已加密' "$TMP/text" && grep -q 'PDF 无法显示：文件已损坏' "$TMP/text"
ok $? "their pages are placeholders that say why"
"$QB_BIN/qb-check" --record "$TMP/r.xml" --workdir "$TMP/wd" "$TMP/pkg" >/dev/null 2>&1
"$QB_BIN/qb-render" -o "$TMP/r.pdf" "$TMP/r.xml" >/dev/null 2>"$TMP/rerr"
grep -q 'render.proof-pdf\|无法并入卷宗' "$TMP/rerr"; ok $? "qb-render reports them too"

# attachments: the originals not shown as pages, under their own names
pdfdetach -list "$pdf" >"$TMP/att" 2>"$TMP/poppler.err"; quiet
sed 1d "$TMP/att" | sed 's/^[0-9]*: //' | sort >"$TMP/att.got"
printf '%s\n' 典型经验材料.docx 证明材料_加密的证书.pdf 证明材料_损坏的证书.pdf | sort >"$TMP/att.want"
test_cmp "$TMP/att.want" "$TMP/att.got" "attached: the write-up and the two proofs that could not be shown, by original name"
grep -q -a '^/Type /Filespec' "$pdf" || grep -q -a '/Type /Filespec' "$pdf"
ok $? "attachments are /Filespec dictionaries"
grep -q -a '/F (01_experience.docx)' "$pdf"; ok $? "… with an ASCII file name beside the original one"

# same bytes again; the output passes qpdf-free checks of poppler
"$QB_BIN/qb-check" --pdf "$TMP/again.pdf" "$TMP/pkg" >/dev/null 2>&1
cmp -s "$pdf" "$TMP/again.pdf"; ok $? "a rerun gives the same bytes"
cmp -s "$pdf" "$TMP/r.pdf"; ok $? "qb-render of the record gives the bytes of qb-check --pdf"
grep -q -a '/Lang (zh-CN)' "$pdf" && grep -q -a '/DisplayDocTitle true' "$pdf"
ok $? "the document's language is set, and viewers show its title"
# poppler silent: the fonts' ToUnicode CMaps are valid (libharu's own used begincidrange)
for t in pdffonts pdfinfo pdftotext pdfimages; do
  case $t in pdftotext) a=-;; pdfimages) a=-list;; *) a=;; esac
  if [ "$t" = pdftotext ]; then $t "$pdf" - >/dev/null 2>"$TMP/poppler.err"; else $t $a "$pdf" >/dev/null 2>"$TMP/poppler.err"; fi
  is "$(wc -l <"$TMP/poppler.err" | tr -d ' ')" 0 "$t prints no warning"
done
pdftoppm -r 20 "$pdf" "$TMP/pg" 2>"$TMP/poppler.err"
is "$(wc -l <"$TMP/poppler.err" | tr -d ' ')" 0 "pdftoppm draws every page without a warning"
done_testing
