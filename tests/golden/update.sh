#!/bin/sh
# Regenerate the golden outputs from the current programs. Review `git diff tests/golden`
# before committing: a golden file is a claim about what the stage must produce.
set -eu
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bin/mksample "$tmp" >/dev/null
# the record holds the date received (the file's mtime): fixed, so the golden files are too
touch -d 2024-01-01T00:00:00Z "$tmp"/*.docx
for name in compliant-direct compliant-inline-abstract tracked-changes textbox-footnote over-abstract missing-overview; do
  [ -f "$tmp/$name.docx" ] || { echo "no sample $name" >&2; continue; }
  (cd "$tmp" && "$OLDPWD/bin/qb-docx" "$name.docx") > "tests/golden/$name.docx.xml"
  bin/qb-sections "tests/golden/$name.docx.xml" > "tests/golden/$name.sections.xml"
  bin/qb-report --format json "tests/golden/$name.sections.xml" > "tests/golden/$name.json" || true
done
