# batch_inbox.sh — an inbox as the secretariat finds it in the morning, for the qb-batch
# tests (t60–t64). Source it after tap.sh, from inside $TMP; then:
#   batch_parts            the documents the packages are made of (in ./parts); each
#                          applicant has a form of its own (rows are grouped by applicant)
#   batch_inbox DIR        five rows: a clean RAR5, a ZIP with errors, a three-volume set,
#                          a ZIP cut short, a stray text file; mtimes fixed
#   batch_rows OUTBOX      "input status errors warnings" per summary row
#   batch_snapshot DIR     sha256 and a full-iso listing of every entry (inbox unchanged?)
#   batch_ls OUTBOX        every file below OUTBOX with its sha256 (outputs identical?)
B_PASS=某某精工机械制造有限公司
B_FAIL=某某机械有限公司
B_VOL=某某多卷装备有限公司

batch_parts() {
  [ -f parts/proof.docx ] && return 0
  mkdir -p parts
  "$QB_BIN/mksample" parts compliant-direct over-abstract >/dev/null || return 1
  # correct application forms (samples/mkform.c), one per applicant
  "$QB_BIN/mkform" parts cells-ok && mv parts/cells-ok.docx parts/form.docx
  "$QB_BIN/mkform" --applicant "$B_FAIL" parts cells-ok && mv parts/cells-ok.docx parts/form-fail.docx
  "$QB_BIN/mkform" --applicant 某某截断有限公司 parts cells-ok && mv parts/cells-ok.docx parts/form-cut.docx
  "$QB_BIN/mkform" --applicant "$B_VOL" parts cells-ok && mv parts/cells-ok.docx parts/form-vol.docx
  "$QB_BIN/mkzip" --docx parts/proof.docx "证明材料目录" "一、营业执照"
}

batch_inbox() { # DIR
  batch_parts || return 1
  mkdir -p "$1"
  "$QB_BIN/mkrar" "$1/$B_PASS.rar" 申报书.docx=@parts/form.docx 典型经验材料.docx=@parts/compliant-direct.docx \
    证明材料/目录.docx=@parts/proof.docx
  "$QB_BIN/mkzip" "$1/$B_FAIL.zip" 申报书.docx=@parts/form-fail.docx 典型经验材料.docx=@parts/over-abstract.docx \
    证明材料/目录.docx=@parts/proof.docx
  "$QB_BIN/mkrar" --volumes 3 "$1/$B_VOL.part%d.rar" 申报书.docx=@parts/form-vol.docx \
    典型经验材料.docx=@parts/compliant-direct.docx 证明材料/目录.docx=@parts/proof.docx 'data.bin=%zeros:300000' \
    2>/dev/null
  "$QB_BIN/mkzip" parts/whole.zip 申报书.docx=@parts/form-cut.docx 典型经验材料.docx=@parts/compliant-direct.docx
  head -c 2000 parts/whole.zip >"$1/某某截断有限公司.zip"
  echo "请于本周内提交纸质材料" >"$1/说明.txt"
  # fixed, distinct mtimes: the received dates and the summary's document time depend on them
  n=0
  for f in "$1"/*; do
    n=$((n + 1))
    touch -d "2024-05-0$n 08:00:00 UTC" "$f"
  done
}

batch_rows() { # OUTBOX
  jq -r '.rows[] | "\(.input) \(.status) \(.errors) \(.warnings)"' "$1/summary.json"
}

batch_snapshot() { # DIR
  (cd "$1" && ls -l --time-style=full-iso . && find . -type f -exec sha256sum {} + | sort)
}

batch_ls() { # OUTBOX (changes.json and the index's changes section say what changed since
  # the run before: left out)
  (cd "$1" && find . -type f ! -name .qb-batch.lock ! -name changes.json ! -name index.html -exec sha256sum {} + |
    sort -k2 && grep -v '^<section id="changes">' index.html | sha256sum)
}

# The secretariat's morning (t66–t68, mk/demo.sh): resubmissions, late arrivals, two
# scopes, stray files of each kind, damaged archives of each reader. Receipt times are
# mtimes (Beijing time = UTC+8); the deadline the tests pass is 2024-05-10.
#   batch_morning DIR      the inbox (see the list below)
#   batch_touch DIR NAME 'YYYY-MM-DD HH:MM'   set one entry's receipt time (UTC)
M_SCOPE1=运用先进质量管理理念、方法、工具促进高质量发展的典型经验
M_SCOPE2=中小企业专业化、特色化、精细化、新颖化的典型经验
M_A=安徽某某科技有限公司
M_S=上海某某电子有限公司
M_F='=HYPERLINK("http://evil.example/x?a=1&b=<2>")有限公司'

batch_form() { # OUT APPLICANT SCOPE — a correct form (samples/mkform.c) naming them
  "$QB_BIN/mkform" --applicant "$2" --scope "$3" parts cells-ok && mv parts/cells-ok.docx "$1"
}

batch_touch() { # DIR NAME TIME(UTC)
  touch -d "$3 UTC" "$1/$2"
}

batch_morning() { # DIR
  batch_parts || return 1
  mkdir -p "$1" parts
  batch_form parts/m-pass.docx "$B_PASS" "$M_SCOPE1"
  batch_form parts/m-fail.docx "$B_FAIL" "$M_SCOPE1"
  batch_form parts/m-a.docx "$M_A" "$M_SCOPE2"
  batch_form parts/m-s.docx "$M_S" "$M_SCOPE2"
  # two versions: the first fails, the 修改稿 passes
  "$QB_BIN/mkzip" "$1/$B_PASS.zip" 申报书.docx=@parts/m-pass.docx 典型经验材料.docx=@parts/over-abstract.docx \
    证明材料/目录.docx=@parts/proof.docx
  "$QB_BIN/mkrar" "$1/$B_PASS（修改稿）.rar" 申报书.docx=@parts/m-pass.docx \
    典型经验材料.docx=@parts/compliant-direct.docx 证明材料/目录.docx=@parts/proof.docx
  # three versions, every one with the over-long abstract
  for v in "" "-v2" "（第三版）"; do
    "$QB_BIN/mkzip" "$1/$B_FAIL$v.zip" 申报书.docx=@parts/m-fail.docx 典型经验材料.docx=@parts/over-abstract.docx \
      证明材料/目录.docx=@parts/proof.docx
  done
  # two more applicants, the second scope; 安徽 arrives late
  "$QB_BIN/mkzip" "$1/$M_A.zip" 申报书.docx=@parts/m-a.docx 典型经验材料.docx=@parts/compliant-direct.docx \
    证明材料/目录.docx=@parts/proof.docx
  "$QB_BIN/mkzip" "$1/$M_S.zip" 申报书.docx=@parts/m-s.docx 典型经验材料.docx=@parts/over-abstract.docx \
    证明材料/目录.docx=@parts/proof.docx
  # a form value that a spreadsheet would run as a formula: shown as written, never run
  batch_form parts/m-f.docx "$M_F" "$M_SCOPE2"
  "$QB_BIN/mkzip" "$1/某某公式有限公司.zip" 申报书.docx=@parts/m-f.docx 典型经验材料.docx=@parts/compliant-direct.docx \
    证明材料/目录.docx=@parts/proof.docx
  # one of each reader's damage: libzip, libarchive (RAR5, 7z), unar (RAR4 solid); each
  # its own applicant, the form intact in the part that came
  for k in 一 二 三 四; do batch_form "parts/m-d$k.docx" "某某截断${k}有限公司" "$M_SCOPE1"; done
  "$QB_BIN/mkzip" parts/m-d1.zip 申报书.docx=@parts/m-d一.docx 典型经验材料.docx=@parts/compliant-direct.docx
  head -c 3000 parts/m-d1.zip >"$1/某某截断一有限公司.zip"
  "$QB_BIN/mkrar" parts/m-d2.rar 申报书.docx=@parts/m-d二.docx 典型经验材料.docx=@parts/compliant-direct.docx
  head -c 3000 parts/m-d2.rar >"$1/某某截断二有限公司.rar"
  "$QB_BIN/mkzip" --7z parts/m-d3.7z 申报书.docx=@parts/m-d三.docx 典型经验材料.docx=@parts/compliant-direct.docx
  head -c 3000 parts/m-d3.7z >"$1/某某截断三有限公司.7z"
  "$QB_BIN/mkrar" --rar4 --solid parts/m-d4.rar 申报书.docx=@parts/m-d四.docx \
    典型经验材料.docx=@parts/compliant-direct.docx
  head -c 3000 parts/m-d4.rar >"$1/某某截断四有限公司.rar"
  # stray files: a PDF, a text, a picture, an Excel sheet, an empty file
  printf '%%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%%%EOF\n' \
    >"$1/推荐函.pdf"
  echo "请于本周内提交纸质材料" >"$1/说明.txt"
  printf '\211PNG\r\n\032\n\000\000\000\rIHDR\000\000\000\001\000\000\000\001\010\000\000\000\000:~\233U' >"$1/照片.png"
  cp parts/m-d1.zip "$1/名单.xlsx"
  : >"$1/空文件.docx"
  # receipt times (UTC): everything on 2024-05-0x 00:00 UTC = 08:00 Beijing, in order
  n=0
  for f in "$1"/*; do
    n=$((n + 1))
    touch -d "2024-05-01 00:00 UTC + $n hours" "$f"
  done
  batch_touch "$1" "$B_PASS.zip" "2024-05-02 01:00"
  batch_touch "$1" "$B_PASS（修改稿）.rar" "2024-05-06 01:00"
  batch_touch "$1" "$B_FAIL.zip" "2024-05-02 02:00"
  batch_touch "$1" "$B_FAIL-v2.zip" "2024-05-04 02:00"
  batch_touch "$1" "$B_FAIL（第三版）.zip" "2024-05-08 02:00"
  batch_touch "$1" "$M_S.zip" "2024-05-10 15:30"   # 23:30 Beijing on the deadline: on time
  batch_touch "$1" "$M_A.zip" "2024-05-10 16:30"   # 00:30 Beijing the day after: late
}
