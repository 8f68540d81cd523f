#!/bin/sh
# qb-lint as a command: usage and exit status, the stage chain through models, and
# requirements that come from the edition file alone.
. "$(dirname "$0")/lib/tap.sh"

L="$QB_BIN/qb-lint"
"$L" --help >"$TMP/o" 2>/dev/null; is "$?/$(grep -c '^用法 usage: qb-lint' "$TMP/o")" "0/1" "--help: usage on stdout, exit 0"
"$L" >/dev/null 2>&1; is "$?" 2 "no input: exit 2"
"$L" --frobnicate x.docx >/dev/null 2>&1; is "$?" 2 "unknown option: exit 2"
"$L" --json --model x.docx >/dev/null 2>&1; is "$?" 2 "--json and --model together: exit 2"
"$L" "$TMP/nonexistent.docx" >"$TMP/o" 2>"$TMP/e"
is "$?/$(wc -l <"$TMP/e" | tr -d ' ')/$(wc -c <"$TMP/o" | tr -d ' ')" "2/1/0" "missing file: exit 2, one line on stderr"
printf 'not a document' >"$TMP/junk.docx"
"$L" "$TMP/junk.docx" >/dev/null 2>"$TMP/e"; is "$?/$(wc -l <"$TMP/e" | tr -d ' ')" "2/1" "junk: exit 2, one line"
"$L" --edition no-such-edition "$TMP/junk.docx" >/dev/null 2>&1; is "$?" 2 "unknown edition: exit 2"

if [ ! -x "$QB_BIN/mksample" ]; then skip "bin/mksample not built"; done_testing; exit; fi
S="$TMP/s"; mkdir -p "$S"
"$QB_BIN/mksample" "$S" compliant-direct fmt-body-font fmt-title-size >/dev/null 2>&1
"$L" "$S/compliant-direct.docx" >"$TMP/o" 2>/dev/null
is "$?/$(grep -c '^format\.' "$TMP/o")" "0/0" "compliant sample: exit 0, no format finding"
"$L" "$S/fmt-title-size.docx" >/dev/null 2>&1; is "$?" 1 "a sample with an error-level finding: exit 1"

# the chain: qb-docx | qb-sections | qb-lint --model | qb-lint - (already linted: unchanged)
"$L" "$S/fmt-body-font.docx" >"$TMP/direct.tsv" 2>/dev/null
"$QB_BIN/qb-docx" "$S/fmt-body-font.docx" | "$QB_BIN/qb-sections" | "$L" --model - >"$TMP/m.xml" 2>/dev/null
is "$?" 1 "qb-docx | qb-sections | qb-lint --model: exit 1 (error-level findings)"
grep -c '<finding rule="format.body-font"' "$TMP/m.xml" >"$TMP/n"
is "$(cat "$TMP/n")" 4 "the model carries the four format.body-font findings"
"$L" "$TMP/m.xml" >"$TMP/again.tsv" 2>/dev/null
test_cmp "$TMP/direct.tsv" "$TMP/again.tsv" "linting a linted model again changes nothing"
"$L" --json "$S/fmt-body-font.docx" >"$TMP/o.json" 2>/dev/null
is "$(jq -r '[.findings[] | select(.rule == "format.body-font") | .section] | join(",")' "$TMP/o.json")" \
   "abstract,overview,practice,results" "--json: one format.body-font finding per section, with its section"

# Every requirement comes from the edition: a copy that asks for 仿宋 turns the verdicts round.
cat >"$TMP/fangsong.ini" <<'INI'
[edition]
base = caq-2023
name = fangsong-test
title = 仿宋正文的测试版本

[format]
body_font = 仿宋
INI
"$L" --edition "$TMP/fangsong.ini" "$S/fmt-body-font.docx" >"$TMP/o" 2>/dev/null
is "$(grep -c '^format\.body-font' "$TMP/o")" 0 "edition asking for 仿宋: the 仿宋 sample passes the body-font rule"
"$L" --edition "$TMP/fangsong.ini" "$S/compliant-direct.docx" >"$TMP/o" 2>/dev/null
grep '^format\.body-font' "$TMP/o" | head -1 | grep -q '字体为“宋体”.*应为“仿宋”'
ok $? "…and the 宋体 sample fails it, the message naming 仿宋 as required"
cat >"$TMP/nosize.ini" <<'INI'
[edition]
base = caq-2023
name = stray-test
title = 严格版本

[format]
stray_share_percent = 0
INI
"$QB_BIN/mksample" "$S" fmt-body-stray-run >/dev/null 2>&1
"$L" --edition "$TMP/nosize.ini" "$S/fmt-body-stray-run.docx" 2>/dev/null | awk -F'\t' '$1 == "format.body-font" {print $2}' >"$TMP/o"
is "$(cat "$TMP/o")" "error" "stray_share_percent = 0 in the edition: even a stray run is an error"
done_testing
