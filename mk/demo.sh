#!/bin/sh
# make demo — the main job on generated samples: the applicant's check of three sample
# write-ups, the check of a whole package with its dossier PDF, then the secretariat's
# morning batch over an inbox into out/ (DESIGN §8): a resubmission, a late package, two
# scopes, a stray file → the 汇总表, the index, two packets and the notices.
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
# a correct application form (samples/mkform.c: the fields every edition asks for)
bin/mkform --applicant "$P" "$out" cells-ok >/dev/null && mv "$out/cells-ok.docx" "$out/form.docx"
bin/mkzip --docx "$out/proof.docx" "证明材料目录" "一、营业执照" "二、质量管理体系认证证书"
bin/mkrar "$out/$P.rar" "$P/申报书.docx=@$out/form.docx" "$P/典型经验材料.docx=@$out/compliant-direct.docx" \
  "$P/证明材料/证明材料目录.docx=@$out/proof.docx"
echo "================================================================"
echo "\$ bin/qb-check --pdf $out/卷宗.pdf $out/$P.rar"
bin/qb-check --pdf "$out/卷宗.pdf" "$out/$P.rar"
echo "(exit status $?; the reviewer's dossier: $out/卷宗.pdf)"
# The secretariat's morning: an inbox with a resubmission, a late package, two scopes
# and a stray file becomes the 汇总表, the index, a packet per scope and the notices.
inbox=$out/inbox
mkdir -p "$inbox"
S1=运用先进质量管理理念、方法、工具促进高质量发展的典型经验
S2=中小企业专业化、特色化、精细化、新颖化的典型经验
form() { # OUT APPLICANT SCOPE — a correct form naming them
  bin/mkform --applicant "$2" --scope "$3" "$out" cells-ok >/dev/null && mv "$out/cells-ok.docx" "$1"
}
pkg() { # NAME FORM WRITE-UP RECEIVED(UTC)
  bin/mkzip "$inbox/$1" "申报书.docx=@$2" "典型经验材料.docx=@$3" "证明材料/证明材料目录.docx=@$out/proof.docx"
  touch -d "$4 UTC" "$inbox/$1"
}
form "$out/f1.docx" "$P" "$S1"
form "$out/f2.docx" 某某机械有限公司 "$S1"
form "$out/f3.docx" 安徽某某科技有限公司 "$S2"
form "$out/f4.docx" 上海某某电子有限公司 "$S2"
pkg "$P.zip" "$out/f1.docx" "$out/over-abstract.docx" "2024-05-06 01:00"
pkg "$P（修改稿）.zip" "$out/f1.docx" "$out/compliant-direct.docx" "2024-05-08 01:00"
pkg 某某机械有限公司.zip "$out/f2.docx" "$out/fmt-body-stray-run.docx" "2024-05-07 03:00"
pkg 安徽某某科技有限公司.zip "$out/f3.docx" "$out/compliant-direct.docx" "2024-05-10 17:00"
pkg 上海某某电子有限公司.zip "$out/f4.docx" "$out/over-abstract.docx" "2024-05-09 02:00"
echo "请于本周内提交纸质材料" >"$inbox/说明.txt"
touch -d "2024-05-06 00:00 UTC" "$inbox/说明.txt"
echo "================================================================"
echo "\$ bin/qb-batch --deadline 2024-05-10 --packets --notices $inbox out"
rm -rf out
bin/qb-batch --deadline 2024-05-10 --packets --notices "$inbox" out
echo "(exit status $?)"
echo "汇总表 out/summary.xlsx (A4 landscape, one page wide), index out/index.html, what changed out/changes.json:"
jq -r '.rows[] | "  \(.no). \(.applicant // .input)  \(.input)  \(.state)  \(.status)\(if .late then "  逾期" else "" end)"' \
  out/summary.json 2>/dev/null
echo "reviewer packets (one per 遴选范围):"
for f in out/packets/*.pdf; do echo "  $f: $(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}') pages"; done
echo "补正通知 (one per current package with errors):"
for f in out/notices/*.docx; do echo "  $f"; done
echo "JSON: bin/qb-check --json FILE   HTML: bin/qb-check --html report.html FILE"
echo "Word comments: bin/qb-check --annotate 批注版.docx FILE.docx"
