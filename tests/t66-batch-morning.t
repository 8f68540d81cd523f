#!/bin/sh
# The secretariat's morning (issue 12): an inbox with resubmissions (two and three
# versions), a late arrival, two scopes, stray files of each kind, damaged archives of
# each reader and a form value that looks like a formula. The sheet is read back with a
# real XLSX reader (python3's zipfile + xml), the packets with qpdf and pdfinfo, the
# notices with our own DOCX reader.
. "$(dirname "$0")/lib/tap.sh"
. "$(dirname "$0")/lib/batch_inbox.sh"
export LC_ALL=C.UTF-8
cd "$TMP" || exit 1
mkdir tmp && export TMPDIR="$TMP/tmp"
batch_morning in || { echo "1..0 # SKIP cannot build the inbox"; exit 0; }
batch_snapshot in >before.txt

"$QB_BIN/qb-batch" -j 2 --deadline 2024-05-10 --packets --notices in out >stdout 2>err
is "$?" 0 "the batch runs to the end (exit 0)"
row() { jq -r --arg n "$1" ".rows[] | select(.input == \$n) | $2" out/summary.json; }

# Order: Chinese (pinyin) order of the applicant, the file name for rows without one;
# versions of one applicant by receipt time; Latin text ("=HYPERLINK…") before Han.
want="某某公式有限公司.zip
安徽某某科技有限公司.zip
空文件.docx
名单.xlsx
$B_FAIL.zip
$B_FAIL-v2.zip
$B_FAIL（第三版）.zip
某某截断二有限公司.rar
某某截断三有限公司.7z
某某截断四有限公司.rar
某某截断一有限公司.zip
$B_PASS.zip
$B_PASS（修改稿）.rar
$M_S.zip
说明.txt
推荐函.pdf
照片.png"
is "$(jq -r '.rows[].input' out/summary.json)" "$want" "rows in Chinese order (安 an … 上 shang … 照 zhao), versions by receipt time"

# Resubmissions: the newest by receipt time is current; earlier ones are kept, 已被替代,
# linking the successor, out of the counts.
is "$(row "$B_FAIL.zip" '.state + " " + .superseded_by') $(row "$B_FAIL-v2.zip" '.state + " " + .superseded_by')" \
   "superseded $B_FAIL（第三版）.zip superseded $B_FAIL（第三版）.zip" "three versions: the first two superseded by the third"
is "$(row "$B_FAIL（第三版）.zip" .state) $(row "$B_PASS（修改稿）.rar" .state) $(row "$B_PASS.zip" .state)" \
   "current current superseded" "two versions: the 修改稿 is current"
is "$(jq -r '"\(.packages) \(.pass) \(.fail) \(.error) \(.superseded) \(.late)"' out/summary.json)" "17 2 7 5 3 1" \
   "17 rows; current: 2 pass, 7 fail, 5 not processed; 3 superseded (not counted); 1 late"
grep -q '完成：共 17 项（本次检查 17 项，未变化跳过 0 项）；通过 2，不通过 7，无法处理 5' err
ok $? "the closing line counts the current packages"
grep -q '已被替代的旧版本 3 项（不计入）；逾期的当前申报包 1 项' err; ok $? "and says how many were superseded and late"

# Deadlines: received after 2024-05-10 (Beijing time) is 逾期, still checked.
is "$(row "$M_A.zip" '"\(.late) \(.received) \(.status) \(.warnings)"')" "true 2024-05-11 00:30 pass 1" \
   "安徽 (00:30 Beijing the day after): late, still checked and passed, a batch.late warning"
row "$M_A.zip" .problems | grep -q '^逾期：收件时间 2024-05-11 00:30 晚于截止日期 2024-05-10'; ok $? "saying when it came"
is "$(row "$M_S.zip" '"\(.late) \(.received)"')" "false 2024-05-10 23:30" "上海 (23:30 Beijing on the deadline): on time"

# Scopes and the form's fields.
is "$(row "$M_A.zip" .scope)" "$M_SCOPE2" "遴选范围 from the form"
is "$(row "$M_A.zip" .name)" "某某精工机械制造有限公司实施六西格玛设计的经验" "质量标杆名称: the form's field (else the write-up's title line)"
is "$(row "$M_A.zip" '"\(.contact) \(.phone)"')" "李某某 0451-86123456" "联系人, 联系电话: the form's fields"

# Stray files: one 无法处理 row saying what it is; no name check, no dossier.
strays=0
for f in 推荐函.pdf:PDF 说明.txt:文本文件 照片.png:图片 名单.xlsx:Excel 空文件.docx:空文件; do
  name=${f%%:*} kind=${f#*:}
  dir=out/$(row "$name" .folder)
  [ "$(row "$name" .status)" = error ] && row "$name" .problems | grep -q "^不是申报包、文件夹或 Word 文件（这是$kind" &&
    [ "$(jq -r '[.findings[].rule] | join(",")' "$dir/report.json")" = batch.stray ] && [ ! -e "$dir/dossier.pdf" ] &&
    strays=$((strays + 1))
done
is "$strays" 5 "a PDF, a text, a picture, an Excel sheet and an empty file: 无法处理, what it is, batch.stray only, no dossier"

# Damaged archives: one verdict whichever reader found the damage (libzip, libarchive, unar).
is "$(for n in 某某截断一有限公司.zip 某某截断二有限公司.rar 某某截断三有限公司.7z 某某截断四有限公司.rar; do row "$n" .status; done | sort | uniq -c | tr -s ' ')" \
   " 4 fail" "four damaged packages, four readers: all 不通过 (the applicant's to resend)"

# summary.xlsx read back with a real reader.
if command -v python3 >/dev/null 2>&1; then
  python3 - out/summary.xlsx >xlsx.txt <<'PY'
import sys, zipfile, re
import xml.etree.ElementTree as ET
ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
z = zipfile.ZipFile(sys.argv[1])
strings = ["".join(t.text or "" for t in si.iter("{%s}t" % ns["m"]))
           for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", ns)]
sheet = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
rows = []
for r in sheet.find("m:sheetData", ns).findall("m:row", ns):
    cells = {}
    for c in r.findall("m:c", ns):
        col = re.match(r"[A-Z]+", c.get("r")).group(0)
        if c.find("m:f", ns) is not None:
            cells[col] = "FORMULA"
            continue
        v = c.find("m:v", ns)
        cells[col] = strings[int(v.text)] if c.get("t") == "s" else (v.text if v is not None else "")
    rows.append(cells)
print("header", "|".join(rows[0].get(chr(65 + i), "") for i in range(19)))
for r in rows[1:]:
    print("row", r.get("B", ""), r.get("C", ""), r.get("I", ""), r.get("J", ""), r.get("K", ""), sep="|")
ps = sheet.find("m:pageSetup", ns)
print("page", ps.get("paperSize"), ps.get("orientation"), ps.get("fitToWidth", "1"), ps.get("fitToHeight"))
print("fit", sheet.find("m:sheetPr/m:pageSetUpPr", ns).get("fitToPage"))
wb = ET.fromstring(z.read("xl/workbook.xml"))
for d in wb.iter("{%s}definedName" % ns["m"]):
    print("defined", d.get("name"), d.text)
rels = {r.get("Id"): r.get("Target") for r in ET.fromstring(z.read("xl/worksheets/_rels/sheet1.xml.rels"))}
for h in sheet.iter("{%s}hyperlink" % ns["m"]):
    print("link", h.get("ref"), rels[h.get("{%s}id" % ns["r"])])
print("widths", len(sheet.find("m:cols", ns)))
print("header-footer", sheet.find("m:headerFooter/m:oddHeader", ns).text)
PY
  is "$(grep '^header ' xlsx.txt)" \
     "header 序号|申报单位|文件名|遴选范围|质量标杆名称|联系人|联系电话|收件时间|逾期|状态|结论|错误|警告|标题字数|摘要字数|企业概况字数|推进和应用情况字数|实施效果字数|主要问题" \
     "the sheet's 19 columns, read back"
  is "$(grep -c '^row' xlsx.txt)" 17 "17 rows under the header"
  is "$(grep '^row' xlsx.txt | cut -d'|' -f3 | tr '\n' ' ')" "$(echo "$want" | tr '\n' ' ')" "in the same Chinese order"
  is "$(grep "^row|$B_FAIL|$B_FAIL-v2.zip|" xlsx.txt | cut -d'|' -f4-6)" "|已被替代|不通过" "a superseded row: 状态 已被替代"
  is "$(grep "^row|$M_A|" xlsx.txt | cut -d'|' -f4-6)" "逾期|当前|通过" "the late row: 逾期, 当前, 通过"
  grep -qF "row|$M_F|某某公式有限公司.zip|" xlsx.txt; ok $? "the formula-like applicant is a text cell, exactly as the form wrote it (colon kept)"
  grep -q 'FORMULA' xlsx.txt; ok "$((1 - $?))" "no cell of the sheet is a formula"
  is "$(grep '^page' xlsx.txt)" "page 9 landscape 1 0" "printing: A4 (9), landscape, one page wide, as many pages long as needed"
  is "$(grep '^fit' xlsx.txt)" "fit 1" "fit to page is on"
  grep -q "^defined _xlnm.Print_Titles '汇总表'!\$1:\$1" xlsx.txt; ok $? "the header row repeats on every printed page"
  is "$(grep -c '^link B' xlsx.txt)" 12 "each row's 申报单位 links its report (12 rows with an applicant)"
  grep -q "^link B3 安徽某某科技有限公司.zip.report.html" xlsx.txt; ok $? "a relative link into the row's folder"
  is "$(grep '^widths' xlsx.txt)" "widths 19" "every column has its width"
  grep -q '^header-footer &L质量标杆申报材料汇总表&R截至 2024-05-11 00:30（北京时间）' xlsx.txt
  ok $? "the page header says 截至 the newest receipt time, never the clock"
else
  skip "python3 is not installed: summary.xlsx not read back"
fi

# The formula-like name elsewhere: CSV guarded, JSON as written, HTML escaped.
is "$(row 某某公式有限公司.zip .applicant)" "$M_F" "summary.json: the applicant as the form wrote it"
grep -q "^[0-9]*,\"'=HYPERLINK(\"\"http://evil" out/summary.csv; ok $? "summary.csv: the leading apostrophe guard"
grep -qF '=HYPERLINK(&quot;http://evil.example/x?a=1&amp;b=&lt;2&gt;&quot;)有限公司' out/index.html
ok $? "index.html: escaped, colon kept"

# Packets: one per scope, the current dossiers, a contents page, a bookmark per applicant.
p1="out/packets/$M_SCOPE1.pdf" p2="out/packets/$M_SCOPE2.pdf"
ok "$([ -s "$p1" ] && [ -s "$p2" ] && [ -s out/packets/未填写遴选范围.pdf ] && echo 0 || echo 1)" \
   "packets: one per scope (and one for the packages whose form states none)"
pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ {print $2}'; }
dossier_pages() { # INPUT…
  t=1
  for n in "$@"; do t=$((t + $(pages "out/$(row "$n" .folder)/dossier.pdf"))); done
  echo $t
}
want2=$(dossier_pages "$M_A.zip" 某某公式有限公司.zip "$M_S.zip")
is "$(qpdf --show-npages "$p2")" "$want2" "scope 2: a contents page and the 3 current dossiers, pages as they were ($want2)"
want1=$(dossier_pages "$B_FAIL（第三版）.zip" 某某截断二有限公司.rar 某某截断四有限公司.rar "$B_PASS（修改稿）.rar")
is "$(pages "$p1")" "$want1" "scope 1: the 4 current dossiers (no superseded version)"
if qpdf --json --json-key=outlines "$p2" >outl.json 2>/dev/null; then
  is "$(jq -r '[.outlines[] | "\(.title)@\(.destpageposfrom1)"] | join(" ")' outl.json)" \
     "1 $M_F@2 2 $M_A@$((2 + $(pages "out/$(row 某某公式有限公司.zip .folder)/dossier.pdf"))) 3 $M_S@$((want2 - $(pages "out/$(row "$M_S.zip" .folder)/dossier.pdf") + 1))" \
     "one bookmark per applicant, in order, at the first page of its dossier"
else
  skip "qpdf --json not available"
fi
pdftotext -l 1 "$p2" - 2>/dev/null | tr -d ' \n' | grep -q "评审包${M_SCOPE2}截至2024-05-1100:30"
ok $? "the contents page names the scope and 截至"
pdftotext -f 2 -l 2 "$p2" - 2>/dev/null | grep -q "质量标杆评审卷宗 · 封面"; ok $? "the first dossier follows (its cover), searchable"

# 补正通知: one per current package with errors, none for superseded or stray rows.
is "$(cd out/notices && ls | LC_ALL=C sort | tr '\n' ' ')" \
   "$(printf '%s\n' '=HYPERLINK(%22http%3A%2F%2Fevil.example%2Fx%3Fa=1&b=%3C2%3E%22)有限公司.docx' "$M_S.docx" "$B_FAIL.docx" "某某截断一有限公司.docx" "某某截断三有限公司.docx" "某某截断二有限公司.docx" "某某截断四有限公司.docx" | LC_ALL=C sort | tr '\n' ' ')" \
   "notices for the 7 current packages that fail (the 修改稿 passes), named after the applicant (escaped as folders are)"
"$QB_BIN/qb-docx" "out/notices/$B_FAIL.docx" >notice.xml 2>/dev/null
ok $? "a notice is a Word file our own reader opens"
missing=0
jq -r '.findings[] | select(.severity == "error") | .message' "out/$(row "$B_FAIL（第三版）.zip" .folder)/report.json" >errs.txt
while IFS= read -r m; do grep -qF "$(printf '%s' "$m" | sed 's/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g; s/"/\&quot;/g')" notice.xml || missing=$((missing + 1)); done <errs.txt
is "$missing/$(wc -l <errs.txt)" "0/1" "it lists every error of the current version (its （第三版） is no name error)"
grep -q '补正通知' notice.xml && grep -q "$B_FAIL（第三版）.zip" notice.xml; ok $? "titled 补正通知, naming the package"

# Reruns: limits and the program's version are part of the key.
"$QB_BIN/qb-batch" --deadline 2024-05-10 in out 2>err2
grep -q '本次检查 0 项，未变化跳过 17 项' err2; ok $? "a rerun with the same limits checks nothing"
"$QB_BIN/qb-batch" --deadline 2024-05-10 --package-seconds 300 in out 2>err3
grep -q '本次检查 17 项，未变化跳过 0 项' err3; ok $? "other limits: every package is checked again"
"$QB_BIN/qb-batch" --deadline 2024-05-12 --package-seconds 300 in out 2>err4
grep -q '本次检查 0 项' err4 && [ "$(jq -r .late out/summary.json)" = 0 ]
ok $? "another deadline needs no check: 逾期 is decided when the summary is made"
is "$(jq -r .limits "out/$(row "$M_A.zip" .folder)/batch.json") $(jq -r .version "out/$(row "$M_A.zip" .folder)/batch.json" | cut -c1-9)" \
   "300s 2048MB qbintake-" "batch.json records the limits and the program's version"

batch_snapshot in >after.txt
test_cmp before.txt after.txt "the inbox is unchanged"
is "$(ls -A out | grep -c '^\.tmp-') $(ls -A out/packets out/notices | grep -c '^\.tmp-')" "0 0" "nothing temporary is left"
done_testing
