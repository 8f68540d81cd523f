#!/bin/sh
# What the three documents must be: Word for the form and the write-up (package.not-word
# for a PDF or an image; a .doc is package.legacy-doc, converted by LibreOffice when it
# is installed); not password-protected (package.encrypted); present
# (package.missing-*; proof material is only a warning in the editions); and the package
# named after the applicant (package.name).
. "$(dirname "$0")/lib/tap.sh"
export LC_ALL=C.UTF-8
cd "$TMP" || exit 1
P=某某精工机械制造有限公司
"$QB_BIN/mkzip" --docx form.docx "申报书" "|申报单位|$P" "|统一社会信用代码|91110000100000000X" "|法定代表人|张三"
"$QB_BIN/mkzip" --docx exp.docx "${P}实施六西格玛设计的经验" "摘要" "本文介绍……" "一、企业概况" "二、管理方法（技术）的推进和应用情况"
unpack() { rm -rf w; "$QB_BIN/qb-unpack" --json "$@" w >out.json 2>err; rc=$?; }
findings() { jq -r '[.findings[] | .severity[0:1] + ":" + .rule] | join(" ")' out.json; }
base="申报书.docx=@form.docx 典型经验材料.docx=@exp.docx"

# shellcheck disable=SC2086
"$QB_BIN/mkzip" "$P.zip" $base '证明材料/营业执照.jpg=@'"$CORPUS/pdf-img/img_chinese_text_photo.jpg"
unpack "$P.zip"
is "$rc $(findings)" "0 " "form, write-up and a photo of the licence as proof: no finding"

"$QB_BIN/mkzip" "$P.zip" $base
unpack "$P.zip"
is "$rc $(findings)" "0 w:package.missing-proof" "no proof material: a warning only (exit 0)"
cat >proof.ini <<'INI'
[edition]
base = caq-2023
name = proof-required
[documents]
proof = required
INI
unpack --edition proof.ini "$P.zip"
is "$rc $(findings)" "1 e:package.missing-proof" "an edition that requires proof makes it an error"

"$QB_BIN/mkzip" "$P.zip" '申报书.docx=@form.docx' '证明材料/a.pdf=@'"$CORPUS/pdf-img/pdf_word2016_chinese_dengxian.pdf"
unpack "$P.zip"
is "$(findings)" "e:package.missing-experience" "no write-up: package.missing-experience"
grep -q '典型经验' out.json; ok $? "naming what the file name should hold"

"$QB_BIN/mkzip" "$P.zip" '申报书.docx=@form.docx' '典型经验材料.pdf=@'"$CORPUS/pdf-img/pdf_word2016_chinese_dengxian.pdf" \
  '证明材料.png=@'"$CORPUS/pdf-img/img_chinese_ui_screenshot_rgba.png"
unpack "$P.zip"
is "$(findings)" "e:package.not-word" "a write-up sent as PDF: package.not-word"
grep -q '典型经验材料“典型经验材料.pdf”是PDF 文件，应为 Word 文件' out.json; ok $? "saying what it is and what it should be"

"$QB_BIN/mkzip" "$P.zip" '申报书.docx=@'"$CORPUS/docx-real/real_encrypted_ooxml_in_cfb_password_pass.docx" \
  '典型经验材料.docx=@exp.docx' '证明材料.png=@'"$CORPUS/pdf-img/img_chinese_ui_screenshot_rgba.png"
unpack "$P.zip"
is "$(findings)" "e:package.encrypted" "a password-protected Word form: package.encrypted"
grep -q '设置了打开密码' out.json; ok $? "the message says it has a password"

# A stamped scan of the form beside the Word form: the Word one is the form.
"$QB_BIN/mkzip" "$P.zip" '申报书（盖章）.pdf=@'"$CORPUS/pdf-img/pdf_word2016_chinese_dengxian.pdf" $base \
  '证明材料.png=@'"$CORPUS/pdf-img/img_chinese_ui_screenshot_rgba.png"
unpack "$P.zip"
is "$rc $(jq -r '[.members[] | .role] | join(" ")' out.json)" "0 other form experience proof" \
   "a PDF copy of the form beside the Word form is kept, the Word one is the form"

# Legacy .doc: converted when LibreOffice is there, an error when it is not.
doc="$CORPUS/doc-legacy/legacy_wps_test11.doc"
"$QB_BIN/mkzip" "$P.zip" '申报书.docx=@form.docx' '典型经验材料.doc=@'"$doc" '证明材料.png=@'"$CORPUS/pdf-img/img_chinese_ui_screenshot_rgba.png"
mkdir -p nobin fakebin
unpack_path() { rm -rf w; PATH="$1" "$QB_BIN/qb-unpack" --json "$P.zip" w >out.json 2>err; rc=$?; }
unpack_path "$TMP/nobin"
is "$rc $(findings)" "1 e:package.legacy-doc" "a .doc write-up without a converter: package.legacy-doc error"
cat >fakebin/soffice <<SH
#!/bin/sh
# stands in for LibreOffice: soffice -env:… --headless --norestore --convert-to docx --outdir DIR FILE
while [ \$# -gt 1 ]; do [ "\$1" = --outdir ] && out=\$2; shift; done
n=\${1##*/}; "$QB_BIN/mkzip" --docx "\$out/\${n%.*}.docx" "converted"
SH
chmod +x fakebin/soffice
unpack_path "$TMP/fakebin"
is "$rc $(findings)" "0 w:package.legacy-doc" "with a converter: converted, a warning"
conv=$(jq -r '.members[] | select(.role == "experience") | .converted' out.json)
is "$(grep -c 'converted</w:t>' "w/$conv")" 1 "the converted .docx is in the work folder (stored: its text is readable)"
is "$(ls -A w | grep -c '^\.')" 0 "LibreOffice's profile and output folders are removed"
if command -v soffice >/dev/null 2>&1; then
  rm -rf w; "$QB_BIN/qb-unpack" --json "$doc" w >out.json 2>err
  conv=$(jq -r '.members[0].converted' out.json)
  "$QB_BIN/qb-unpack" --json "w/$conv" w2 >out2.json 2>err
  is "$(jq -r '.kind + " " + .format + " " + (.findings | length | tostring)' out2.json)" "document zip 0" \
     "the real LibreOffice converts the WPS .doc of the corpus into a Word file that opens"
else
  skip "LibreOffice is not installed"
fi

# package.name
"$QB_BIN/mkzip" x.zip $base '证明材料.png=@'"$CORPUS/pdf-img/img_chinese_ui_screenshot_rgba.png"
for n in 申报材料 新建文件夹 附件3 压缩包 "${P}申报材料"; do
  cp x.zip "$n.zip"; unpack "$n.zip"
  is "$(findings)" "e:package.name" "a package named “$n”: package.name"
done
for n in "$P" "某某（北京）科技有限公司" "某某集团" "某某市第一人民医院" "某某大学" "某某机床厂"; do
  cp x.zip "$n.zip"; unpack "$n.zip"
  is "$(findings) $(jq -r .applicant out.json)" " $n" "a package named “$n” names its applicant"
done
done_testing
