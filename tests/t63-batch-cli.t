#!/bin/sh
# qb-batch's command line: when the batch itself cannot run (no inbox, an outbox that
# cannot be written or lies inside the inbox, another batch on the same outbox, bad
# usage) exit 2 with one line on stderr and nothing written; an empty inbox is a
# batch like any other; --lang en; progress in place on a terminal.
. "$(dirname "$0")/lib/tap.sh"
. "$(dirname "$0")/lib/batch_inbox.sh"
export LC_ALL=C.UTF-8
cd "$TMP" || exit 1
mkdir tmp && export TMPDIR="$TMP/tmp"
Q="$QB_BIN/qb-batch"

"$Q" >/dev/null 2>err; is "$?" 2 "no arguments: exit 2"
grep -q '用法 usage' err; ok $? "with the usage on stderr"
"$Q" --help >out.txt 2>&1; is "$?" 0 "--help: exit 0"
grep -q -- '--package-seconds' out.txt; ok $? "listing the options"
"$Q" -j 0 a b >/dev/null 2>&1; is "$?" 2 "-j 0: exit 2"
"$Q" --lang fr a b >/dev/null 2>&1; is "$?" 2 "an unknown language: exit 2"
"$Q" --bogus a b >/dev/null 2>&1; is "$?" 2 "an unknown option: exit 2"
"$Q" --edition no-such-edition a b >/dev/null 2>&1; is "$?" 2 "an unknown edition: exit 2"
for d in 2024-02-30 2024-5-10 20240510 yesterday; do
  "$Q" --deadline "$d" a b >/dev/null 2>err || true
  grep -q "^qb-batch: --deadline: 应为 YYYY-MM-DD 或 none" err || { echo "# $d accepted"; bad_dl=1; }
done
ok "${bad_dl:-0}" "--deadline takes a real date YYYY-MM-DD or none (2024-02-30, 2024-5-10, 20240510, yesterday refused)"

"$Q" 无此收件箱 out >/dev/null 2>err; is "$?" 2 "a missing inbox: exit 2"
is "$(wc -l <err)" 1 "with one line on stderr"
grep -q '收件箱 无此收件箱 无法读取' err; ok $? "naming the inbox"
ok "$([ -e out ] && echo 1 || echo 0)" "and no outbox is made"

mkdir in && echo x >in/说明.txt
batch_snapshot in >before.txt
"$Q" in in/out >/dev/null 2>err; is "$?" 2 "an outbox inside the inbox: exit 2"
grep -q '输出文件夹不能与收件箱相同' err; ok $? "saying why"
"$Q" in in >/dev/null 2>&1; is "$?" 2 "the inbox as its own outbox: exit 2"
"$Q" in . >/dev/null 2>&1; is "$?" 2 "an outbox holding the inbox: exit 2"
batch_snapshot in >after.txt
test_cmp before.txt after.txt "the inbox is left untouched by all three"
echo file >afile
"$Q" in afile/out >/dev/null 2>err; is "$?" 2 "an outbox that cannot be made: exit 2"
is "$(wc -l <err)" 1 "with one line on stderr"

# Another batch holds the outbox: the second one does not interfere.
mkdir busy
flock busy/.qb-batch.lock sleep 5 &
locker=$!
sleep 0.3
"$Q" in busy >/dev/null 2>err; is "$?" 2 "another batch on the same outbox: exit 2"
grep -q '另一个 qb-batch 正在向 busy 输出' err; ok $? "saying so"
is "$(ls busy)" "" "and writing nothing there"
kill "$locker" 2>/dev/null
wait "$locker" 2>/dev/null

# An empty inbox is a batch of nothing: the summary files all the same.
mkdir empty
"$Q" empty eout 2>err; is "$?" 0 "an empty inbox: exit 0"
is "$(jq -c '[.packages, (.rows | length)]' eout/summary.json) $(grep -c . eout/summary.csv)" "[0,0] 1" \
   "the summary says 0 packages (the CSV has its header only)"
unzip -tq eout/summary.xlsx >/dev/null 2>&1; ok $? "and summary.xlsx is still a sound workbook"

# Leftovers of an interrupted run are cleared.
mkdir -p eout/.tmp-ABCDEF/out && echo x >eout/.tmp-ABCDEF/out/report.json
"$Q" empty eout 2>/dev/null
ok "$([ -e eout/.tmp-ABCDEF ] && echo 1 || echo 0)" "a temporary folder left by an interrupted run is removed"

# English.
batch_parts || exit 1
mkdir en && "$QB_BIN/mkzip" "en/$B_FAIL.zip" 申报书.docx=@parts/form.docx 典型经验材料.docx=@parts/over-abstract.docx
"$Q" --lang en en enout 2>err; is "$?" 0 "--lang en: exit 0"
grep -q "^\[1/1\] $B_FAIL.zip: fail (" err && grep -q 'done: 1 in all (1 checked' err; ok $? "the log is in English"
"$QB_BIN/qb-check" --json --lang en "en/$B_FAIL.zip" 2>/dev/null | cmp -s - "enout/$B_FAIL.zip/report.json"
ok $? "report.json is what qb-check --json --lang en prints"
head -1 enout/summary.csv | grep -q 'No.,Applicant,File,Scope,Benchmark,Contact,Phone,Received,Late,State,Result,Errors,Warnings'; ok $? "the summary's columns are in English"
unzip -p enout/summary.xlsx xl/workbook.xml | grep -q '<sheet name="Summary"'; ok $? "and its sheet is named Summary"

# On a terminal: one line rewritten in place; only what needs a person stays.
mkdir tty && cp "en/$B_FAIL.zip" tty/ && echo x >tty/说明.txt
if script -qec "true" /dev/null >/dev/null 2>&1; then
  script -qec "\"$Q\" tty ttyout" /dev/null >tty.txt 2>&1
  grep -q "$(printf '\r\033\\[K')\\[[0-2]/2\\] $B_FAIL.zip" tty.txt; ok $? "on a terminal: '[n/2] name' drawn over the line in place"
  is "$(grep -c "$B_FAIL.zip：不通过" tty.txt)" 0 "no line stays for a package that was checked"
  script -qec "\"$Q\" -j 1 tty ttyout1" /dev/null >tty1.txt 2>&1
  grep -q "\\[1/2\\] $B_FAIL.zip 完成  不通过 1 · 无法处理 0 · 约剩 [0-9]* 秒" tty1.txt
  ok $? "the line shows done/total, the failures so far and the time left"
  is "$(grep -c '/2\] 说明.txt：无法处理：不是申报包、文件夹或 Word 文件（这是文本文件）' tty.txt)" 1 "one stays for the input that could not be processed"
else
  skip "script(1) cannot make a terminal here"
  skip "script(1) cannot make a terminal here"
  skip "script(1) cannot make a terminal here"
fi
done_testing
