#!/bin/sh
# What changed since the last run: changes.json and the top of index.html, across three
# runs — the first (everything new), then an added package, a changed one and a
# resubmission (superseding its earlier version), then one taken out of the inbox. The
# summary's 截至 is the newest receipt time, never the clock.
. "$(dirname "$0")/lib/tap.sh"
. "$(dirname "$0")/lib/batch_inbox.sh"
export LC_ALL=C.UTF-8
cd "$TMP" || exit 1
mkdir tmp && export TMPDIR="$TMP/tmp"
batch_parts || { echo "1..0 # SKIP cannot build the packages"; exit 0; }
batch_form parts/c-a.docx "$M_A" "$M_SCOPE2"
batch_form parts/c-s.docx "$M_S" "$M_SCOPE2"
mkdir in
pkg() { # NAME FORM WRITEUP TIME
  "$QB_BIN/mkzip" "in/$1" 申报书.docx=@"$2" 典型经验材料.docx=@"$3" 证明材料/目录.docx=@parts/proof.docx
  batch_touch in "$1" "$4"
}
pkg "$M_A.zip" parts/c-a.docx parts/over-abstract.docx "2024-05-01 01:00"
pkg "$B_FAIL.zip" parts/form-fail.docx parts/over-abstract.docx "2024-05-02 01:00"
names() { jq -r --arg k "$1" '[.[$k][].input] | join(" ")' out/changes.json; }

"$QB_BIN/qb-batch" --notices in out 2>/dev/null; is "$?" 0 "run 1: exit 0"
is "$(ls out/notices | LC_ALL=C sort | tr '\n' ' ')" "$(printf '%s\n' "$M_A.docx" "$B_FAIL.docx" | LC_ALL=C sort | tr '\n' ' ')" \
   "run 1: a 补正通知 for each of the two failing packages"
is "$(names new)|$(names changed)|$(names superseded)|$(names withdrawn)" "$M_A.zip $B_FAIL.zip|||" \
   "run 1: both packages are new, nothing else"
is "$(jq -r '"\(.as_of) \(.previous_as_of)"' out/changes.json)" "2024-05-02 09:00 null" "run 1: 截至 the newest receipt (Beijing time); no run before"
grep -q '<section id="changes"><h2>自上次运行以来的变化（首次运行）' out/index.html; ok $? "the index says it is the first run"

# Run 2: 上海 arrives, 某某机械 sends other bytes under the same name, 安徽 resubmits.
pkg "$M_S.zip" parts/c-s.docx parts/compliant-direct.docx "2024-05-03 01:00"
pkg "$B_FAIL.zip" parts/form-fail.docx parts/compliant-direct.docx "2024-05-03 02:00"
pkg "$M_A（修改稿）.zip" parts/c-a.docx parts/compliant-direct.docx "2024-05-04 01:00"
"$QB_BIN/qb-batch" --notices in out 2>err2; is "$?" 0 "run 2: exit 0"
is "$(jq -r --arg n "$B_FAIL.zip" '.rows[] | select(.input == $n) | .status' out/summary.json) $(ls out/notices/$B_FAIL.docx 2>/dev/null | wc -l)" \
   "pass 0" "run 2: the package sent again passes, and its notice of run 1 is gone (notices/ is rebuilt whole)"
is "$(names new)" "$M_A（修改稿）.zip $M_S.zip" "run 2: new: the resubmission and 上海 (in the summary's order)"
is "$(names changed)" "$B_FAIL.zip" "run 2: changed: the package sent again under the same name"
is "$(names superseded) → $(jq -r '.superseded[0].by' out/changes.json)" "$M_A.zip → $M_A（修改稿）.zip" \
   "run 2: superseded: 安徽's first version, by its 修改稿"
is "$(names withdrawn)" "" "run 2: nothing withdrawn"
is "$(jq -r '"\(.as_of) \(.previous_as_of)"' out/changes.json)" "2024-05-04 09:00 2024-05-02 09:00" \
   "run 2: 截至 moves to the newest receipt; the run before is named"
grep -q '<li class="ch2"><b>已被替代（申报单位提交了新版本） 1</b>' out/index.html; ok $? "the index lists the superseded one at the top"

# Run 3: 某某机械 is taken out of the inbox (withdrawn).
mv "in/$B_FAIL.zip" .
"$QB_BIN/qb-batch" in out 2>err3; is "$?" 0 "run 3: exit 0"
is "$(names new)|$(names changed)|$(names superseded)|$(names withdrawn)" "|||$B_FAIL.zip" \
   "run 3: withdrawn: the package taken out, nothing else"
is "$(jq -r '.withdrawn[0].applicant' out/changes.json)" "$B_FAIL" "naming its applicant from the last summary"
grep -q "<li class=\"ch3\"><b>已撤回（已从收件箱移走） 1</b>：$B_FAIL.zip</li>" out/index.html; ok $? "the index lists it"
is "$(jq -r '.rows | length' out/summary.json)" 3 "the summary has the 3 inputs still in the inbox"

# Run 4: nothing new.
"$QB_BIN/qb-batch" in out 2>/dev/null
is "$(jq -c '[.new, .changed, .superseded, .withdrawn] | map(length)' out/changes.json)" "[0,0,0,0]" "run 4: nothing changed"
grep -q '<li>没有变化</li>' out/index.html; ok $? "the index says so"
done_testing
