#!/bin/sh
# t52-render-fonts — the faces: a user's own file replaces the Debian default (here
# WenQuanYi Zen Hei stands in for a SimSun file); a missing file or a file that is no
# TrueType font stops qb-render with a reason and leaves no half-written PDF. A symbol neither
# CJK face has is drawn from DejaVu Sans (fonts-dejavu-core), not as 〓.
. "$(dirname "$0")/lib/tap.sh"
. "$(dirname "$0")/lib/render.sh"
SAMPLES=${QB_SAMPLES:-$TMP/samples}
mkdir -p "$SAMPLES"
"$QB_BIN/mksample" "$SAMPLES" compliant-direct >/dev/null
doc="$SAMPLES/compliant-direct.docx"
zenhei=/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc

if [ -f "$zenhei" ]; then
  render_docx --font-song "$zenhei" -o "$TMP/own.pdf" "$doc" 2>"$TMP/err"
  ok $? "--font-song FILE is accepted"
  pdffonts "$TMP/own.pdf" 2>/dev/null | awk 'NR > 2 { print $1 }' | sed 's/^[A-Z]*+//' >"$TMP/names"
  is "$(grep -v '^Liberation' "$TMP/names")" "WenQuanYiZenHei" "the given file is the one CJK face embedded (it is also the 黑体, so one subset serves both)"
  pdftotext "$TMP/own.pdf" - 2>/dev/null | tr -d ' \n' >"$TMP/text"
  grep -q '某某精工机械制造有限公司实施六西格玛设计的经验' "$TMP/text" && ! grep -q '〓' "$TMP/text"
  ok $? "the title (黑体) and the text (宋体) are all there, no character missing"
else
  skip "fonts-wqy-zenhei is not installed"; skip "fonts-wqy-zenhei is not installed"; skip "fonts-wqy-zenhei is not installed"
fi

# symbols neither CJK face has: dossier-math-notes's footnote in 表1 has ⬤ (U+2B24) and ⊗ (U+2297)
"$QB_BIN/mksample" "$SAMPLES" dossier-math-notes >/dev/null
render_docx -o "$TMP/sym.pdf" "$SAMPLES/dossier-math-notes.docx" 2>"$TMP/err"
pdftotext "$TMP/sym.pdf" - 2>/dev/null | tr -d ' \n' >"$TMP/sym.txt"
if [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then
  grep -q '（⬤通过，⊗不通过）' "$TMP/sym.txt" && ! grep -q '〓' "$TMP/sym.txt"
  ok $? "⬤ and ⊗ are in the text as themselves, no 〓"
  pdffonts "$TMP/sym.pdf" 2>/dev/null | grep -q '+DejaVuSans.* yes yes yes'
  ok $? "… drawn from DejaVu Sans, embedded as a subset with its ToUnicode map"
else
  skip "fonts-dejavu-core is not installed"; skip "fonts-dejavu-core is not installed"
fi

render_docx --font-hei /nonexistent/SimHei.ttf -o "$TMP/none.pdf" "$doc" 2>"$TMP/err"
is $? 2 "a font file that is not there: exit status 2"
grep -q '/nonexistent/SimHei.ttf' "$TMP/err"
ok $? "… and the message names the file"
[ ! -e "$TMP/none.pdf" ] && [ -z "$(ls "$TMP" | grep 'none.pdf.tmp')" ]
ok $? "… and no PDF (nor a temporary file) is left"

printf 'not a font\n' >"$TMP/fake.ttf"
render_docx --font-song "$TMP/fake.ttf" -o "$TMP/fake.pdf" "$doc" 2>"$TMP/err"
is $? 2 "a file that is no font: exit status 2"
grep -q 'TrueType' "$TMP/err"
ok $? "… with the reason that it is not a TrueType-outline font"
done_testing
