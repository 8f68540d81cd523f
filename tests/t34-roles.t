#!/bin/sh
# Each paragraph's role is decided once, by the section finder, and written in the model
# (<p role=>); the lint and the dossier read it. One definition of a caption: running text
# that opens like one ("表1列出了……。", sample caption-like-body) is body text to both —
# no caption finding, and typeset as the paragraph after it (same indent, same size),
# not centred in 五号 as a caption.
. "$(dirname "$0")/lib/tap.sh"

if [ ! -x "$QB_BIN/mksample" ]; then skip "bin/mksample not built"; done_testing; exit; fi
S=${QB_SAMPLES:-$TMP/samples}/roles
mkdir -p "$S"
"$QB_BIN/mksample" "$S" caption-like-body compliant-styles >/dev/null 2>&1
ok $? "the samples are generated"
sentence='表1列出了各阶段的主要任务和输出成果。'

# the model: roles as attributes of the paragraph element
"$QB_BIN/qb-docx" "$S/caption-like-body.docx" | "$QB_BIN/qb-sections" - >"$TMP/m.xml" 2>"$TMP/err"
ok $? "qb-docx | qb-sections runs"
role_of() { # the role of the paragraph whose runs hold $1
  awk -v t="$1" '/<p / { r = $0; sub(/.* role="/, "", r); sub(/".*/, "", r); role = r }
                 index($0, t) { print role; exit }' "$TMP/m.xml"
}
is "$(role_of "$sentence")" "body" "\"$sentence\" is body text in the model"
is "$(role_of '六西格玛设计项目推进计划')" "table-caption" "表 1's caption is a table caption"
is "$(role_of '六西格玛设计')" "title" "the title's role is title"
is "$(role_of '管理方法（技术）的推进和应用情况')" "heading:practice" "a heading says which section it opens"
is "$(role_of '（一）')" "subheading" "（一）… is a subheading"
n_roles=$(grep -c '<p .* role="[a-z]' "$TMP/m.xml")
n_paras=$(grep -c '<p ' "$TMP/m.xml")
is "$n_roles" "$n_paras" "every paragraph of a sectioned model has a role"
"$QB_BIN/qb-docx" "$S/caption-like-body.docx" | grep -c '<p .* role=""' >"$TMP/n"
is "$(cat "$TMP/n")" "$n_paras" "qb-docx alone decides no role (role=\"\")"

# the lint: body text, so no caption finding (and a compliant sample: none at all)
"$QB_BIN/qb-check" --json "$S/caption-like-body.docx" >"$TMP/r.json" 2>/dev/null
rc=$?
is "$rc $(jq -r '.findings | length' "$TMP/r.json")" "0 0" "the lint finds nothing: the sentence is body text"

# the dossier: typeset as body text — the x and the height of the paragraph after it
if ! command -v pdftotext >/dev/null 2>&1; then
  skip "pdftotext (poppler-utils) not installed"
else
  "$QB_BIN/qb-check" --pdf "$TMP/d.pdf" "$S/caption-like-body.docx" >/dev/null 2>&1
  pdftotext -bbox "$TMP/d.pdf" - 2>/dev/null | awk -v t="$sentence" '
    /<word / { x = $0; sub(/.*xMin="/, "", x); sub(/".*/, "", x)
               y0 = $0; sub(/.*yMin="/, "", y0); sub(/".*/, "", y0)
               y1 = $0; sub(/.*yMax="/, "", y1); sub(/".*/, "", y1)
               if (found) { printf "%.1f %.1f\n", x, y1 - y0; exit }
               if (index($0, ">" t "<")) { printf "%.1f %.1f\n", x, y1 - y0; found = 1 } }' >"$TMP/xy"
  is "$(sed -n 1p "$TMP/xy")" "$(sed -n 2p "$TMP/xy")" \
     "the dossier sets \"$sentence\" as body text (indent and size of the next paragraph), not as a centred caption"
fi

# a caption numbered by SEQ 图表 (Chinese Word's Figure label) is a figure caption for both
"$QB_BIN/qb-docx" "$S/compliant-styles.docx" | "$QB_BIN/qb-sections" - >"$TMP/m.xml" 2>/dev/null
is "$(role_of '产品一次交验合格率变化趋势')" "figure-caption" "SEQ 图表 numbers a figure caption"

# a table of contents: the reader marks what a TOC field or SDT holds (<p toc="1">), the
# section finder makes it and its 目录 heading role toc; the headings come after it
"$QB_BIN/mksample" "$S" layout-toc-field layout-toc-sdt layout-toc-dotted >/dev/null 2>&1
for name in layout-toc-field layout-toc-sdt layout-toc-dotted; do
  "$QB_BIN/qb-docx" "$S/$name.docx" | "$QB_BIN/qb-sections" - >"$TMP/m.xml" 2>/dev/null
  is "$(role_of '目')" "toc" "$name: the 目录 line is part of the table of contents"
  is "$(role_of '三、管理方法（技术）的实施效果')" "toc" "$name: its last entry too"
  is "$(grep -c 'role="heading:' "$TMP/m.xml")" 4 "$name: four section headings, none of them an entry"
done
"$QB_BIN/qb-docx" "$S/layout-toc-field.docx" >"$TMP/d.xml"
is "$(grep -c '<p [^>]*toc="1"' "$TMP/d.xml")" 5 "qb-docx marks the four entries and the field's closing paragraph toc=1"
"$QB_BIN/qb-docx" "$S/layout-toc-sdt.docx" >"$TMP/d.xml"
is "$(grep -c '<p [^>]*toc="1"' "$TMP/d.xml")" 5 "qb-docx marks the SDT's 目录 line and four entries toc=1"

# a title over two lines is one title: both lines are its role, the dossier's cover names it whole
"$QB_BIN/mksample" "$S" layout-title-two-lines >/dev/null 2>&1
"$QB_BIN/qb-docx" "$S/layout-title-two-lines.docx" | "$QB_BIN/qb-sections" - >"$TMP/m.xml" 2>/dev/null
is "$(role_of '提升主轴部件可靠性的经验')" "title" "the second line of a two-line title is the title"
if ! command -v pdftotext >/dev/null 2>&1; then
  skip "pdftotext (poppler-utils) not installed"
else
  "$QB_BIN/qb-check" --pdf "$TMP/t.pdf" "$S/layout-title-two-lines.docx" >/dev/null 2>&1
  pdftotext -f 1 -l 1 "$TMP/t.pdf" - 2>/dev/null | tr -d ' \n' | grep -q '某某精工机械制造有限公司实施六西格玛设计提升主轴部件可靠性的经验'
  ok $? "the dossier's cover gives the whole title as 质量标杆名称"
fi

done_testing
