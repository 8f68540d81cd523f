#!/bin/sh
# One reading of every archive (issue 14): a file that two programs read as two
# different archives is refused as a whole — a ZIP with two central directories, one
# whose ZIP64 record names another directory than its end record, bytes after the end
# record, a ZIP and a RAR (or 7z) in one file either way round; a DOCX the same
# through qb-check, and one whose local header names another part. What is refused is said, in Chinese and English. A package too large is
# refused before anything reads it. And the fixture tools answer --help.
. "$(dirname "$0")/lib/tap.sh"
export LC_ALL=C.UTF-8
cd "$TMP" || exit 1
unpack() { rm -rf w; "$QB_BIN/qb-unpack" --json "$1" w >out.json 2>err; rc=$?; }
rules() { jq -r '[.findings[] | .rule] | join(" ")' out.json; }
msg() { jq -r --arg l "$1" '[.findings[] | select(.rule == "package.format") | .[$l]] | join(" | ")' out.json; }
written() { find w -type f ! -name manifest.json | wc -l | tr -d ' '; }

"$QB_BIN/mkzip" a.zip 'a.txt=short' 'b.txt=first reading'
"$QB_BIN/mkzip" b.zip 'a.txt=a longer text' 'c.txt=second reading'

# Two directories, each with its end record: unzip takes the last, libzip may take the first.
"$QB_BIN/mkzip" --join two-dirs two.zip a.zip b.zip
unpack two.zip
is "$rc $(rules)" "1 package.format package.name" "two central directories: refused (package.format)"
case "$(msg message)" in *两个中央目录*) r=0 ;; *) r=1 ;; esac; ok $r "two central directories: said in Chinese"
case "$(msg message_en)" in *"two ZIP end records"*) r=0 ;; *) r=1 ;; esac; ok $r "two central directories: said in English"
is "$(written)" 0 "two central directories: nothing unpacked"

# One end record, but a ZIP64 locator before it naming the other directory: libzip
# reads that one, a tool without ZIP64 the end record's.
"$QB_BIN/mkzip" --join zip64-decoy decoy.zip a.zip b.zip
unpack decoy.zip
is "$rc $(rules)" "1 package.format package.name" "a ZIP64 record naming another directory: refused"
case "$(msg message)" in *读法不一致*) r=0 ;; *) r=1 ;; esac; ok $r "a ZIP64 record naming another directory: said in Chinese"
is "$(written)" 0 "a ZIP64 record naming another directory: nothing unpacked"

# Bytes after the end record (beyond its comment).
{ cat a.zip; printf 'appended junk'; } > tail.zip
unpack tail.zip
is "$rc $(rules)" "1 package.format package.name" "bytes after the end record: refused"
case "$(msg message)" in *"13 字节多余的数据"*) r=0 ;; *) r=1 ;; esac; ok $r "bytes after the end record: counted in the reason"

# A ZIP with a RAR after it, and a RAR with a ZIP after it: name both halves.
"$QB_BIN/mkrar" r.rar 'hidden.txt=the other half'
cat a.zip r.rar > zr.zip
unpack zr.zip
is "$rc $(rules)" "1 package.format package.name" "ZIP + RAR in one file: refused"
case "$(msg message)" in *"ZIP 压缩包，后面又附加了一个 RAR"*) r=0 ;; *) r=1 ;; esac; ok $r "ZIP + RAR: both named"
cat r.rar a.zip > rz.rar
unpack rz.rar
is "$rc $(rules)" "1 package.format package.name" "RAR + ZIP in one file: refused"
case "$(msg message) / $(msg message_en)" in *"RAR 压缩包，后面又附加了一个 ZIP"*"RAR archive with a ZIP archive appended"*) r=0 ;; *) r=1 ;; esac
ok $r "RAR + ZIP: both named, in both languages"
is "$(written)" 0 "RAR + ZIP: nothing unpacked"

# The same with a 7z either way round.
"$QB_BIN/mkzip" --7z s.7z 'hidden.txt=the other half'
cat s.7z a.zip > sz.7z
unpack sz.7z
case "$rc $(rules) / $(msg message)" in "1 package.format package.name / "*"7z 压缩包，后面又附加了一个 ZIP"*) r=0 ;; *) r=1 ;; esac
ok $r "7z + ZIP in one file: refused, both named"
cat a.zip s.7z > zs.zip
unpack zs.zip
case "$rc $(rules) / $(msg message)" in "1 package.format package.name / "*"ZIP 压缩包，后面又附加了一个 7z"*) r=0 ;; *) r=1 ;; esac
ok $r "ZIP + 7z in one file: refused, both named"

# What must still pass: a package with a Word file stored in it carries that file's own
# end record, and a ZIP as the last member of a RAR is part of the RAR.
"$QB_BIN/mkzip" --docx d.docx '标题' '正文'
"$QB_BIN/mkzip" pkg.zip '申报书.docx=@d.docx' 'a.txt=x'
unpack pkg.zip
is "$rc $(jq -r '[.members[] | .outcome] | join(" ")' out.json) $(msg message)" "1 ok ok " \
   "a stored Word file inside a ZIP is not a second directory"
"$QB_BIN/mkrar" inner.rar 'a.txt=x' 'last.zip=@a.zip'
unpack inner.rar
is "$(jq -r '[.members[] | .outcome] | join(" ")' out.json) $(msg message)" "ok ok ok ok " \
   "a ZIP as the last member of a RAR is not an appended ZIP (it is unpacked, and its members too)"

# A DOCX with two directories: qb-check reads neither half, and says why.
"$QB_BIN/mkzip" --docx short.docx '标题' '摘要' '短的正文。'
"$QB_BIN/mkzip" --docx long.docx '标题' '摘要' "$(printf '很长的正文%.0s' $(seq 1 200))"
"$QB_BIN/mkzip" --join two-dirs 典型经验材料.docx short.docx long.docx
"$QB_BIN/qb-check" --json 典型经验材料.docx >out.json 2>err; rc=$?
is "$rc $(jq -r '.findings[0].rule' out.json)" "2 package.format" "DOCX with two directories: qb-check cannot read it (exit 2)"
case "$(jq -r '.findings[0].message' out.json)" in *不是可读取的*两个中央目录*) r=0 ;; *) r=1 ;; esac
ok $r "DOCX with two directories: the Chinese reason says what"
case "$(jq -r '.findings[0].message_en' out.json)" in *"two ZIP end records"*) r=0 ;; *) r=1 ;; esac
ok $r "DOCX with two directories: the English reason says what"
is "$(jq -r '[.counts[] | .count] | add' out.json)" 0 "DOCX with two directories: no half of it counted"
"$QB_BIN/qb-docx" 典型经验材料.docx >/dev/null 2>err; rc=$?
case "$rc $(cat err)" in "2 "*两个中央目录*) r=0 ;; *) r=1 ;; esac; ok $r "qb-docx refuses it too (exit 2, reason)"
"$QB_BIN/mkzip" --join zip64-decoy 决策.docx short.docx long.docx
"$QB_BIN/qb-check" --json 决策.docx >out.json 2>err; rc=$?
case "$rc $(jq -r '.findings[0].rule + " " + .findings[0].message' out.json)" in "2 package.format "*读法不一致*) r=0 ;; *) r=1 ;; esac
ok $r "DOCX read differently by libzip (ZIP64 decoy): refused with the reason"
# (before: qb-check counted libzip's 1000-字 abstract while unzip extracts the short one)
is "$(unzip -p 决策.docx word/document.xml 2>/dev/null | grep -c 很长) $(jq -r '.counts.abstract.count' out.json)" "0 0" \
   "ZIP64 decoy: what unzip extracts is short, and nothing else was counted"

# A DOCX whose local header names another part than its directory (CHECKCONS refuses
# it; the retry without CHECKCONS must not let it through).
mkdir parts && (cd parts && unzip -q ../short.docx && "$QB_BIN/mkzip" ../名不一致.docx \
  '[Content_Types].xml=@[Content_Types].xml' '_rels/.rels=@_rels/.rels' \
  --local word/other.xml 'word/document.xml=@word/document.xml')
"$QB_BIN/qb-check" --json 名不一致.docx >out.json 2>err; rc=$?
case "$rc $(jq -r '.findings[0].rule + " " + .findings[0].message' out.json)" in "2 package.format "*文件名前后不一致*) r=0 ;; *) r=1 ;; esac
ok $r "DOCX whose local header names another part: refused with the reason"

# Too large is said before anything reads the file: a 30 GB sparse file at once.
if truncate -s 30G huge.rar 2>/dev/null; then
  timeout 20 "$QB_BIN/qb-check" --json huge.rar >out.json 2>err
  is "$(jq -r '.findings[0].rule' out.json 2>/dev/null)" "package.too-large" "30 GB sparse .rar: package.too-large"
  printf 'PK\003\004' > huge.zip && truncate -s 30G huge.zip
  timeout 20 "$QB_BIN/qb-check" --json huge.zip >out.json 2>err
  is "$(jq -r '.findings[0].rule' out.json 2>/dev/null)" "package.too-large" "30 GB sparse .zip: package.too-large"
  rm -f huge.rar huge.zip
else
  skip "no sparse files here"; skip "no sparse files here"
fi

# The fixture tools: --help is usage on stdout, exit 0, and no file named after it.
for t in mkzip mkrar; do
  mkdir -p "h$t" && (cd "h$t" && "$QB_BIN/$t" --help >out 2>err; echo $? >rc)
  is "$(cat "h$t/rc") $(head -c 12 "h$t/out" | grep -c usage) $(ls "h$t" | tr '\n' ' ')" "0 1 err out rc " \
     "$t --help: usage on stdout, exit 0, no file created"
  (cd "h$t" && "$QB_BIN/$t" --no-such x.zip >out 2>err; echo $? >rc)
  is "$(cat "h$t/rc") $(grep -c usage "h$t/err") $(ls "h$t" | tr '\n' ' ')" "2 1 err out rc " \
     "$t with a bad option: usage on stderr, exit 2, no file created"
done
done_testing
