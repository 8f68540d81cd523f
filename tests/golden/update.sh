#!/bin/sh
# Regenerate the golden outputs from the current programs. Review `git diff tests/golden`
# before committing: a golden file is a claim about what the stage must produce.
#
# This is the one place that knows how a golden file is made: tests/t21-golden-stages.t sources
# it (QB_GOLDEN_DEFS_ONLY=1) for the list of samples and the command of each stage, and runs
# each stage alone on the checked-in output of the stage before it.
#   NAME.docx.xml       qb-docx NAME.docx (the application record of the write-up as read)
#   NAME.sections.xml   qb-sections NAME.docx.xml
#   NAME.json           qb-report --format json NAME.sections.xml
#   NAME.lint.xml       qb-lint --model NAME.sections.xml (the format findings added)
GOLDEN_SAMPLES="compliant-direct compliant-inline-abstract tracked-changes textbox-footnote
  over-abstract missing-overview fmt-body-font fmt-caption-numbering
  layout-toc-field layout-title-subtitle layout-form-table"

# Each stage: its input, its output on stdout; exit 0 or 1 (error-level findings) is success.
# SAMPLE.docx: run on a copy whose mtime (the record's date received) is fixed, in a folder of
# its own (the record names the input relatively: no path of this machine in it)
golden_docx() {
  gd=$(mktemp -d) && cp "$1" "$gd/" && touch -d 2024-01-01T00:00:00Z "$gd/${1##*/}" || return 2
  grc=0; (cd "$gd" && "$QB_BIN/qb-docx" "${1##*/}") || grc=$?
  rm -rf "$gd"; return $grc
}
golden_sections() { "$QB_BIN/qb-sections" "$1"; }                                  # NAME.docx.xml
golden_report() { "$QB_BIN/qb-report" --format json "$1"; }                        # NAME.sections.xml
golden_lint() { "$QB_BIN/qb-lint" --model "$1"; }                                  # NAME.sections.xml

[ "${QB_GOLDEN_DEFS_ONLY:-}" = 1 ] && return 0

set -eu
cd "$(dirname "$0")/../.."
QB_BIN=$PWD/bin
g=tests/golden
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bin/mksample "$tmp" >/dev/null
# run STAGE INPUT OUTPUT — a stage that could not process its input (exit 2 or worse) stops here
run() {
  rc=0
  "$1" "$2" >"$3" || rc=$?
  [ "$rc" -le 1 ] || { echo "update.sh: $1 $2: exit $rc" >&2; exit 1; }
}
for name in $GOLDEN_SAMPLES; do
  [ -f "$tmp/$name.docx" ] || { echo "update.sh: no sample $name" >&2; exit 1; }
  run golden_docx "$tmp/$name.docx" "$g/$name.docx.xml"
  run golden_sections "$g/$name.docx.xml" "$g/$name.sections.xml"
  run golden_report "$g/$name.sections.xml" "$g/$name.json"
  run golden_lint "$g/$name.sections.xml" "$g/$name.lint.xml"
done
echo "golden files of $(echo $GOLDEN_SAMPLES | wc -w) samples written to $g; now review: git diff $g"
