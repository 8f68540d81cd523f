#!/bin/sh
# End to end over every generated sample: qb-check --json gives exactly the 字数 and
# character counts the sample was built with (mksample --expect, computed from its
# construction, not by our counter), exactly the findings it was built to have
# (mksample --findings), and the matching exit status.
. "$(dirname "$0")/lib/tap.sh"
SAMPLES=${QB_SAMPLES:-$TMP/samples}
mkdir -p "$SAMPLES"
"$QB_BIN/mksample" "$SAMPLES" >/dev/null; ok $? "samples generated"
for name in $("$QB_BIN/mksample" --list | cut -f1); do
  f="$SAMPLES/$name.docx"
  "$QB_BIN/qb-check" --json "$f" >"$TMP/o.json" 2>"$TMP/err"
  rc=$?
  got=$(jq -r '.counts | to_entries[] | "\(.key) \(.value.count) \(.value.chars)"' "$TMP/o.json")
  want=$("$QB_BIN/mksample" --expect "$name")
  is "$got" "$want" "$name: counts per section"
  got=$(jq -r '.findings[] | select(.rule != "document.revisions") | "\(.rule) \(.severity)"' "$TMP/o.json" | sort -u)
  want=$("$QB_BIN/mksample" --findings "$name" | sort -u)
  is "$got" "$want" "$name: findings"
  case "$want" in *" error"*) wrc=1;; *) wrc=0;; esac
  is "$rc" "$wrc" "$name: exit status"
done
"$QB_BIN/qb-check" --json "$SAMPLES/tracked-changes.docx" >"$TMP/o.json"
is "$(jq -r '[.findings[] | select(.rule == "document.revisions") | .severity] | join(",")' "$TMP/o.json")" "warning" \
   "unaccepted revisions are a warning"
# --annotate: a commented copy for Word/WPS; the draft itself is never touched
"$QB_BIN/qb-check" --json "$SAMPLES/fmt-body-font.docx" >"$TMP/o.json"
before=$(sha256sum <"$SAMPLES/fmt-body-font.docx")
"$QB_BIN/qb-check" --annotate "$TMP/批注.docx" "$SAMPLES/fmt-body-font.docx" >/dev/null
is "$?" 1 "qb-check --annotate still reports (exit 1 for errors)"
is "$(sha256sum <"$SAMPLES/fmt-body-font.docx")" "$before" "the draft is unchanged"
"$QB_BIN/qb-check" --json "$TMP/批注.docx" >"$TMP/a.json" 2>&1
is "$?/$(jq -r .counts.practice.count "$TMP/a.json")" "1/$(jq -r .counts.practice.count "$TMP/o.json" 2>/dev/null || echo x)" \
   "the annotated copy reads again, with the same counts"
n=$(unzip -p "$TMP/批注.docx" word/comments.xml 2>/dev/null | grep -o '<w:comment ' | wc -l)
[ "$n" -ge 1 ]; ok $? "it carries the findings as $n Word comments"
# --pdf: the same dossier qb-render writes from the record of the same input
"$QB_BIN/qb-check" --pdf "$TMP/a.pdf" --record "$TMP/a.xml" "$SAMPLES/compliant-direct.docx" >/dev/null
is "$?" 0 "qb-check --pdf --record on a compliant draft: exit 0"
"$QB_BIN/qb-render" -o "$TMP/b.pdf" "$TMP/a.xml" 2>/dev/null
cmp -s "$TMP/a.pdf" "$TMP/b.pdf"; ok $? "qb-check --pdf writes the same bytes as qb-render of its record"
done_testing
