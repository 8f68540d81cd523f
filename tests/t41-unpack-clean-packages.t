#!/bin/sh
# A clean package, as the provinces ask for it — named after the company, holding the
# application form, the write-up and the proof material — passes in every container a
# secretariat receives: RAR5, RAR4 (GBK names from Chinese WinRAR), ZIP (GBK names from
# Windows Explorer, no UTF-8 flag), 7z, a plain folder. All three documents recognised,
# each written byte for byte, no finding.
. "$(dirname "$0")/lib/tap.sh"
export LC_ALL=C.UTF-8
S="$QB_SAMPLES/unpack-clean"
mkdir -p "$S"
cd "$TMP" || exit 1
P=某某精工机械制造有限公司

# The write-up: the sample generator's compliant document (built by construction).
"$QB_BIN/mksample" "$S" compliant-direct >/dev/null 2>&1 || { echo "1..0 # SKIP bin/mksample failed"; exit 0; }
cp "$S/compliant-direct.docx" exp.docx
# The form: label/value tables, as the 申报书 is.
"$QB_BIN/mkzip" --docx form.docx "2024年质量标杆申报书" "|申报单位|$P" "|统一社会信用代码|91110000100000000X" \
  "|法定代表人|张三" "|联系人|李四" "|联系电话|010-12345678"
# Proof material: a scanned licence (an image) and a Word file.
"$QB_BIN/mkzip" --docx proof.docx "证明材料目录" "一、营业执照" "二、质量管理体系认证证书"
printf '\211PNG\r\n\032\n\0\0\0\rIHDR' >scan.png
for f in exp form proof; do sha256sum <$f.docx | cut -d' ' -f1 >$f.sha; done

members() { # the three documents, NAME=@FILE, under a top folder $1
  echo "$1申报书.docx=@form.docx" "$1典型经验材料.docx=@exp.docx" "$1证明材料/营业执照.png=@scan.png" \
       "$1证明材料/证明材料目录.docx=@proof.docx"
}

# check LABEL PACKAGE FORMAT READER
check() {
  rm -rf w
  "$QB_BIN/qb-unpack" --json "$2" w >out.json 2>err; rc=$?
  is "$rc" 0 "$1: exit 0"
  is "$(jq -r '[.findings[] | select(.severity != "info") | .rule] | join(" ")' out.json)" "" "$1: no finding"
  is "$(jq -r '.format + " " + .reader' out.json)" "$3 $4" "$1: read as $3 by $4"
  is "$(jq -r '.applicant' out.json)" "$P" "$1: the applicant is the package's name"
  for r in form:form experience:exp; do
    is "$(jq -r ".members[] | select(.role == \"${r%%:*}\") | .sha256" out.json)" "$(cat ${r#*:}.sha)" \
       "$1: the ${r%%:*} is found and written byte for byte"
  done
  is "$(jq -r '[.members[] | select(.role == "proof") | .format] | sort | join(" ")' out.json)" "png zip" \
     "$1: both proof files are proof material"
  stored=$(jq -r '.members[] | select(.role == "experience") | .stored' out.json)
  is "$(sha256sum <"w/$stored" | cut -d' ' -f1)" "$(cat exp.sha)" "$1: the file on disk is the write-up"
}

# shellcheck disable=SC2046
"$QB_BIN/mkrar" "$P.rar" $(members "$P/") && check "RAR5" "$P.rar" rar5 libarchive
is "$(jq -r '[.members[].name] | first' out.json)" "$P/申报书.docx" "RAR5: the top folder is kept in the names"
rm -f "$P.rar"
mkdir -p r4
set -- $(members "$P/")
"$QB_BIN/mkrar" --rar4 "r4/$P.rar" --gbk "$1" --gbk "$2" --gbk "$3" --gbk "$4" && check "RAR4 GBK" "r4/$P.rar" rar4 libarchive
is "$(jq -r '.members[0].name_raw_hex' out.json)" \
   "$(printf '%s' "$P/申报书.docx" | iconv -f UTF-8 -t GB18030 | od -An -tx1 | tr -d ' \n')" \
   "RAR4 GBK: the original name bytes are in the manifest"
mkdir -p z
set -- $(members "")
"$QB_BIN/mkzip" "z/$P.zip" --gbk "$1" --gbk "$2" --gbk "$3" --gbk "$4" && check "ZIP GBK" "z/$P.zip" zip zip
mkdir -p s
"$QB_BIN/mkzip" --7z "s/$P.7z" $(members "") && check "7z" "s/$P.7z" 7z libarchive
mkdir -p "d/$P/证明材料"
cp form.docx "d/$P/申报书.docx"; cp exp.docx "d/$P/典型经验材料.docx"
cp scan.png "d/$P/证明材料/营业执照.png"; cp proof.docx "d/$P/证明材料/证明材料目录.docx"
check "folder" "d/$P" folder folder

# A write-up with no telling name is still found, by its content (摘要 and the headings).
"$QB_BIN/mkzip" "z/$P.zip" "附件1.docx=@form.docx" "附件2.docx=@exp.docx" "附件3/营业执照.png=@scan.png" \
  "附件3/目录.docx=@proof.docx"
rm -rf w; "$QB_BIN/qb-unpack" --json "z/$P.zip" w >out.json 2>err
is "$(jq -r '[.members[] | .name + "=" + .role] | join(" ")' out.json)" \
   "附件1.docx=form 附件2.docx=experience 附件3/营业执照.png=proof 附件3/目录.docx=proof" \
   "documents named 附件1/附件2 are told apart by their content"

# A bare write-up is a package of one document: no package findings, its role by content.
rm -rf w; "$QB_BIN/qb-unpack" --json exp.docx w >out.json 2>err; rc=$?
is "$rc $(jq -r '.kind + " " + .members[0].role + " " + (.findings | length | tostring)' out.json)" \
   "0 document experience 0" "a bare .docx is one document, the write-up, with no package finding"
rm -rf w; "$QB_BIN/qb-unpack" --json form.docx w >out.json 2>err
is "$(jq -r '.members[0].role' out.json)" form "a bare form is recognised as the form"
done_testing
