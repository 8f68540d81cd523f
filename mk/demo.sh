#!/bin/sh
# make demo — the applicant's job on the generated sample write-ups: qb-check each one
# and show the Chinese report. (The nightly batch takes this over once qb-batch lands.)
set -u
out=build/samples
mkdir -p "$out"
bin/mksample "$out" >/dev/null || { echo "demo: cannot generate samples" >&2; exit 1; }
for name in compliant-direct over-abstract missing-overview; do
  f="$out/$name.docx"
  [ -f "$f" ] || continue
  echo "================================================================"
  echo "\$ bin/qb-check $f"
  bin/qb-check "$f"
  echo "(exit status $?)"
done
echo "================================================================"
echo "Every sample: ls $out; JSON: bin/qb-check --json FILE; HTML: bin/qb-check --html report.html FILE"
