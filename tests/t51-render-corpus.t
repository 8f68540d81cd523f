#!/bin/sh
# t51-render-corpus — real Word and WPS files (../shared/corpus) all get a dossier: the
# readable ones with their text, the encrypted, broken and hostile ones with a cover
# that says the input could not be processed (and why, in the summary). Pictures
# libharu cannot draw (EMF/WMF) become framed placeholders and are reported; PNG and
# JPEG figures are embedded.
. "$(dirname "$0")/lib/tap.sh"
. "$(dirname "$0")/lib/render.sh"
if [ ! -d "$CORPUS/docx-real" ]; then
  skip "the corpus is not beside the repository"; done_testing; exit
fi
quiet() { grep -v "Invalid 'begincidrange'" "$TMP/poppler.err" >&2; return 0; }

for f in "$CORPUS"/docx-cn/*.docx "$CORPUS"/docx-real/*.docx; do
  name=$(basename "$f")
  render_docx --received 2024-06-01 -o "$TMP/d.pdf" "$f" >/dev/null 2>"$TMP/err"
  rc=$?
  pages=$(pdfinfo "$TMP/d.pdf" 2>"$TMP/poppler.err" | sed -n 's/^Pages: *//p'); quiet
  [ $rc -eq 0 ] && [ "${pages:-0}" -ge 3 ]
  ok $? "$name: a dossier of ${pages:-0} pages"
  [ $rc -eq 0 ] || sed 's/^/#   /' "$TMP/err"
  rm -f "$TMP/d.pdf"
done

# unreadable inputs: the cover says so; the summary gives the reason
for name in real_encrypted_ooxml_in_cfb_password_pass real_fuzzed_broken_zip real_truncated_zip \
            real_xxe_doctype_external_entity; do
  render_docx -o "$TMP/bad.pdf" "$CORPUS/docx-real/$name.docx" 2>/dev/null
  pdftotext -layout -f 1 -l 2 "$TMP/bad.pdf" "$TMP/bad.txt" 2>"$TMP/poppler.err"; quiet
  grep -q '形式审查 *无法处理' "$TMP/bad.txt" && grep -q 'package\.' "$TMP/bad.txt"
  ok $? "$name: the cover says 无法处理 and the summary names the rule"
done

f="$CORPUS/docx-real/real_images_wmf_emf_png_jpeg.docx"
render_docx -o "$TMP/img.pdf" "$f" 2>"$TMP/err"
is "$(grep -c 'EMF/WMF' "$TMP/err")" 3 "the two EMF and one WMF pictures are reported"
pdfimages -list "$TMP/img.pdf" >"$TMP/list" 2>"$TMP/poppler.err"; quiet
is "$(awk 'NR > 2 && $3 == "image" { print $9 }' "$TMP/list" | sort | tr '\n' ' ')" "image jpeg " \
   "the PNG and the JPEG picture are embedded (JPEG as is)"
pdftotext "$TMP/img.pdf" - 2>"$TMP/poppler.err" | grep -c "图片无法显示：" >"$TMP/n"; quiet
is "$(cat "$TMP/n")" 3 "each EMF/WMF picture is a placeholder that says why"
done_testing
