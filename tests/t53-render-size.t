#!/bin/sh
# t53-render-size — the dossier of an 8000-字 write-up stays small: the faces are cut
# to the glyphs used (hb-subset), so it is well under 2 MB (here: under 1 MB) although
# each full CJK face is 17–21 MB. (Speed against LibreOffice: mk/bench-render.sh.)
. "$(dirname "$0")/lib/tap.sh"
. "$(dirname "$0")/lib/render.sh"
SAMPLES=${QB_SAMPLES:-$TMP/samples}
mkdir -p "$SAMPLES"
"$QB_BIN/mksample" "$SAMPLES" long-8000 edge-limits >/dev/null
for name in long-8000 edge-limits; do
  render_docx --applicant 某某精工机械制造有限公司 -o "$TMP/$name.pdf" "$SAMPLES/$name.docx" 2>/dev/null
  size=$(wc -c <"$TMP/$name.pdf")
  [ "$size" -gt 0 ] && [ "$size" -lt 1048576 ]
  ok $? "$name: the dossier is $size bytes, under 1 MB"
done
done_testing
