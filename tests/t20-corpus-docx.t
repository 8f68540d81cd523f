#!/bin/sh
# Every document of the corpus qb-check is given alone (docx-cn, docx-real, doc-legacy, pdf-img:
# Word, WPS, LibreOffice, hostile, not Word at all) gets exactly the verdict checked in as
# tests/corpus/expected.tsv: its exit status, the rule ids of its findings, the 字数 of the five
# sections and, when it is refused, the one line on stderr saying why. A line marked todo is a
# known failure: the right verdict, which qb-check does not give yet (TAP TODO).
# After an intended change: tests/corpus/update.sh, then review its diff.
. "$(dirname "$0")/lib/tap.sh"
. "$TESTS_DIR/corpus/verdict.sh"

if [ ! -d "$CORPUS/docx-cn" ]; then echo "1..0 # SKIP the corpus is not beside the repository"; exit 0; fi
EXPECTED="$TESTS_DIR/corpus/expected.tsv"

# Every document has a line, and every line a document.
corpus_documents "$CORPUS" >"$TMP/docs"
grep -v '^#' "$EXPECTED" | cut -f1 | LC_ALL=C sort >"$TMP/listed"
test_cmp "$TMP/listed" "$TMP/docs" "expected.tsv lists exactly the documents of the corpus (else run tests/corpus/update.sh)"

# status_of EXIT — the JSON status that goes with an exit status
status_of() { case $1 in 0) echo pass;; 1) echo fail;; 2) echo error;; *) echo "no JSON";; esac; }

# known FIELD: the tests of FIELD are TODO when the document's todo names it
known() { case ",$fields," in *",$1,"*) todo_begin "${todo#*: }";; *) todo_end;; esac; }

tab=$(printf '\t')
grep -v '^#' "$EXPECTED" >"$TMP/expected"
while IFS="$tab" read -r doc e_exit e_findings e_counts e_reason todo; do
  [ -f "$CORPUS/$doc" ] || continue   # reported above
  corpus_verdict "$QB_BIN" "$CORPUS" "$doc" "$TMP"
  fields=${todo%%:*}
  known exit
  is "$v_exit ($v_status)" "$e_exit ($(status_of "$e_exit"))" "$doc: exit $e_exit"
  known findings
  is "$v_findings" "$e_findings" "$doc: findings $e_findings"
  known counts
  is "$v_counts" "$e_counts" "$doc: 字数 $e_counts"
  known exit
  if [ "$e_exit" = 2 ]; then
    [ "$v_exit" = 2 ] && [ "$(wc -l <"$TMP/err")" -eq 1 ]; ok $? "$doc: one line on stderr"
    known reason
    if [ "$v_exit" = 2 ] && reason_matches "$e_reason" "$v_reason"; then ok 0 "$doc: refused with the reason '$e_reason'"
    else ok 1 "$doc: refused with the reason '$e_reason'"; diag "  got:  '$v_reason'"; fi
  else
    is "$(wc -c <"$TMP/err" | tr -d ' ')" 0 "$doc: nothing on stderr"
  fi
  todo_end
done <"$TMP/expected"
done_testing
