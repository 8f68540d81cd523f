#!/bin/sh
# qb-lint --annotate: a copy of the draft with each finding that names a paragraph as
# a Word comment on it. The input is never modified; the copy reads back with the
# same paragraphs; LibreOffice (when installed) opens it and sees every comment.
. "$(dirname "$0")/lib/tap.sh"

mkdir -p "$TMP/in" "$TMP/out"
if [ -x "$QB_BIN/mksample" ]; then
  "$QB_BIN/mksample" "$TMP/in" compliant-styles fmt-body-font fmt-caption-missing fmt-page-landscape >/dev/null 2>&1
fi
if [ -d "$CORPUS/docx-cn" ]; then
  # one with comments of its own (SJTU), a WPS one with text boxes, a pandoc-made one
  for f in cn_word2016_sjtu_thesis_template_seq_captions.docx cn_wps11_nuclear_guide_part6_textboxes.docx \
           cn_thesis_heu_generated_16sections_landscape.docx; do
    cp "$CORPUS/docx-cn/$f" "$TMP/in/"
  done
fi
if [ -z "$(ls "$TMP/in")" ]; then skip "neither samples nor corpus available"; done_testing; exit; fi

todo() { # todo STATUS NAME — a known gap, reported as TAP TODO, not failed
  tap_n=$((tap_n + 1))
  if [ "$1" -eq 0 ]; then echo "ok $tap_n - $2"; else echo "not ok $tap_n - $2"; fi
}
comments() { # number of w:comment elements in a DOCX
  unzip -p "$1" word/comments.xml 2>/dev/null | grep -o '<w:comment ' | wc -l | tr -d ' '
}
for f in "$TMP"/in/*.docx; do
  name=$(basename "$f" .docx)
  before=$(cksum <"$f")
  "$QB_BIN/qb-lint" --annotate "$TMP/out/$name.docx" "$f" >"$TMP/f.tsv" 2>"$TMP/err"
  case $? in 0|1) ok 0 "$name: annotated";; *) ok 1 "$name: qb-lint --annotate failed: $(cat "$TMP/err")"; continue;; esac
  is "$(cksum <"$f")" "$before" "$name: the input is unchanged"
  want=$(awk -F'\t' '$4 != ""' "$TMP/f.tsv" | wc -l | tr -d ' ')
  grep -q "已加 $want 条批注" "$TMP/err"; ok $? "$name: $want comments, one per finding with a paragraph"
  if command -v unzip >/dev/null 2>&1; then
    is "$(( $(comments "$TMP/out/$name.docx") - $(comments "$f") ))" "$want" "$name: comments.xml holds them"
  else
    skip "unzip not installed: comments.xml not inspected"
  fi
  "$QB_BIN/qb-docx" "$f" | grep -c '<p ' >"$TMP/a"
  "$QB_BIN/qb-docx" "$TMP/out/$name.docx" | grep -c '<p ' >"$TMP/b"
  cmp -s "$TMP/a" "$TMP/b"; ok $? "$name: the copy reads back with the same $(cat "$TMP/a") paragraphs"
  echo "$name $want" >>"$TMP/expected"
done

# the input itself can never be the output
f=$(ls "$TMP"/in/*.docx | head -1)
before=$(cksum <"$f")
"$QB_BIN/qb-lint" --annotate "$f" "$f" >/dev/null 2>&1
is "$?/$(cksum <"$f")" "2/$before" "annotating onto the input is refused and leaves it alone"

if ! command -v soffice >/dev/null 2>&1; then
  skip "LibreOffice (soffice) not installed: cannot check the copies open"
  done_testing; exit
fi
# one soffice run for all copies, with a private profile
timeout 300 soffice -env:UserInstallation="file://$TMP/lo" --headless --convert-to fodt --outdir "$TMP/fodt" \
  "$TMP"/out/*.docx >/dev/null 2>&1
while read -r name want; do
  [ -s "$TMP/fodt/$name.fodt" ]; ok $? "$name: LibreOffice opens the copy"
  n=$(grep -o 'qbintake 格式检查' "$TMP/fodt/$name.fodt" 2>/dev/null | wc -l | tr -d ' ')
  case $name in
    # its title lines are framed paragraphs (w:framePr), whose comments LibreOffice 7.4
    # drops on import; Word and WPS show them
    cn_wps11_nuclear_guide_part6_textboxes)
      [ "$n" = "$want" ]; todo $? "$name: LibreOffice shows the $want comments # TODO LibreOffice drops comments in w:framePr paragraphs";;
    *) is "$n" "$want" "$name: LibreOffice shows the $want comments";;
  esac
done <"$TMP/expected"
done_testing
