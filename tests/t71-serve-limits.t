#!/bin/sh
# qb-serve's limits hold: an upload over the edition's package limit gets 413 and
# nothing of it is stored — refused from its Content-Length before a byte is read, or,
# sent without one, cut off as it streams; 20 uploads at once are all answered, the
# same as qb-check; beyond the workers and the queue a request gets 503 with
# Retry-After; after hostile uploads (an entity-bomb DOCX, compression bombs in 7z and
# ZIP) the server still answers, with qb-check's JSON for them; a check past its deadline
# is killed and answered 422.
. "$(dirname "$0")/lib/tap.sh"
. "$(dirname "$0")/lib/serve.sh"
export LC_ALL=C.UTF-8
command -v curl >/dev/null || { echo "1..0 # SKIP curl not installed (mk/deps.sh)"; exit 0; }
cd "$TMP" || exit 1
S=${QB_SAMPLES:-$TMP/samples}/serve
mkdir -p "$S"
"$QB_BIN/mksample" "$S" compliant-direct fmt-body-font >/dev/null || exit 1

# ---- 413: an edition whose package limit is 1 MB ------------------------------------
cat >small.ini <<'INI'
[edition]
base = caq-2023
name = small
[package]
max_size_mb = 1
INI
head -c 2000000 /dev/urandom >big.docx
serve_start --edition small.ini --workers 1 || { echo "1..0 # SKIP qb-serve did not start: $(cat "$SERVE_LOG")"; exit 0; }
code=$(post big.docx)
is "$code $(jq -r .error_en body)" "413 the file is over the package size limit and was not accepted" \
   "2 MB against a 1 MB limit: 413 with a reason"
is "$(grep -c ' POST /api/check 413 0 ' "$SERVE_LOG")" 1 "refused from its Content-Length: not a byte of it read"
is "$(stored)" 0 "nothing stored in the server's temporary folder"
code=$(post big.docx -H 'Transfer-Encoding: chunked')
is "$code" 413 "the same sent in chunks (no Content-Length): 413"
is "$(stored)" 0 "nothing of it stored either (the partial file is removed as the limit is passed)"
head -c 5000000 /dev/zero >huge.docx
code=$(post huge.docx -H 'Transfer-Encoding: chunked')
case $code in 000 | 100) code=cut ;; esac # no final answer: only curl's own 000, or the 100 Continue
bytes=$(tail -1 "$SERVE_LOG" | sed -n 's/.* POST \/api\/check 413 \([0-9]*\) .*/\1/p')
is "$code $([ "${bytes:-0}" -lt 3000000 ] && echo early)" "cut early" \
   "5 MB in chunks: the connection is cut once twice the limit has been sent (${bytes:-?} bytes read)"
is "$(stored)" 0 "and nothing of it is stored"
code=$(post "$S/compliant-direct.docx")
"$QB_BIN/qb-check" --edition small.ini --json "$S/compliant-direct.docx" >want.json
cmp -s body want.json; is "$code $?" "200 0" "a write-up under the limit is checked under that edition"
serve_stop

# ---- 20 at once -----------------------------------------------------------------------
serve_start --workers 2 || exit 1
"$QB_BIN/qb-check" --json "$S/fmt-body-font.docx" >want.json
i=0 pids=
while [ $i -lt 20 ]; do
  curl -s -o "c$i.json" -w '%{http_code}\n' -F "file=@$S/fmt-body-font.docx" "$SERVE_URL/api/check" >"c$i.code" &
  pids="$pids $!"
  i=$((i + 1))
done
wait $pids # (not a bare wait: the server is a child of this shell too)
ok200=0 same=0 i=0
while [ $i -lt 20 ]; do
  [ "$(cat "c$i.code")" = 200 ] && ok200=$((ok200 + 1))
  cmp -s "c$i.json" want.json && same=$((same + 1))
  i=$((i + 1))
done
is "$ok200 $same" "20 20" "20 concurrent uploads: all answered 200, each with qb-check's JSON"
is "$(grep -c ' POST /api/check 200 ' "$SERVE_LOG")" 20 "20 log lines"
serve_stop

# ---- hostile uploads (an edition that allows 64 MB unpacked, as a secretariat may set) --
cat >tight.ini <<'INI'
[edition]
base = caq-2023
name = tight
[package]
max_unpacked_mb = 64
INI
serve_start --edition tight.ini --workers 2 || exit 1

CT='<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
RELS='<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
ENT='<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">'
for x in b:a c:b d:c e:d f:e g:f h:g i:h; do
  n=${x%:*} p=${x#*:}
  ENT="$ENT<!ENTITY $n \"&$p;&$p;&$p;&$p;&$p;&$p;&$p;&$p;&$p;&$p;\">"
done
DOC="<?xml version=\"1.0\"?><!DOCTYPE w:document [$ENT]><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>&i;</w:t></w:r></w:p></w:body></w:document>"
"$QB_BIN/mkzip" 实体炸弹.docx "[Content_Types].xml=$CT" "_rels/.rels=$RELS" "word/document.xml=$DOC"
code=$(post 实体炸弹.docx)
"$QB_BIN/qb-check" --edition tight.ini --json 实体炸弹.docx >want.json 2>/dev/null
cmp -s body want.json; is "$code $? $(jq -r .status body)" "200 0 error" \
   "an entity-bomb DOCX (10^8 expansions): qb-check's JSON, not processed"
"$QB_BIN/mkzip" --7z 压缩炸弹.7z '典型经验材料.docx=%zeros:300000000' 'b.txt=b'
code=$(post 压缩炸弹.7z)
"$QB_BIN/qb-check" --edition tight.ini --json 压缩炸弹.7z >want.json 2>/dev/null
cmp -s body want.json || diag "$(diff want.json body | head -20)"
cmp -s body want.json; is "$code $? $(jq -r '[.findings[].rule] | index("package.too-large") != null' body)" "200 0 true" \
   "a compression bomb (300 MB of zeros in $(wc -c <压缩炸弹.7z) bytes): package.too-large, as qb-check says"
zip_bomb 某某压缩炸弹有限公司.zip 典型经验材料.docx 100000000
code=$(post 某某压缩炸弹有限公司.zip)
"$QB_BIN/qb-check" --edition tight.ini --json 某某压缩炸弹有限公司.zip >want.json 2>/dev/null
cmp -s body want.json || diag "$(diff want.json body | head -20)"
cmp -s body want.json; is "$code $? $(jq -r '[.findings[] | select(.rule == "package.too-large") | .message_en] | length' body)" \
   "200 0 1" "a ZIP bomb (100 MB of deflated zeros in $(wc -c <某某压缩炸弹有限公司.zip) bytes): package.too-large, as qb-check says"
code=$(post "$S/compliant-direct.docx")
is "$code $(jq -r .status body)" "200 pass" "after them the server still checks"
kill -0 "$SERVE_PID"; ok $? "the same server process"
is "$(uploads_left)" 0 "nothing of them is left in its temporary folder"
serve_stop

# ---- a check that outlives its deadline: the child is killed, 422, the server goes on ---
# (800 MB of zeros in a 113 KB 7z take seconds to unpack: t44 makes the same file)
slow=${QB_SAMPLES:-$TMP/samples}/unpack-800MB-zeros.7z
[ -s "$slow" ] || "$QB_BIN/mkzip" --7z "$slow" '申报书.docx=%zeros:800000000' 'b.txt=b'
serve_start --workers 1 --package-seconds 1 || exit 1
t0=$(date +%s)
code=$(post "$slow")
t1=$(date +%s)
is "$code $(jq -r .error_en body)" "422 timed out and stopped (is the file too large or damaged?)" \
   "a check past --package-seconds 1: 422 with a reason"
ok "$([ $((t1 - t0)) -le 4 ] && echo 0 || echo 1)" "answered when the deadline passed ($((t1 - t0)) s)"
code=$(post "$S/compliant-direct.docx")
is "$code $(jq -r .status body)" "200 pass" "the server checks the next file"
is "$(uploads_left)" 0 "nothing of the killed check is left"
serve_stop

# ---- 503 beyond the queue: one worker, a queue of one, two slow uploads hold both ------
head -c 120000 /dev/urandom >slow.bin
serve_start --workers 1 --queue 1 || exit 1
curl -s -o s1.json -w '%{http_code}' --limit-rate 30k -F "file=@slow.bin;filename=a.docx" "$SERVE_URL/api/check" >s1.code &
p1=$!
curl -s -o s2.json -w '%{http_code}' --limit-rate 30k -F "file=@slow.bin;filename=b.docx" "$SERVE_URL/api/check" >s2.code &
p2=$!
sleep 1.5
code=$(post "$S/compliant-direct.docx")
is "$code $(header Retry-After)" "503 5" "a third request while two are under way: 503 with Retry-After"
wait $p1 $p2
is "$(cat s1.code) $(cat s2.code)" "200 200" "the two admitted ones are answered"
code=$(post "$S/compliant-direct.docx")
is "$code" 200 "and then there is room again"
serve_stop
is "$SERVE_RC" 0 "each server stopped cleanly"
done_testing
