#!/bin/sh
# What libarchive cannot read — RAR4 solid archives (it stops at the second entry) — is
# read by Debian's unar, in the same sandbox and under the same rules: names from our
# own header walk (GBK decoded as everywhere else), links and '..' refused, data checked
# against the headers' CRCs (unar can report success with wrong or missing data).
# (unar on RAR5, as after a libarchive crash: tests/unit/unpack_second_reader.c.)
. "$(dirname "$0")/lib/tap.sh"
export LC_ALL=C.UTF-8
cd "$TMP" || exit 1
command -v unar >/dev/null 2>&1 || { echo "1..0 # SKIP unar is not installed"; exit 0; }
unpack() { rm -rf w; "$QB_BIN/qb-unpack" --json "$1" w >out.json 2>err; rc=$?; }
head -c 5000 /dev/urandom >a.bin
sha() { sha256sum <"$1" | cut -d' ' -f1; }

"$QB_BIN/mkrar" --rar4 --solid s.rar --gbk '证明材料\质量奬证书.bin=@a.bin' --gbk '申报书.docx=form' \
  --symlink 'link=申报书.docx' '../evil.txt=x' 'tail.txt=the end'
unpack s.rar
is "$(jq -r .reader out.json)" unar "a RAR4 solid archive is read by unar"
is "$(jq -r '[.members[] | .name + "=" + .outcome] | join(" ")' out.json)" \
   "证明材料/质量奬证书.bin=ok 申报书.docx=ok link=unsafe ../evil.txt=unsafe tail.txt=ok" \
   "GBK names decoded by our walk; the link and '..' refused; the rest read"
is "$(jq -r '.members[0].sha256' out.json)" "$(sha a.bin)" "the data is byte for byte the original"
is "$(cat "w/$(jq -r '.members[4].stored' out.json)")" "the end" "the last member too (unar decodes the solid stream from the start)"
is "$(find "$TMP" -name 'evil*' | wc -l) $(ls -A w | grep -c '^\.')" "0 0" "nothing outside, no scratch folder left"

# Data that does not match its CRC: unar may not say so; the sink does.
"$QB_BIN/mkrar" --rar4 --solid c.rar 'first.txt=MARKER-GOOD-DATA' 'second.txt=fine'
perl -pi -e 's/MARKER-GOOD-DATA/MARKER-EVIL-DATA/' c.rar
unpack c.rar
is "$(jq -r '[.members[] | .outcome] | join(" ")' out.json)" "broken ok" "a member whose data fails its CRC is not kept"
grep -q '校验失败' out.json; ok $? "and reported as damaged"

"$QB_BIN/mkrar" --rar4 --solid e.rar --encrypted 'a.txt=x' --encrypted 'b.txt=y'
unpack e.rar
is "$(jq -r '[.findings[] | .rule] | unique | join(" ")' out.json)" "package.encrypted package.name" \
   "encrypted solid RAR4: package.encrypted, no password asked"

mkdir nobin
rm -rf w; PATH="$TMP/nobin" "$QB_BIN/qb-unpack" --json s.rar w >out.json 2>err
is "$(jq -r '[.findings[] | select(.rule == "package.format") | .rule] | join(" ")' out.json)" "package.format" \
   "without unar, a RAR4 solid archive is package.format"
done_testing
