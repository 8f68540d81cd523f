#!/bin/sh
# Member names as Chinese packages carry them: GBK from Windows without the UTF-8 flag
# (ZIP) or the Unicode flag (RAR4), UTF-8 with and without the flag, Info-ZIP's Unicode
# Path field; decoded before '\' is taken for a separator, since a GBK trail byte can
# be 0x5C (奬 = 8A 5C). The original bytes stay in the manifest.
. "$(dirname "$0")/lib/tap.sh"
export LC_ALL=C.UTF-8
cd "$TMP" || exit 1
gbk_hex() { printf '%s' "$1" | iconv -f UTF-8 -t GB18030 | od -An -tx1 | tr -d ' \n'; }
names() { jq -r '[.members[] | .name] | join(" | ")' out.json; }
unpack() { rm -rf w; "$QB_BIN/qb-unpack" --json "$1" w >out.json 2>err; }

"$QB_BIN/mkzip" a.zip --gbk '申报材料/质量奬申报书.docx=x' --noflag '典型经验材料.docx=y' '证明材料/营业执照.png=z'
unpack a.zip
is "$(names)" "申报材料/质量奬申报书.docx | 典型经验材料.docx | 证明材料/营业执照.png" \
   "ZIP: GBK (with a 0x5C trail byte), unflagged UTF-8 and flagged UTF-8 names decode"
is "$(jq -r '.members[0].name_raw_hex' out.json)" "$(gbk_hex '申报材料/质量奬申报书.docx')" \
   "ZIP: the GBK bytes are kept in the manifest"

# Windows writes '\' in RAR4 names: the 0x5C of 奬 and the separator must not be confused.
"$QB_BIN/mkrar" --rar4 b.rar --gbk '证明材料\质量奬证书.png=x' --gbk '申报书.docx=y' '典型经验.docx=z'
unpack b.rar
is "$(names)" "证明材料/质量奬证书.png | 申报书.docx | 典型经验.docx" \
   "RAR4: GBK names decode before '\\' splits them (libarchive alone gets 奬 wrong)"
is "$(jq -r '.members[0].name_raw_hex' out.json)" "$(gbk_hex '证明材料\质量奬证书.png')" \
   "RAR4: the raw name bytes are the header's"

"$QB_BIN/mkrar" c.rar '申报材料/典型经验材料.docx=x' '申报材料/申报书.docx=y'
unpack c.rar
is "$(names)" "申报材料/典型经验材料.docx | 申报材料/申报书.docx" "RAR5: UTF-8 names"

# CP437 "Ä" (0x8E) with a Unicode Path field naming it in UTF-8
"$QB_BIN/mkzip" d.zip --hex --unicode-path 'Ä申报书.docx' '8ec9eac7ebcae92e646f6378=x'
unpack d.zip
is "$(names)" "Ä申报书.docx" "ZIP: the Info-ZIP Unicode Path field (0x7075) wins over the raw bytes"

"$QB_BIN/mkzip" e.zip --hex 'fffefd2e747874=x' 'ok.txt=y'
unpack e.zip
is "$(jq -r '[.members[] | .outcome] | join(" ")' out.json)" "unsafe ok" "an undecodable name is skipped, the rest goes on"
grep -q '文件名编码无法识别' out.json; ok $? "with a reason a secretary can read"
is "$(jq -r '.members[0].name_raw_hex' out.json)" fffefd2e747874 "and its bytes in the manifest"

# The package's own name in GBK bytes (copied from a Chinese Windows share).
gbkname=$(printf '%s' '某某有限公司.zip' | iconv -f UTF-8 -t GB18030)
cp a.zip "$gbkname"
unpack "$gbkname"
is "$(jq -r '.package + " " + .applicant' out.json)" "某某有限公司.zip 某某有限公司" \
   "a package named in GBK bytes is named in Chinese"
done_testing
