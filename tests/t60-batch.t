#!/bin/sh
# qb-batch over an inbox as the secretariat finds it: every package gets its folder with
# report.json (exactly qb-check --json), report.html and dossier.pdf; the 汇总表 (XLSX),
# CSV, JSON and index.html list every input in name order — the broken ones as "error"
# rows, the later volumes of a set not at all; the inbox is left exactly as it was.
. "$(dirname "$0")/lib/tap.sh"
. "$(dirname "$0")/lib/batch_inbox.sh"
export LC_ALL=C.UTF-8
cd "$TMP" || exit 1
mkdir tmp && export TMPDIR="$TMP/tmp"
batch_inbox in || { echo "1..0 # SKIP cannot build the inbox"; exit 0; }
batch_snapshot in >before.txt

"$QB_BIN/qb-batch" -j 2 in out >stdout 2>err
is "$?" 0 "the batch runs to the end: exit 0 (though packages fail their checks)"
is "$(wc -c <stdout)" 0 "nothing on stdout: messages go to stderr"
grep -q '完成：共 5 项（本次检查 5 项，未变化跳过 0 项）；通过 2，不通过 2，无法处理 1' err
ok $? "the closing line counts 5 rows: 2 pass, 2 fail (one a damaged ZIP), 1 not processed (the stray file)"
is "$(grep -c '^\[[1-5]/5\] ' err)" 5 "one progress line per package when stderr is not a terminal"

# The rows: every input but the later volumes, in Chinese order of the applicant (pinyin:
# 多 duo, 机 ji, 截 jie, 精 jing; the stray file by its name, 说 shuo).
want_inputs="$B_VOL.part1.rar
$B_FAIL.zip
某某截断有限公司.zip
$B_PASS.rar
说明.txt"
is "$(jq -r '.rows[].input' out/summary.json)" "$want_inputs" "summary.json lists the 5 inputs in Chinese (pinyin) order"
is "$(jq -r '[.rows[].input | select(test("part[23]"))] | length' out/summary.json)" 0 \
   "the later volumes of the set are not rows of their own"
is "$(jq -r '[.rows[].no] | join(",")' out/summary.json)" "1,2,3,4,5" "rows are numbered 1 to 5"

# Each row's folder: the three files; report.json exactly what qb-check --json prints.
complete=0 same=0 rows_match=0
for name in $want_inputs; do
  dir=out/$(jq -r --arg n "$name" '.rows[] | select(.input == $n) | .folder' out/summary.json)
  [ -s "$dir/report.json" ] && [ -s "$dir/report.html" ] && { [ -s "$dir/dossier.pdf" ] || [ "$name" = 说明.txt ]; } &&
    complete=$((complete + 1))
  "$QB_BIN/qb-check" --json "in/$name" >check.json 2>/dev/null
  cmp -s check.json "$dir/report.json" && same=$((same + 1))
  # the batch's verdict: an input with an error finding against it is 不通过 (fail) even
  # when qb-check could not process it (a damaged package is the applicant's to resend)
  want=$(jq -r '"\(if .status == "error" and ([.findings[] | select(.severity == "error")] | length) > 0 then "fail" else .status end) \([.findings[] | select(.severity == "error")] | length) \([.findings[] | select(.severity == "warning")] | length)"' check.json)
  got=$(jq -r --arg n "$name" '.rows[] | select(.input == $n) | "\(.status) \(.errors) \(.warnings)"' out/summary.json)
  [ "$want" = "$got" ] && rows_match=$((rows_match + 1))
done
is "$complete" 5 "every row's folder holds report.json, report.html and dossier.pdf (a stray file: no dossier)"
is "$same" 4 "every report.json is byte for byte what qb-check --json prints for the same input"
is "$rows_match" 4 "every row's status, errors and warnings are those of qb-check"

st() { jq -r --arg n "$1" '.rows[] | select(.input == $n) | .status' out/summary.json; }
is "$(st "$B_PASS.rar") $(st "$B_VOL.part1.rar") $(st "$B_FAIL.zip")" "pass pass fail" \
   "the clean package and the three-volume set pass; the over-long abstract fails"
is "$(st 某某截断有限公司.zip) $(st 说明.txt)" "fail error" "a ZIP cut short is 不通过 (the applicant's), a stray text file 无法处理"
vdir=out/$(jq -r --arg n "$B_VOL.part1.rar" '.rows[] | select(.input == $n) | .folder' out/summary.json)
is "$(jq -r '.volumes' "$vdir/batch.json")" "$B_VOL.part1.rar, $B_VOL.part2.rar, $B_VOL.part3.rar" \
   "the set's folder records its three volumes"
is "$(jq -r '.rows[] | select(.input == "说明.txt") | .problems' out/summary.json)" \
   "不是申报包、文件夹或 Word 文件（这是文本文件），未检查；如属申报材料，请放入申报单位的压缩包" \
   "the stray file's row says what it is, once (batch.stray), no name check"
pdir=out/$(jq -r --arg n "$B_PASS.rar" '.rows[] | select(.input == $n) | .folder' out/summary.json)
is "$(jq -r .sha256 "$pdir/batch.json")" "$(sha256sum <"in/$B_PASS.rar" | cut -d' ' -f1)" \
   "the package folder records the input's SHA-256"
pdftotext "$pdir/dossier.pdf" - 2>/dev/null | tr -d ' \n' | grep -q "$B_PASS"
ok $? "the dossier names the applicant"

# summary.csv: BOM, RFC 4180, the same rows.
is "$(head -c 3 out/summary.csv | od -An -tx1 | tr -d ' ')" "efbbbf" "summary.csv starts with a UTF-8 BOM"
is "$(head -1 out/summary.csv | tail -c +4 | tr -d '\r')" \
   "序号,申报单位,文件名,遴选范围,质量标杆名称,联系人,联系电话,收件时间,逾期,状态,结论,错误,警告,标题字数,摘要字数,企业概况字数,推进和应用情况字数,实施效果字数,主要问题" \
   "its header row names the columns in Chinese"
is "$(grep -c "$(printf '\r')\$" out/summary.csv)" 6 "a header and 5 rows, each ending CRLF"
is "$(grep ",$B_PASS,$B_PASS.rar," out/summary.csv | cut -d, -f3,10-13)" "$B_PASS.rar,当前,通过,0,0" \
   "the clean package's row: file, 当前, 通过, 0 errors, 0 warnings"
words=$("$QB_BIN/mksample" --expect compliant-direct | awk '$1=="practice"{print $2}')
is "$(grep ",$B_PASS,$B_PASS.rar," out/summary.csv | cut -d, -f17)" "$words" "and the write-up's 推进和应用情况 count"

# summary.xlsx: a valid workbook, the sheet 汇总表, the names in it, a fixed document time.
unzip -tq out/summary.xlsx >/dev/null 2>&1; ok $? "summary.xlsx is a sound ZIP (unzip -t)"
unzip -p out/summary.xlsx xl/workbook.xml | grep -q '<sheet name="汇总表"'; ok $? "its sheet is named 汇总表"
unzip -p out/summary.xlsx xl/sharedStrings.xml >strings.xml
grep -q "<t>$B_PASS</t>" strings.xml; ok $? "sharedStrings.xml holds the applicant's name"
grep -q "<t>推进和应用情况字数</t>" strings.xml; ok $? "and the column headings"
unzip -p out/summary.xlsx xl/worksheets/sheet1.xml >sheet.xml
grep -q '<pane ySplit="1"' sheet.xml; ok $? "the header row is frozen"
grep -q '<autoFilter ref="A1:S6"/>' sheet.xml; ok $? "an autofilter covers the header and the 5 rows"
newest=$(for f in in/*; do stat -c %Y "$f"; done | sort -n | tail -1)
unzip -p out/summary.xlsx docProps/core.xml | grep -q "<dcterms:created xsi:type=\"dcterms:W3CDTF\">$(date -u -d "@$newest" +%Y-%m-%dT%H:%M:%SZ)<"
ok $? "its creation time is the newest input's mtime, not the clock"

# index.html: escaped, offline, a link to each row's report and dossier, all resolving.
is "$(grep -c '^<tr id="r-' out/index.html)" 5 "index.html has a table row per input"
grep -q '<script [^>]*src\|<link \|https\?://\|url(' out/index.html; ok "$((1 - $?))" "one offline file: no script, style or link fetched"
bad=0
for href in $(grep -o 'href="[^#"][^"]*"' out/index.html | sed 's/^href="//; s/"$//'); do
  path=$(echo "$href" | perl -pe 's/%([0-9A-F]{2})/chr(hex($1))/ge')
  [ -f "out/$path" ] || { bad=$((bad + 1)); echo "# dangling link: $href"; }
done
is "$(grep -o 'href="[^#]' out/index.html | wc -l) $bad" "9 0" "its 9 links (report, dossier per row; no dossier for the stray file) all resolve"
grep -q 'class="v pass">通过</td>' out/index.html && grep -q 'class="v error">无法处理</td>' out/index.html
ok $? "verdict cells carry their status colour"

# The inbox is never modified; nothing is left behind.
batch_snapshot in >after.txt
test_cmp before.txt after.txt "the inbox is unchanged (SHA-256 and full-iso listing)"
is "$(ls -A out | grep -c '^\.tmp-')" 0 "no temporary folder is left in the outbox"
is "$(ls -A tmp | wc -l)" 0 "no working folder is left in \$TMPDIR"
done_testing
