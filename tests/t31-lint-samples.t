#!/bin/sh
# qb-lint on every sample bin/mksample writes: the format findings (rule and severity)
# are exactly those the sample was built to have (mksample --findings) — none at all
# on the compliant ones, however their formatting is expressed (direct, basedOn chain,
# docDefaults, theme, theme script fonts, toggles). qb-lint groups one finding per
# rule and section, so rules are compared as sets.
. "$(dirname "$0")/lib/tap.sh"

if [ ! -x "$QB_BIN/mksample" ]; then skip "bin/mksample not built"; done_testing; exit; fi
SAMPLES=${QB_SAMPLES:-$TMP/samples}/lint
mkdir -p "$SAMPLES"
"$QB_BIN/mksample" "$SAMPLES" >/dev/null 2>&1
ok $? "the samples are generated"

"$QB_BIN/mksample" --list | cut -f1 >"$TMP/names"
for name in $(cat "$TMP/names"); do
  want=$("$QB_BIN/mksample" --findings "$name" | grep '^format\.' | sort -u | tr '\n' ' ')
  "$QB_BIN/qb-lint" "$SAMPLES/$name.docx" >"$TMP/out.tsv" 2>/dev/null
  rc=$?
  got=$(awk -F'\t' '$1 ~ /^format\./ {print $1 " " $2}' "$TMP/out.tsv" | sort -u | tr '\n' ' ')
  is "$got" "$want" "$name: ${want:-no format finding}"
  case $rc in 0|1) ;; *) ok 1 "$name: qb-lint exit $rc";; esac
done

# A few messages, word for word where it matters to the applicant.
msg() { "$QB_BIN/qb-lint" "$SAMPLES/$1.docx" 2>/dev/null | awk -F'\t' -v r="$2" '$1 == r {print $6}'; }
msg fmt-title-size format.title | grep -q '字号为“三号”（应为“小二”）'
ok $? "fmt-title-size: 字号为“三号”（应为“小二”）"
msg fmt-body-font format.body-font | grep -q '字体为“仿宋”.*应为“宋体”'
ok $? "fmt-body-font: 字体为“仿宋” … 应为“宋体”"
msg fmt-page-zero format.page | grep -q '页面大小为“0×0”（无效的页面设置），应为“A4 纵向”'
ok $? "fmt-page-zero: 页面大小为“0×0”（无效的页面设置），应为“A4 纵向”"
msg fmt-page-unset format.page | grep -q '未设置页面大小，Word 将使用其自身默认的纸张.*应设为“A4 纵向”'
ok $? "fmt-page-unset: 未设置页面大小，Word 将使用其自身默认的纸张 … 应设为“A4 纵向”"
msg fmt-body-stray-run format.body-font | grep -q '字体为“楷体”，应为“宋体”'
ok $? "fmt-body-stray-run: the stray sentence is quoted, 楷体 → 宋体"
msg fmt-line-spacing format.line-spacing | grep -q '行距为“1.5 倍行距”.*另有 [0-9]* 处'
ok $? "fmt-line-spacing: grouped, first paragraphs quoted, then 另有 N 处"
msg fmt-caption-numbering format.caption-numbering | grep -q '跳过了“表 2”'
ok $? "fmt-caption-numbering: 表 2 skipped"
msg fmt-toggle-bold format.abstract-heading | grep -q '未加粗'
ok $? "fmt-toggle-bold: bold style + bold character style shows not bold"
n=$(msg fmt-body-font format.body-font | wc -l)
is "$n" 4 "fmt-body-font: one finding per section (摘要 and the three body sections)"
done_testing
