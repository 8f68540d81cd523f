# batch_inbox.sh — an inbox as the secretariat finds it in the morning, for the qb-batch
# tests (t60–t64). Source it after tap.sh, from inside $TMP; then:
#   batch_parts            the documents the packages are made of (in ./parts)
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
  "$QB_BIN/mkform" --applicant "$B_VOL" parts cells-ok && mv parts/cells-ok.docx parts/form-vol.docx
  "$QB_BIN/mkzip" --docx parts/proof.docx "证明材料目录" "一、营业执照"
}

batch_inbox() { # DIR
  batch_parts || return 1
  mkdir -p "$1"
  "$QB_BIN/mkrar" "$1/$B_PASS.rar" 申报书.docx=@parts/form.docx 典型经验材料.docx=@parts/compliant-direct.docx \
    证明材料/目录.docx=@parts/proof.docx
  "$QB_BIN/mkzip" "$1/$B_FAIL.zip" 申报书.docx=@parts/form.docx 典型经验材料.docx=@parts/over-abstract.docx \
    证明材料/目录.docx=@parts/proof.docx
  "$QB_BIN/mkrar" --volumes 3 "$1/$B_VOL.part%d.rar" 申报书.docx=@parts/form-vol.docx \
    典型经验材料.docx=@parts/compliant-direct.docx 证明材料/目录.docx=@parts/proof.docx 'data.bin=%zeros:300000' \
    2>/dev/null
  "$QB_BIN/mkzip" parts/whole.zip 申报书.docx=@parts/form.docx 典型经验材料.docx=@parts/compliant-direct.docx
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

batch_ls() { # OUTBOX
  (cd "$1" && find . -type f ! -name .qb-batch.lock -exec sha256sum {} + | sort -k2)
}
