#!/bin/sh
# Golden tests of each stage alone, files in and out: qb-docx (DOCX → application
# record), qb-sections (record → record with sections and counts), qb-report (record → JSON).
# The expected outputs are checked in under tests/golden/; after an intended change,
# regenerate them with tests/golden/update.sh and review the diff.
. "$(dirname "$0")/lib/tap.sh"
SAMPLES=${QB_SAMPLES:-$TMP/samples}
mkdir -p "$SAMPLES"
"$QB_BIN/mksample" "$SAMPLES" >/dev/null 2>&1
ok $? "the samples are generated"
GOLDEN="$TESTS_DIR/golden"
for g in "$GOLDEN"/*.docx.xml; do
  name=$(basename "$g" .docx.xml)
  [ -f "$SAMPLES/$name.docx" ] || { ok 1 "$name: sample exists"; continue; }
  # relative names keep absolute paths of this machine out of the record; the date
  # received is the file's mtime, fixed as tests/golden/update.sh fixes it
  mkdir -p "$TMP/in" && cp "$SAMPLES/$name.docx" "$TMP/in/" && touch -d 2024-01-01T00:00:00Z "$TMP/in/$name.docx"
  (cd "$TMP/in" && "$QB_BIN/qb-docx" "$name.docx") >"$TMP/$name.docx.xml"
  cmp -s "$TMP/$name.docx.xml" "$g"; ok $? "qb-docx $name.docx matches its golden model"
  "$QB_BIN/qb-sections" "$g" >"$TMP/$name.sections.xml"
  cmp -s "$TMP/$name.sections.xml" "$GOLDEN/$name.sections.xml"; ok $? "qb-sections on the golden model of $name matches"
  "$QB_BIN/qb-report" --format json "$GOLDEN/$name.sections.xml" >"$TMP/$name.json"
  cmp -s "$TMP/$name.json" "$GOLDEN/$name.json"; ok $? "qb-report --format json on $name matches"
done
# The stages chained as separate programs give what qb-check gives in one process.
for name in compliant-direct over-abstract fmt-body-font fmt-caption-numbering tracked-changes; do
  f="$SAMPLES/$name.docx"
  "$QB_BIN/qb-docx" "$f" | "$QB_BIN/qb-sections" - | "$QB_BIN/qb-lint" --model - | \
    "$QB_BIN/qb-report" --format json - >"$TMP/chain.json"
  "$QB_BIN/qb-check" --json "$f" >"$TMP/check.json"
  cmp -s "$TMP/chain.json" "$TMP/check.json"; ok $? "$name: qb-docx | qb-sections | qb-lint | qb-report = qb-check"
done
done_testing
