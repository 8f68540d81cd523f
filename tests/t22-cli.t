#!/bin/sh
# The programs' command lines: usage errors, missing files, bad rules files and bad
# models get exit 2 and one clear line on stderr.
. "$(dirname "$0")/lib/tap.sh"

"$QB_BIN/qb-check" >/dev/null 2>"$TMP/err"; is "$?" 2 "qb-check without input: exit 2"
grep -q '用法 usage' "$TMP/err"; ok $? "and prints its usage"
"$QB_BIN/qb-check" --bogus x.docx >/dev/null 2>&1; is "$?" 2 "an unknown option: exit 2"
"$QB_BIN/qb-check" --help >/dev/null 2>&1; is "$?" 0 "--help: exit 0"
"$QB_BIN/qb-check" "$TMP/无此文件.docx" >/dev/null 2>"$TMP/err"; is "$?" 2 "a missing file: exit 2"
is "$(wc -l <"$TMP/err")" 1 "with one line on stderr"
grep -q '无此文件.docx' "$TMP/err"; ok $? "that names the file"

printf 'not a zip at all\n' >"$TMP/假的.docx"
"$QB_BIN/qb-check" --json "$TMP/假的.docx" >"$TMP/o.json" 2>"$TMP/err"; is "$?" 2 "a text file named .docx: exit 2"
is "$(jq -r '.status + " " + .findings[0].rule' "$TMP/o.json")" "error package.format" "reported as package.format in JSON"

cat >"$TMP/bad.ini" <<'INI'
[edition]
base = caq-2023
name = mine
[limits]
abstract = 五百
INI
"$QB_BIN/qb-check" --edition "$TMP/bad.ini" "$TMP/假的.docx" >/dev/null 2>"$TMP/err"; is "$?" 2 "a bad rules file: exit 2"
grep -q 'bad.ini:5:' "$TMP/err"; ok $? "the message names line 5 ($(cat "$TMP/err"))"
grep -q 'bad.ini:5：abstract 应为不小于 0 的整数 (.*bad.ini:5: abstract: expected' "$TMP/err"
ok $? "in Chinese first, the English in brackets after it"

cat >"$TMP/good.ini" <<'INI'
[edition]
base = caq-2023
name = secretariat-2024
title = 2024 年试行
[limits]
abstract = 600
INI
"$QB_BIN/qb-check" --json --edition "$TMP/good.ini" "$TMP/假的.docx" >"$TMP/o.json" 2>/dev/null
is "$(jq -r '.edition + " " + (.counts.abstract.limit|tostring) + " " + (.counts.practice.limit|tostring)' "$TMP/o.json")" \
   "secretariat-2024 600 8000" "a secretariat's copy changes one limit and inherits the rest"
"$QB_BIN/qb-check" --edition no-such-edition "$TMP/假的.docx" >/dev/null 2>"$TMP/err"; is "$?" 2 "an unknown edition: exit 2"

printf '<qb-model version="1"><p table="99"/></qb-model>' >"$TMP/m.xml"
"$QB_BIN/qb-sections" "$TMP/m.xml" >/dev/null 2>&1; is "$?" 2 "qb-sections refuses a model with dangling indices"
printf '<html/>' >"$TMP/m2.xml"
"$QB_BIN/qb-report" "$TMP/m2.xml" >/dev/null 2>&1; is "$?" 2 "qb-report refuses what is not a model"
"$QB_BIN/qb-docx" "$TMP/假的.docx" >/dev/null 2>&1; is "$?" 2 "qb-docx refuses what is not a DOCX"
# every front end of the chain: --help on stdout with exit 0, bad usage on stderr with exit 2,
# and no file named after an option
mkdir "$TMP/cwd" && cd "$TMP/cwd" || exit 1
for p in qb-check qb-docx qb-sections qb-lint qb-report qb-render; do
  "$QB_BIN/$p" --help >"$TMP/o" 2>"$TMP/e"
  is "$?/$(grep -c '^用法 usage: '"$p" "$TMP/o")/$(wc -c <"$TMP/e" | tr -d ' ')" "0/1/0" "$p --help: usage on stdout, exit 0"
  "$QB_BIN/$p" --bogus x >"$TMP/o" 2>"$TMP/e"
  is "$?/$(wc -c <"$TMP/o" | tr -d ' ')/$(grep -c '^qb-.*--bogus' "$TMP/e")/$(grep -c '用法 usage' "$TMP/e")" "2/0/1/1" \
     "$p --bogus: the reason and the usage on stderr, exit 2"
done
"$QB_BIN/qb-check" x.docx --pdf >/dev/null 2>"$TMP/e"; is "$?/$(grep -c '^qb-check: 选项缺少参数 option needs a value: --pdf' "$TMP/e")" "2/1" \
   "an option without its value: exit 2, naming it"
"$QB_BIN/qb-render" rec.xml >/dev/null 2>"$TMP/e"; is "$?/$(grep -c -- '-o OUT.pdf is required' "$TMP/e")" "2/1" \
   "qb-render without -o: exit 2"
is "$(ls -A "$TMP/cwd" | wc -l | tr -d ' ')" 0 "no file is created in the working folder"
cd "$TMP" || exit 1
done_testing
