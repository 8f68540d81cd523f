#!/bin/sh
# t10-samples — bin/mksample, the generator of the sample write-ups every other test uses:
# it writes every sample it lists, the same bytes on every run; samples/README.md states
# the figures and findings it was built to (--expect, --findings); the count samples sit
# where their names say against the limits; and each file opens with the project's reader.
. "$(dirname "$0")/lib/tap.sh"
readme="$TESTS_DIR/../samples/README.md"
mk="$QB_BIN/mksample"
out="${QB_SAMPLES:-$TMP/samples}/t10"
rm -rf "$out"
mkdir -p "$out" || exit 1
diag() { [ -n "$1" ] && printf '%s\n' "$1" | sed 's/^/#   /'; return 0; }
names() { cat "$out/names"; }

# the list: one "name<TAB>description" per sample, names unique
"$mk" --list >"$out/list" 2>"$out/err"; rc=$?
cut -f1 "$out/list" >"$out/names"
total=$(wc -l <"$out/names")
uniq=$(sort -u "$out/names" | wc -l)
nodesc=$(awk -F '\t' 'NF < 2 || $2 == ""' "$out/list" | wc -l)
[ $rc -eq 0 ] && [ "$total" -ge 30 ] && [ "$uniq" -eq "$total" ] && [ "$nodesc" -eq 0 ]
st=$?; ok $st "mksample --list names $total samples, each once, each with a description"
[ $st -eq 0 ] || diag "$(cat "$out/err")"

# a run writes exactly the listed samples
"$mk" "$out/a" 2>"$out/err"; rc=$?
ls "$out/a" 2>/dev/null | sed 's/\.docx$//' | sort >"$out/written"
sort "$out/names" | diff - "$out/written" >"$out/diff"
[ $rc -eq 0 ] && [ ! -s "$out/diff" ]
st=$?; ok $st "mksample OUTDIR writes one .docx per listed sample and nothing else"
[ $st -eq 0 ] || diag "$(cat "$out/err" "$out/diff")"

# deterministic: a second run, in another time zone, gives the same bytes
TZ=Asia/Shanghai "$mk" "$out/b" 2>/dev/null
differ=""
for f in $(names); do cmp -s "$out/a/$f.docx" "$out/b/$f.docx" || differ="$differ $f"; done
is "$differ" "" "two runs give byte-identical files"

# named samples only, the same bytes as in the full run
"$mk" "$out/one" compliant-direct over-title 2>/dev/null; rc=$?
got=$(ls "$out/one" | tr '\n' ' ')
[ $rc -eq 0 ] && [ "$got" = "compliant-direct.docx over-title.docx " ] &&
  cmp -s "$out/one/over-title.docx" "$out/a/over-title.docx"
st=$?; ok $st "mksample OUTDIR NAME… writes only those, the same bytes"
[ $st -eq 0 ] || diag "got: $got"

# --expect: the five sections in order, two integers each, 字数 <= characters
bad=""
for f in $(names); do
  "$mk" --expect "$f" >"$out/expect.$f" 2>/dev/null || { bad="$bad $f(exit)"; continue; }
  keys=$(cut -d' ' -f1 "$out/expect.$f" | tr '\n' ' ')
  [ "$keys" = "title abstract overview practice results " ] || bad="$bad $f(keys)"
  awk 'NF != 3 || $2 !~ /^[0-9]+$/ || $3 !~ /^[0-9]+$/ || $2 + 0 > $3 + 0 { exit 1 }' "$out/expect.$f" ||
    bad="$bad $f(figures)"
done
is "$bad" "" "--expect gives title/abstract/overview/practice/results with count <= chars, every sample"

# samples/README.md states the same figures ("count / chars" per section) …
sed -n '/^## Expected figures/,/^## [^E]/p' "$readme" >"$out/figtable"
bad=""
for f in $(names); do
  row=$(grep -F "| \`$f\` |" "$out/figtable" | head -1)
  want=$(awk '{ printf "%s / %s|", $2, $3 }' "$out/expect.$f")
  have=$(printf '%s\n' "$row" | awk -F '|' '{ for (i = 3; i <= 7; i++) { gsub(/^ +| +$/, "", $i); printf "%s|", $i } }')
  [ -n "$row" ] && [ "$want" = "$have" ] || bad="$bad $f(readme $have built $want)"
done
is "$bad" "" "samples/README.md gives every sample's figures as built"

# … and the same expected findings as --findings
sed -n '/^## Samples/,/^## [^S]/p' "$readme" >"$out/sampletable"
bad=""
for f in $(names); do
  row=$(grep -F "| \`$f\` |" "$out/sampletable" | head -1)
  want=$("$mk" --findings "$f" | sed 's/^/`/; s/$/`/' | tr '\n' ';' | sed 's/;$//; s/;/; /g')
  [ -z "$want" ] && want="—"
  have=$(printf '%s\n' "$row" | awk -F '|' '{ gsub(/^ +| +$/, "", $5); print $5 }')
  [ -n "$row" ] && [ "$want" = "$have" ] || bad="$bad $f(readme $have built $want)"
done
is "$bad" "" "samples/README.md gives every sample's expected findings as built"

# over-X is over X's limit and nothing else is (limits 40/500/500/8000/2000); clean samples
# promise no finding, defect samples at least one
bad=""
for f in $(names); do
  over=$(awk 'BEGIN { l["title"] = 40; l["abstract"] = 500; l["overview"] = 500; l["practice"] = 8000; l["results"] = 2000 }
              $2 > l[$1] { printf "%s ", $1 }' "$out/expect.$f")
  case "$f" in
  over-*) [ "$over" = "${f#over-} " ] || bad="$bad $f(over: $over)" ;;
  *) [ -z "$over" ] || bad="$bad $f(over: $over)" ;;
  esac
  fnd=$("$mk" --findings "$f")
  case "$f" in
  # an inline "摘要：" cannot be centred: the one named-compliant sample with a format finding
  compliant-inline-abstract) [ "$fnd" = "format.abstract-heading error" ] || bad="$bad $f($fnd)" ;;
  over-* | missing-* | bad-title-* | fmt-*) [ -n "$fnd" ] || bad="$bad $f(no finding)" ;;
  compliant-* | edge-* | long-*) [ -z "$fnd" ] || bad="$bad $f(finding)" ;;
  esac
done
is "$bad" "" "over-X exceeds exactly X's limit, every other sample stays within"
is "$(awk '{ printf "%s ", $2 }' "$out/expect.edge-limits")" "40 500 500 8000 2000 " \
  "edge-limits sits exactly on every limit"
is "$(awk '$1 == "practice" { print $2 }' "$out/expect.long-8000")" "7990" \
  "long-8000's 推进和应用情况 is 7990 字"

# a wrong name is refused before anything is written; bad usage exits 2
"$mk" "$out/bad" compliant-direct no-such-sample >/dev/null 2>"$out/err"; rc=$?
[ $rc -eq 2 ] && [ ! -e "$out/bad" ] && grep -q "no-such-sample" "$out/err"
ok $? "an unknown sample name exits 2, names it, writes nothing"
"$mk" >/dev/null 2>&1; r1=$?
"$mk" --expect >/dev/null 2>&1; r2=$?
is "$r1 $r2" "2 2" "no arguments / --expect without a name exit 2"

# every file opens with the project's DOCX opener and all its XML parses
if [ -x "${QB_UNIT:-}/samples_open.t" ]; then
  "$QB_UNIT/samples_open.t" "$out"/a/*.docx >"$out/open" 2>&1; rc=$?
  [ $rc -eq 0 ] && ! grep -q '^not ok' "$out/open" && [ "$(grep -c '^ok' "$out/open")" -eq "$total" ]
  st=$?; ok $st "every sample opens (samples_open.t on each file)"
  [ $st -eq 0 ] || diag "$(grep -A1 '^not ok' "$out/open")"
else
  skip "QB_UNIT/samples_open.t not built"
fi
done_testing
