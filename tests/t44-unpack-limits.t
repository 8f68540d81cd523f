#!/bin/sh
# The edition's safety limits ([package] in templates/rules): package size, bytes
# actually written (not the sizes archives declare), member count, nesting depth; and
# entries whose data is longer or shorter than their header says. A secretariat sets
# the limits in its own rules file, as here.
. "$(dirname "$0")/lib/tap.sh"
export LC_ALL=C.UTF-8
cd "$TMP" || exit 1
cat >tight.ini <<'INI'
[edition]
base = caq-2023
name = tight
[package]
max_size_mb = 2
max_unpacked_mb = 1
max_members = 5
max_depth = 0
INI
unpack() { rm -rf w; "$QB_BIN/qb-unpack" --edition tight.ini --json "$1" w >out.json 2>err; rc=$?; }
written() { find w -type f ! -name manifest.json -printf '%s\n' | awk '{s += $1} END {print s + 0}'; }
rules() { jq -r '[.findings[] | select(.rule | test("missing|name") | not) | .severity[0:1] + ":" + .rule] | unique | join(" ")' out.json; }

"$QB_BIN/mkrar" big.rar 'a.bin=%zeros:3145728'
unpack big.rar
is "$rc $(rules)" "1 e:package.too-large" "a 3 MB package over a 2 MB limit: package.too-large"
grep -q '超过了 2 MB 的上限' out.json; ok $? "the message says the limit"
is "$(jq '.members | length' out.json) $(written)" "0 0" "and nothing is unpacked"

"$QB_BIN/mkrar" two.rar 'a.bin=%zeros:700000' 'b.bin=%zeros:700000' 'c.txt=small'
unpack two.rar
is "$(jq -r '[.members[] | .outcome] | join(" ")' out.json)" "ok too-large ok" \
   "declared sizes: the member that would pass 1 MB unpacked is skipped, the rest goes on"
is "$(written)" 700005 "700,005 bytes written"

# A folder declares nothing: the bytes written are counted, and writing stops at 1 MB.
mkdir -p dir/sub
head -c 700000 /dev/zero >dir/a.bin; head -c 700000 /dev/zero >dir/sub/b.bin
unpack dir
is "$(rules)" "e:package.too-large" "a folder with 1.4 MB under a 1 MB limit: package.too-large"
ok "$([ "$(written)" -le 1048576 ] && echo 0 || echo 1)" "at most 1 MiB is kept ($(written) bytes)"

"$QB_BIN/mkzip" many.zip 1.txt=1 2.txt=2 3.txt=3 4.txt=4 5.txt=5 6.txt=6 7.txt=7
unpack many.zip
grep -q '文件数量超过上限' out.json; ok $? "7 members over a limit of 5: package.too-large"
is "$(rules)" "e:package.too-large" "and nothing else"

"$QB_BIN/mkzip" inner.zip 'x.txt=x'
"$QB_BIN/mkrar" nest.rar 'inner.zip=@inner.zip' 'y.txt=y'
unpack nest.rar
is "$(jq -r '[.members[] | .name] | join(" ")' out.json)" "inner.zip y.txt" "max_depth = 0: an inner archive stays packed"
is "$(jq -r '.findings[] | select(.rule == "package.too-large") | .severity' out.json)" warning \
   "with a warning"

# Headers that lie: more data than declared (libzip and some readers do not stop), less.
"$QB_BIN/mkrar" liar.rar --declare 10 'liar.txt=%zeros:100000' 'ok.txt=fine'
unpack liar.rar
is "$(jq -r '[.members[] | .outcome] | join(" ")' out.json) $(written)" "broken ok 4" \
   "data longer than its header says: removed, reported; the next member is fine"
grep -q '实际数据比压缩包记录的大小多' out.json; ok $? "the reason says so"
"$QB_BIN/mkrar" --rar4 short.rar --declare 200000 'short.txt=%zeros:1000'
unpack short.rar
is "$(jq -r '.members[0].outcome' out.json) $(written)" "broken 0" "data shorter than declared: not kept"
is "$(rules)" "e:package.format" "reported as package.format"

# The time limit: 800 MB of zeros in a 113 KB 7z take seconds to unpack; with 1 second
# allowed the reader is stopped. (The fixture is slow to make, so it is kept.)
mkdir -p "$QB_SAMPLES"
slow="$QB_SAMPLES/unpack-800MB-zeros.7z"
[ -s "$slow" ] || "$QB_BIN/mkzip" --7z "$slow" '申报书.docx=%zeros:800000000' 'b.txt=b'
cat >slow.ini <<'INI'
[edition]
base = caq-2023
name = one-second
[package]
max_seconds = 1
max_unpacked_mb = 2048
INI
t0=$(date +%s%N)
rm -rf w; "$QB_BIN/qb-unpack" --edition slow.ini --json "$slow" w >out.json 2>err; rc=$?
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
is "$rc $(rules)" "1 e:package.too-large" "a package that unpacks too slowly: package.too-large"
grep -q '解压超时' out.json; ok $? "the message says it timed out"
ok "$([ "$ms" -lt 5000 ] && echo 0 || echo 1)" "stopped after about a second ($ms ms)"
is "$(written)" 0 "the half-written member is removed"
done_testing
