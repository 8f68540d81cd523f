#!/bin/sh
# make demo — the main job on generated samples: the applicant's check of three sample
# write-ups, the check of a whole package with its dossier PDF, then the secretariat's
# nightly batch over an inbox into out/ (DESIGN §8).
set -u
out=build/demo
rm -rf "$out"
mkdir -p "$out"
bin/mksample "$out" compliant-direct over-abstract fmt-body-stray-run >/dev/null ||
  { echo "demo: cannot generate samples" >&2; exit 1; }
for name in compliant-direct over-abstract fmt-body-stray-run; do
  echo "================================================================"
  echo "\$ bin/qb-check $out/$name.docx"
  bin/qb-check "$out/$name.docx"
  echo "(exit status $?)"
done
# A package as the provinces ask for it: one RAR named after the company, three documents.
P=某某精工机械制造有限公司
bin/mkzip --docx "$out/form.docx" "2024年质量标杆申报书" "|申报单位|$P" "|统一社会信用代码|91110000100000000X" \
  "|法定代表人|张三" "|联系电话|010-12345678"
bin/mkzip --docx "$out/proof.docx" "证明材料目录" "一、营业执照" "二、质量管理体系认证证书"
bin/mkrar "$out/$P.rar" "$P/申报书.docx=@$out/form.docx" "$P/典型经验材料.docx=@$out/compliant-direct.docx" \
  "$P/证明材料/证明材料目录.docx=@$out/proof.docx"
echo "================================================================"
echo "\$ bin/qb-check --pdf $out/卷宗.pdf $out/$P.rar"
bin/qb-check --pdf "$out/卷宗.pdf" "$out/$P.rar"
echo "(exit status $?; the reviewer's dossier: $out/卷宗.pdf)"
# The secretariat's nightly job: every package of an inbox into out/.
inbox=$out/inbox
mkdir -p "$inbox"
cp "$out/$P.rar" "$inbox/"
bin/mkzip "$inbox/某某机械有限公司.zip" "申报书.docx=@$out/form.docx" "典型经验材料.docx=@$out/over-abstract.docx" \
  "证明材料/证明材料目录.docx=@$out/proof.docx"
echo "请于本周内提交纸质材料" >"$inbox/说明.txt"
echo "================================================================"
echo "\$ bin/qb-batch $inbox out"
bin/qb-batch "$inbox" out
echo "(exit status $?; the 汇总表: out/summary.xlsx, the index: out/index.html, one folder per package)"
echo "================================================================"
echo "JSON: bin/qb-check --json FILE   HTML: bin/qb-check --html report.html FILE"
echo "Word comments: bin/qb-check --annotate 批注版.docx FILE.docx"
