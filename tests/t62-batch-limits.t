#!/bin/sh
# Each package runs in a child process of its own, under a wall-clock limit
# (--package-seconds), an address-space limit (--package-memory) and, only as a
# backstop a few seconds after the wall clock, a CPU limit. A child that runs out of
# time or dies costs one "error" row with a report saying why; the batch goes on, and
# the next run tries that package again.
. "$(dirname "$0")/lib/tap.sh"
. "$(dirname "$0")/lib/batch_inbox.sh"
export LC_ALL=C.UTF-8
cd "$TMP" || exit 1
mkdir tmp && export TMPDIR="$TMP/tmp"
batch_parts || { echo "1..0 # SKIP cannot build the packages"; exit 0; }
mkdir in
"$QB_BIN/mkrar" "in/$B_PASS.rar" 申报书.docx=@parts/form.docx 典型经验材料.docx=@parts/compliant-direct.docx \
  证明材料/目录.docx=@parts/proof.docx
# 800 MB of zeros in a 113 KB 7z take seconds to unpack (t44 keeps the same fixture).
mkdir -p "$QB_SAMPLES"
slow="$QB_SAMPLES/unpack-800MB-zeros.7z"
[ -s "$slow" ] || "$QB_BIN/mkzip" --7z "$slow" '申报书.docx=%zeros:800000000' 'b.txt=b'
cp "$slow" in/某某缓慢有限公司.7z
children_of() { # PID: a child process of PID, from /proc (procps may be absent)
  grep -l "^PPid:[[:space:]]*$1\$" /proc/[0-9]*/status 2>/dev/null | cut -d/ -f3 | head -1
}
row() { jq -r --arg n "$2" ".rows[] | select(.input == \$n) | $3" "$1/summary.json"; }

t0=$(date +%s%N)
"$QB_BIN/qb-batch" -j 2 --package-seconds 1 in out 2>err; rc=$?
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
is "$rc" 0 "a package over its time limit: the batch still runs to the end (exit 0)"
ok "$([ "$ms" -lt 8000 ] && echo 0 || echo 1)" "the slow package is stopped after about a second ($ms ms)"
is "$(row out 某某缓慢有限公司.7z .status) $(row out "$B_PASS.rar" .status)" "error pass" \
   "its row is an error row; the other package passes"
dir=out/$(row out 某某缓慢有限公司.7z .folder)
is "$(jq -r '[.status] + [.findings[].rule] | join(" ")' "$dir/report.json")" "error batch.timeout" \
   "its report.json says batch.timeout"
grep -q '处理超时：1 秒内未完成' "$dir/report.json"; ok $? "in Chinese, with the limit"
ok "$([ -s "$dir/report.html" ] && [ -s "$dir/dossier.pdf" ] && echo 0 || echo 1)" "and it has its report.html and dossier.pdf"
is "$(jq -r '.outcome + " " + (.complete | tostring) + " " + .sha256' "$dir/batch.json")" \
   "timeout false $(sha256sum <in/某某缓慢有限公司.7z | cut -d' ' -f1)" \
   "its stamp: timed out, not final, the input's SHA-256 (known before the deadline)"
grep -q '某某缓慢有限公司.7z：无法处理：处理超时' err; ok $? "the log says it timed out"
is "$(ls -A out | grep -c '^\.tmp-') $(ls -A tmp | wc -l)" "0 0" "nothing is left in the outbox or \$TMPDIR"

"$QB_BIN/qb-batch" -j 2 --package-seconds 1 in out 2>err
grep -q '本次检查 1 项，未变化跳过 1 项' err; ok $? "the next run tries the timed-out package again, and only it"

# A child that dies (here: killed with SIGSEGV from outside while it works).
"$QB_BIN/qb-batch" -j 1 --package-seconds 120 in crash 2>err &
batch=$!
# -j 1, in name order: the clean package (某某精 E7 B2 BE) first, then the slow one
# (某某缓 E7 BC 93); once the first is published, the child at work is the slow one's.
child=""
for i in $(seq 1 400); do
  [ -d "crash/$B_PASS.rar" ] && child=$(children_of "$batch") && [ -n "$child" ] && break
  sleep 0.05
done
sleep 0.3
limits=""
[ -n "$child" ] && limits=$(cat "/proc/$child/limits" 2>/dev/null) && kill -SEGV "$child"
wait "$batch"; rc=$?
is "$rc" 0 "a child that dies: the batch still runs to the end (exit 0)"
is "$(row crash 某某缓慢有限公司.7z '.status')" error "the package it was checking is an error row"
cdir=crash/$(row crash 某某缓慢有限公司.7z .folder)
is "$(jq -r '[.findings[].rule] | join(" ")' "$cdir/report.json")" "batch.crashed" "its report says batch.crashed"
grep -q '处理时程序异常终止（信号 [0-9]*）' "$cdir/report.json"; ok $? "naming the signal"
is "$(row crash "$B_PASS.rar" .status)" pass "the other package was checked as usual"

# The limits the child ran under (read from /proc while it ran).
cpu=$(echo "$limits" | awk '/^Max cpu time/ {print $4}')
is "$cpu" 123 "CPU time is limited to the wall clock + 3 s (a backstop only: the deadline comes first)"
as=$(echo "$limits" | awk '/^Max address space/ {print $4}')
if ldd "$QB_BIN/qb-batch" 2>/dev/null | grep -q libasan; then
  skip "no address-space limit under AddressSanitizer (it reserves terabytes up front)"
else
  is "$as" 2147483648 "address space is limited to 2 GiB by default"
fi

# Out of memory: a write-up of 1.6 million paragraphs (60 MB of XML in 180 KB) under
# --package-memory 256 is the machine's limit, not the applicant's: 无法处理, 内存不足.
# (The editions stop reading a write-up long before that — document.too-large —, so this
# runs under an edition that lifts those limits, as a secretariat's own copy could.)
if ldd "$QB_BIN/qb-batch" 2>/dev/null | grep -q libasan; then
  skip "no address-space limit under AddressSanitizer"
elif ! command -v python3 >/dev/null 2>&1; then
  skip "python3 is not installed (it builds the large write-up)"
else
  mkdir mem
  python3 - mem/某某巨大有限公司.docx <<'PY'
import sys, zipfile
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
ct = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
      'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="word/document.xml"/></Relationships>')
p = '<w:p><w:r><w:t>质量</w:t></w:r></w:p>'
doc = ('<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="%s"><w:body>' % W) + p * ((60 << 20) // len(p.encode())) + '</w:body></w:document>'
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('[Content_Types].xml', ct); z.writestr('_rels/.rels', rels); z.writestr('word/document.xml', doc)
PY
  printf '[edition]\nbase = caq-2023\nname = unbounded\n[document]\nmax_paragraphs = 1000000000\nmax_cells = 1000000000\nmax_chars = 1000000000\nmax_model_mb = 1000000\n' >unbounded.ini
  "$QB_BIN/qb-batch" --edition "$PWD/unbounded.ini" --package-memory 256 --package-seconds 60 mem memout 2>err; rc=$?
  mdir=memout/$(row memout 某某巨大有限公司.docx .folder)
  is "$rc $(row memout 某某巨大有限公司.docx .status) $(jq -r '[.findings[].rule] | join(" ")' "$mdir/report.json")" \
     "0 error batch.memory" "out of memory: a 无法处理 row, batch.memory, no finding against the documents"
  row memout 某某巨大有限公司.docx .problems | grep -q '^内存不足：检查时超出了 256 MB 的内存上限，已停止；这不是申报材料的问题'
  ok $? "saying the machine ran out, with the limit"
  is "$(jq -r '"\(.outcome) \(.complete) \(.limits)"' "$mdir/batch.json")" "memory false 60s 256MB" \
     "its stamp: out of memory, not final, the limits it ran under"
  "$QB_BIN/qb-batch" --edition "$PWD/unbounded.ini" --package-memory 256 --package-seconds 60 mem memout 2>err2
  grep -q '本次检查 1 项，未变化跳过 0 项' err2; ok $? "the next run tries it again"
fi
# A .doc whose converter (LibreOffice) was killed — out of memory under the limit, or out
# of time — is the machine's failure, not the applicant's: 无法处理, 内存不足, tried again.
mkdir -p docin fakelo
printf '#!/bin/sh\nkill -KILL $$\n' >fakelo/soffice && chmod +x fakelo/soffice
printf '\320\317\021\340\241\261\032\341' >old.doc && head -c 4096 /dev/zero >>old.doc
"$QB_BIN/mkform" . cells-ok >/dev/null && mv cells-ok.docx docform.docx
"$QB_BIN/mkzip" docin/某某精工机械制造有限公司.zip 申报书.docx=@docform.docx 典型经验材料.doc=@old.doc >/dev/null
PATH="$PWD/fakelo:$PATH" "$QB_BIN/qb-batch" docin docout 2>/dev/null
is "$(row docout 某某精工机械制造有限公司.zip .status) $(jq -r .outcome "docout/$(row docout 某某精工机械制造有限公司.zip .folder)/batch.json")" \
   "error memory" "a .doc whose converter was killed: a 无法处理 row, out of memory, not a finding against it"
PATH="$PWD/fakelo:$PATH" "$QB_BIN/qb-batch" docin docout 2>err3
grep -q '本次检查 1 项' err3; ok $? "and the next run tries it again"
done_testing
