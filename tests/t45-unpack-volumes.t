#!/bin/sh
# Multi-volume RAR sets, as e-mail size limits make applicants send them: given the
# first volume, the others are found beside it and read in order (x.part1.rar …, or the
# old x.rar, x.r00, x.r01 …); a set with a volume missing, or a later volume given
# alone, is package.format with a reason — never a silently short file.
. "$(dirname "$0")/lib/tap.sh"
export LC_ALL=C.UTF-8
cd "$TMP" || exit 1
P=某某有限公司
head -c 30000 /dev/urandom >data.bin
want=$(sha256sum <data.bin | cut -d' ' -f1)
unpack() { rm -rf w; "$QB_BIN/qb-unpack" --json "$1" w >out.json 2>err; rc=$?; }
sha_of() { jq -r ".members[] | select(.name == \"$1\") | .sha256" out.json; }
rules() { jq -r '[.findings[] | select(.rule | test("missing") | not) | .rule] | unique | join(" ")' out.json; }

mkdir v5 v4 old
"$QB_BIN/mkrar" --volumes 3 "v5/$P.part%d.rar" '申报书.docx=@data.bin' '说明.txt=说明' 2>/dev/null
is "$(ls v5 | wc -l)" 3 "RAR5: a three-volume set is made"
unpack "v5/$P.part1.rar"
is "$(jq -r '.volumes' out.json) $(sha_of 申报书.docx)" "3 $want" "RAR5: the set is read from its first volume, the member whole"
is "$(jq -r '.applicant' out.json)" "$P" "RAR5: the applicant's name comes without .part1"

"$QB_BIN/mkrar" --rar4 --volumes 3 "v4/$P.part%d.rar" '申报书.docx=@data.bin' 2>/dev/null
unpack "v4/$P.part1.rar"
is "$(jq -r '.volumes' out.json) $(sha_of 申报书.docx)" "3 $want" "RAR4: the set is read whole"

"$QB_BIN/mkrar" --rar4 --old-naming --volumes 3 "old/x%d" '申报书.docx=@data.bin' 2>/dev/null
mv old/x1 "old/$P.rar"; mv old/x2 "old/$P.r00"; mv old/x3 "old/$P.r01"
unpack "old/$P.rar"
is "$(jq -r '.volumes' out.json) $(sha_of 申报书.docx)" "3 $want" "RAR4 old naming: x.rar, x.r00, x.r01 are read whole"

# Strangers beside the set are not taken for volumes.
cp "v5/$P.part2.rar" "v5/别的公司.part2.rar"; cp "v5/$P.part2.rar" "v5/$P.part02.rar"
unpack "v5/$P.part1.rar"
is "$(jq -r '.volumes' out.json) $(rules)" "3 package.not-word" \
   "other sets and other numbering beside it are left alone (the data is no Word file)"

unpack "v5/$P.part2.rar"
is "$rc $(rules)" "1 package.format" "a later volume given alone: package.format"
grep -q '请提交第一卷' out.json; ok $? "telling the secretary to give the first volume"

mv "v5/$P.part2.rar" "v5/gone.bin"
unpack "v5/$P.part1.rar"
is "$rc $(rules)" "1 package.format" "volume 2 missing: package.format"
grep -q '缺少其中的分卷' out.json; ok $? "saying a volume is missing"
is "$(jq '.members | length' out.json)" 0 "and nothing half-read is kept"
mv "v5/gone.bin" "v5/$P.part2.rar"; rm "v5/$P.part3.rar"
unpack "v5/$P.part1.rar"
is "$rc $(rules)" "1 package.format" "the last volume missing (volume 2 says more follow): package.format"

mkdir lone && cp "v4/$P.part1.rar" "lone/$P.rar"
unpack "lone/$P.rar"
is "$rc $(rules)" "1 package.format" "a renamed first volume whose others cannot be found: package.format"
done_testing
