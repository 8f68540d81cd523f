#!/bin/sh
# t55-render-images — pictures that used to crash the renderer or come out as noise
# (issue 14 defect 2, issue 11): mkimages puts each damaged or tricky PNG/JPEG in a
# sample write-up, and qb-render and qb-check --pdf must give a PDF every time:
# - damaged ones (a flipped IDAT byte with and without a matching CRC, a truncated
#   IDAT, a bad filter byte, an invalid IHDR colour type or bit depth, a truncated
#   JPEG) are a placeholder and a render.image warning, never a crash;
# - the rest are drawn (extra IDAT data after a complete image is harmless), a clean
#   JPEG carried as it is (DCT), and a 4-bit palette PNG with transparency exactly as
#   its pixels composited on white;
# - three runs give the same bytes; the same pictures as a package's proof files too.
. "$(dirname "$0")/lib/tap.sh"
. "$TESTS_DIR/lib/render.sh"

mkdir -p "$TMP/s" "$TMP/m" "$TMP/o"
"$QB_BIN/mksample" "$TMP/s" compliant-direct >/dev/null 2>&1 &&
  "$QB_BIN/mkimages" "$TMP/s/compliant-direct.docx" "$TMP/m"
ok $? "mkimages writes the damaged pictures into sample write-ups"
if [ ! -f "$TMP/m/png-ok.docx" ]; then done_testing; exit; fi

damaged="png-idat-flip png-idat-flip-crc png-idat-short png-bad-filter png-bad-ihdr png-bad-depth jpeg-truncated"
drawn="png-ok png-idat-extra png-idat-extra-chunk png-idat-more-rows png-palette-trns jpeg-ok"
size() { # the picture's stored size, as pdfimages lists it
  case $1 in png-palette-trns) echo "61 17";; jpeg-*) echo "96 64";; *) echo "64 48";; esac
}

for v in $damaged $drawn; do
  d="$TMP/m/$v.docx"
  render_docx -o "$TMP/o/$v.pdf" "$d" >/dev/null 2>"$TMP/err"; rc=$?
  render_docx -o "$TMP/o/$v-2.pdf" "$d" >/dev/null 2>/dev/null
  "$QB_BIN/qb-check" --pdf "$TMP/o/$v-3.pdf" "$d" >/dev/null 2>"$TMP/err3"; rc3=$?
  warned=$(grep -c "图片无法显示.*word/media/image1.png" "$TMP/err")
  warned3=$(grep -c "图片无法显示.*word/media/image1.png" "$TMP/err3")
  pdfinfo "$TMP/o/$v.pdf" >/dev/null 2>&1
  ok $? "$v: qb-render exit $rc, a PDF that poppler opens"
  [ $rc -eq 0 ] && [ $rc3 -eq 0 ]
  ok $? "$v: qb-render and qb-check --pdf succeed (exit $rc, $rc3)"
  cmp -s "$TMP/o/$v.pdf" "$TMP/o/$v-2.pdf" && cmp -s "$TMP/o/$v.pdf" "$TMP/o/$v-3.pdf"
  ok $? "$v: three runs, the same bytes"
  pdfimages -list "$TMP/o/$v.pdf" 2>/dev/null >"$TMP/list"
  n=$(awk -v s="$(size "$v")" 'NR > 2 && $4 " " $5 == s' "$TMP/list" | wc -l | tr -d ' ')
  case " $damaged " in
    *" $v "*)
      is "$warned/$warned3/$n" "1/1/0" "$v: a placeholder and one render.image warning, from both programs";;
    *)
      is "$warned/$warned3/$n" "0/0/1" "$v: drawn, no warning";;
  esac
done

pdfimages -list "$TMP/o/jpeg-ok.pdf" 2>/dev/null | awk 'NR > 2 && $4 == 96 && $5 == 64 { print $9 }' >"$TMP/enc"
is "$(cat "$TMP/enc")" "jpeg" "a clean JPEG is carried as it is (DCT), not re-encoded"

# the same pictures as proof material of a package (a folder): pages of the dossier
mkdir "$TMP/pkg"
cp "$TMP/s/compliant-direct.docx" "$TMP/pkg/典型经验材料.docx"
for v in $damaged png-palette-trns jpeg-ok; do
  case $v in jpeg-*) e=jpg;; *) e=png;; esac
  cp "$TMP/m/$v.$e" "$TMP/pkg/证明材料_$v.$e"
done
"$QB_BIN/qb-check" --pdf "$TMP/o/pkg.pdf" "$TMP/pkg" >/dev/null 2>"$TMP/err"; rc=$?
pdfinfo "$TMP/o/pkg.pdf" >/dev/null 2>&1 && [ $rc -le 1 ]
ok $? "a package with the damaged pictures as proofs: qb-check --pdf exit $rc, a PDF"
is "$(grep -c '图片无法显示' "$TMP/err")" "$(echo $damaged | wc -w | tr -d ' ')" "one warning for each damaged proof picture"

# the palette picture's pixels, as the PDF holds them, against mkimages' expectation
mkdir "$TMP/x"
pdfimages "$TMP/o/png-palette-trns.pdf" "$TMP/x/i" 2>/dev/null
found=1
for f in "$TMP"/x/i-*.ppm; do
  if [ "$(head -c 13 "$f")" = "$(printf 'P6\n61 17\n255')" ]; then cmp -s "$f" "$TMP/m/png-palette-trns.ppm"; found=$?; fi
done
ok $found "the 4-bit palette PNG with transparency: every pixel as expected (transparent ones white)"

done_testing
