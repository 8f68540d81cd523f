#!/bin/sh
# What an inbox holds besides well-named packages: a folder sent as a package, a file
# whose name is GBK bytes, names with a line break or a summary file's name, a pipe, a
# later volume whose first volume never came, an incomplete set, hidden files and
# system debris. Each input gets its own folder (never shared, never a summary file's
# name) and a row, except hidden files and debris, which are counted and left alone.
. "$(dirname "$0")/lib/tap.sh"
. "$(dirname "$0")/lib/batch_inbox.sh"
export LC_ALL=C.UTF-8
cd "$TMP" || exit 1
mkdir tmp && export TMPDIR="$TMP/tmp"
batch_parts || { echo "1..0 # SKIP cannot build the packages"; exit 0; }
mkdir in "in/$B_PASS" sets
cp parts/form.docx "in/$B_PASS/申报书.docx"
cp parts/compliant-direct.docx "in/$B_PASS/典型经验材料.docx"
gbk=$(printf '\304\263\304\263\323\320\317\336\271\253\313\276.zip') # 某某有限公司.zip in GBK
"$QB_BIN/mkzip" --docx parts/form-gbk.docx "|申报单位|某某有限公司"
"$QB_BIN/mkzip" "in/$gbk" 申报书.docx=@parts/form-gbk.docx
echo a >in/summary.csv
echo b >"in/$(printf 'a\nb')"
mkfifo in/管道 2>/dev/null || skip_fifo=1
echo partial >in/.某某有限公司.rar.Xy12ab   # a sync tool's half-copied file
echo x >in/Thumbs.db
"$QB_BIN/mkzip" --docx parts/form-jia.docx "|申报单位|某某甲有限公司"
"$QB_BIN/mkzip" --docx parts/form-yi.docx "|申报单位|某某乙有限公司"
"$QB_BIN/mkrar" --volumes 3 "sets/某某甲有限公司.part%d.rar" 申报书.docx=@parts/form-jia.docx 'd.bin=%zeros:200000' 2>/dev/null
cp sets/某某甲有限公司.part2.rar in/        # its first volume never came
"$QB_BIN/mkrar" --volumes 3 "sets/某某乙有限公司.part%d.rar" 申报书.docx=@parts/form-yi.docx 'd.bin=%zeros:200000' 2>/dev/null
cp sets/某某乙有限公司.part1.rar sets/某某乙有限公司.part3.rar in/   # part2 is missing
batch_snapshot in >before.txt

timeout 120 "$QB_BIN/qb-batch" in out 2>err; rc=$?
is "$rc" 0 "an odd inbox: the batch runs to the end (exit 0, no hang on the pipe)"
rows=$(jq -r '.rows | length' out/summary.json)
want=7; [ -n "${skip_fifo:-}" ] && want=6
is "$rows" "$want" "a row for each input but the debris and the incomplete set's later volume"
grep -q '收件箱中的 2 个隐藏文件或系统文件未处理' err; ok $? "the hidden file and Thumbs.db are counted, not rows"
row() { jq -r --arg n "$1" ".rows[] | select(.input == \$n) | $2" out/summary.json; }

is "$(row "$B_PASS" '.status + " " + .folder')" "pass $B_PASS" "a folder is checked as a package"
"$QB_BIN/qb-check" --json "in/$B_PASS" 2>/dev/null | cmp -s - "out/$B_PASS/report.json"
ok $? "its report.json is qb-check's"
is "$(row 某某有限公司.zip .folder)" "某某有限公司.zip%gbk" "a GBK-named file: shown decoded, its folder marked %gbk"
is "$(row summary.csv .folder)" "summary%2Ecsv" "a stray file named summary.csv does not take the summary's place"
head -c 3 out/summary.csv | od -An -tx1 | tr -d ' ' | grep -q efbbbf; ok $? "(the top summary.csv is still the summary)"
is "$(row "$(printf 'a\357\277\275b')" .folder)" "a%0Ab" \
   "a line break in a name: shown as U+FFFD, escaped in the folder name"
is "$(jq -r '.rows[].folder' out/summary.json | sort | uniq -d | wc -l)" 0 "no two inputs share a folder"
if [ -z "${skip_fifo:-}" ]; then
  is "$(row 管道 .status) $(jq -r '.findings[0].rule' out/管道/report.json)" "error package.format" \
     "a pipe is never opened: an error row, package.format"
else
  skip "mkfifo is not available"
fi
is "$(row 某某甲有限公司.part2.rar .status)" fail \
   "a later volume whose set never came is a row (not silently dropped), the applicant's to fix: 不通过"
grep -q '请提交第一卷' "out/某某甲有限公司.part2.rar/report.json"; ok $? "saying to send the first volume"
is "$(row 某某乙有限公司.part1.rar .status) $(row 某某乙有限公司.part3.rar .status)" "fail " \
   "an incomplete set is one 不通过 row, its first volume's"
grep -q '缺少其中的分卷' "out/某某乙有限公司.part1.rar/report.json"; ok $? "saying a volume is missing"

# Every folder complete; every index link resolves; the inbox unchanged.
bad=0
for f in $(jq -r '.rows[].folder' out/summary.json | sed 's/ /?/g'); do
  for x in report.json report.html batch.json; do [ -s "out/$f/$x" ] || bad=$((bad + 1)); done
  [ "$(jq -r .dossier out/$f/batch.json)" = false ] || [ -s "out/$f/dossier.pdf" ] || bad=$((bad + 1))
done
is "$bad" 0 "every row's folder holds its reports, stamp, and its dossier unless a stray file's"
bad=0
for href in $(grep -o 'href="[^#"][^"]*"' out/index.html | sed 's/^href="//; s/"$//'); do
  path=$(echo "$href" | perl -pe 's/%([0-9A-F]{2})/chr(hex($1))/ge')
  [ -f "out/$path" ] || bad=$((bad + 1))
done
is "$bad" 0 "every link of index.html resolves, escaped names included"
grep -q '<td class="f">a.b</td>' out/index.html; ok $? "the line break is not written raw into the index (shown as U+FFFD)"
batch_snapshot in >after.txt
test_cmp before.txt after.txt "the inbox is unchanged"
done_testing
