#!/bin/sh
# Golden tests of each stage alone, files in and out: qb-docx (DOCX → application record),
# qb-sections (record → record with sections and counts), qb-report (record → JSON), qb-lint
# --model (record → record with the format findings and the verdict). Each stage reads the checked-in output of the stage before it,
# so a change shows in the one stage that made it; a mismatch prints the diff.
# The expected outputs are checked in under tests/golden/; after an intended change,
# regenerate them with tests/golden/update.sh (which also says how each one is made) and
# review the diff.
. "$(dirname "$0")/lib/tap.sh"
SAMPLES=${QB_SAMPLES:-$TMP/samples}
mkdir -p "$SAMPLES"
"$QB_BIN/mksample" "$SAMPLES" >/dev/null 2>&1
ok $? "the samples are generated"
GOLDEN="$TESTS_DIR/golden"
QB_GOLDEN_DEFS_ONLY=1 . "$GOLDEN/update.sh"

# The golden folder holds the files of the listed samples, no more and no fewer.
for name in $GOLDEN_SAMPLES; do
  for k in docx.xml sections.xml json lint.xml; do echo "$name.$k"; done
done | LC_ALL=C sort >"$TMP/listed"
(cd "$GOLDEN" && LC_ALL=C ls | grep -vx update.sh) >"$TMP/present"
test_cmp "$TMP/listed" "$TMP/present" "tests/golden holds the four files of each sample of update.sh"

for name in $GOLDEN_SAMPLES; do
  [ -f "$SAMPLES/$name.docx" ] || { ok 1 "$name: sample exists"; continue; }
  golden_docx "$SAMPLES/$name.docx" >"$TMP/$name.docx.xml"
  test_cmp "$GOLDEN/$name.docx.xml" "$TMP/$name.docx.xml" "qb-docx $name.docx matches its golden model"
  golden_sections "$GOLDEN/$name.docx.xml" >"$TMP/$name.sections.xml"
  test_cmp "$GOLDEN/$name.sections.xml" "$TMP/$name.sections.xml" "qb-sections on the golden model of $name matches"
  golden_report "$GOLDEN/$name.sections.xml" >"$TMP/$name.json"
  test_cmp "$GOLDEN/$name.json" "$TMP/$name.json" "qb-report --format json on $name matches"
  golden_lint "$GOLDEN/$name.sections.xml" >"$TMP/$name.lint.xml"
  test_cmp "$GOLDEN/$name.lint.xml" "$TMP/$name.lint.xml" "qb-lint --model on $name matches"
done
# The format findings the two fmt- samples exist for are in their golden lint output.
is "$(grep -o 'rule="format\.[a-z-]*"' "$GOLDEN/fmt-body-font.lint.xml" | sort | uniq -c | tr -s ' ')" \
   ' 4 rule="format.body-font"' "fmt-body-font: four format.body-font findings (one per section) in its golden"
is "$(grep -o 'rule="format\.[a-z-]*"' "$GOLDEN/fmt-caption-numbering.lint.xml")" 'rule="format.caption-numbering"' \
   "fmt-caption-numbering: one format.caption-numbering finding in its golden"
# The stages chained as separate programs give what qb-check gives in one process.
for name in compliant-direct over-abstract fmt-body-font fmt-caption-numbering tracked-changes; do
  f="$SAMPLES/$name.docx"
  "$QB_BIN/qb-docx" "$f" | "$QB_BIN/qb-sections" - | "$QB_BIN/qb-lint" --model - | \
    "$QB_BIN/qb-report" --format json - >"$TMP/chain.json"
  "$QB_BIN/qb-check" --json "$f" >"$TMP/check.json"
  test_cmp "$TMP/check.json" "$TMP/chain.json" "$name: qb-docx | qb-sections | qb-lint | qb-report = qb-check"
done
done_testing
