#!/bin/sh
# qb-serve's API as a secretariat's portal uses it: POST /api/check answers byte for
# byte what `qb-check --json` prints for the same file — a write-up, a RAR and a ZIP
# package, another edition —; malformed requests get 400 with a reason; kept results
# (keep=1) download under an unguessable id and are deleted when they expire; one log
# line per request; SIGTERM stops it cleanly and leaves nothing behind.
. "$(dirname "$0")/lib/tap.sh"
. "$(dirname "$0")/lib/serve.sh"
export LC_ALL=C.UTF-8
command -v curl >/dev/null || { echo "1..0 # SKIP curl not installed (mk/deps.sh)"; exit 0; }
cd "$TMP" || exit 1
S=${QB_SAMPLES:-$TMP/samples}/serve
mkdir -p "$S"
"$QB_BIN/mksample" "$S" compliant-direct fmt-body-font over-abstract >/dev/null || exit 1
# a package, as batch_inbox.sh builds them: form, write-up, proof, named for the applicant
A=某某精工机械制造有限公司
"$QB_BIN/mkform" --applicant "$A" . cells-ok && mv cells-ok.docx form.docx # a correct form (samples/mkform.c)
"$QB_BIN/mkzip" --docx proof.docx "证明材料目录" "一、营业执照"
"$QB_BIN/mkrar" "$A.rar" 申报书.docx=@form.docx 典型经验材料.docx=@"$S/compliant-direct.docx" 证明材料/目录.docx=@proof.docx
"$QB_BIN/mkzip" "某某机械有限公司.zip" 申报书.docx=@form.docx 典型经验材料.docx=@"$S/over-abstract.docx"

# the front end: --help on stdout, bad usage exit 2
"$QB_BIN/qb-serve" --help >help.txt 2>/dev/null
is "$? $(grep -c -- '--listen ADDR:PORT  ' help.txt)" "0 1" "--help: the usage on stdout, exit 0"
"$QB_BIN/qb-serve" --no-such-option >out.txt 2>err.txt
is "$? $(wc -c <out.txt)" "2 0" "an unknown option: exit 2, nothing on stdout"
"$QB_BIN/qb-serve" --listen 8080 2>err.txt
is "$? $(grep -c 'expected ADDR:PORT' err.txt)" "2 1" "--listen without an address: exit 2 with the reason"

serve_start --workers 2 --keep 3 || { echo "1..0 # SKIP qb-serve did not start: $(cat "$SERVE_LOG")"; exit 0; }

# The checks' children are never bare forks of the threaded server (a fork may keep a lock
# another thread held: glibc's tzset lock was seen to hang one for good): a single-threaded
# zygote, forked before the threads, forks them, and they come back to the server as its
# children. So: the zygote and the spares, each with one thread — three for each of the
# two workers once the server is quiet (made ahead for a burst of requests).
kids() { grep -l "^PPid:[[:space:]]*$SERVE_PID\$" /proc/[0-9]*/status 2>/dev/null | cut -d/ -f3; }
for _ in $(seq 100); do [ "$(kids | wc -l)" -ge 7 ] && break; sleep 0.1; done
n=0 single=0
for p in $(kids); do
  n=$((n + 1))
  grep -q "^Threads:[[:space:]]*1\$" "/proc/$p/status" 2>/dev/null && single=$((single + 1))
done
is "$n $single" "7 7" "the zygote and six spare children wait, each single-threaded"
ok 0 "qb-serve starts on a free port ($SERVE_URL)"
"$QB_BIN/qb-serve" --listen "127.0.0.1:${SERVE_URL##*:}" 2>err.txt
is "$? $(grep -c 'cannot listen on' err.txt)" "2 1" "a port already taken: exit 2 with the reason"

# the same JSON as qb-check --json
same() { # FILE NAME [CURL-ARG…] — qb-check args come from $QB_ARGS
  f=$1 n=$2; shift 2
  code=$(post "$f" "$@")
  "$QB_BIN/qb-check" ${QB_ARGS:-} --json "$f" >want.json 2>/dev/null
  cmp -s body want.json && s=same || s=different
  is "$code $s" "200 same" "$n: 200 and byte for byte the JSON of qb-check --json"
}
same "$S/compliant-direct.docx" "a compliant write-up"
same "$S/fmt-body-font.docx" "a write-up in the wrong font (fail)"
is "$(jq -r .status body) $(jq -r .input body)" "fail fmt-body-font.docx" "its verdict and the file's own name"
same "$A.rar" "a RAR package named for its applicant"
is "$(jq -r '.status + " " + .applicant' body)" "pass $A" "the package passes; the applicant read from its form"
same "某某机械有限公司.zip" "a ZIP package whose name differs from the form's applicant"
is "$(jq -r '[.findings[].rule] | index("package.name") != null' body)" "true" "package.name is found (the file's name counts)"
QB_ARGS="--edition heilongjiang-2022" same "$S/compliant-direct.docx" "edition=heilongjiang-2022" -F edition=heilongjiang-2022
is "$(jq -r .edition body)" heilongjiang-2022 "the edition asked for"

# the editions
code=$(curl -s -o ed.json -w '%{http_code}' "$SERVE_URL/api/editions")
is "$code $(jq -r .default ed.json)" "200 caq-2023" "GET /api/editions: the default edition"
is "$(jq -r '[.editions[].name] | sort | join(" ")' ed.json)" \
   "caq-2023 heilongjiang-2022 national-2020 national-2022 shandong-2022" "every edition of templates/rules"
is "$(jq -r '.editions[] | select(.name == "caq-2023") | "\(.limits.practice) \(.max_size_mb)"' ed.json)" "8000 200" \
   "with its limits and package size limit"

# malformed requests: 400 and a reason
bad() { # NAME CURL-ARG…
  n=$1; shift
  code=$(curl -s -o body -w '%{http_code}' "$@" "$SERVE_URL/api/check")
  is "$code $(jq -r 'has("error") and has("error_en")' body 2>/dev/null)" "400 true" "$n: 400 with a reason ($(jq -r .error_en body 2>/dev/null))"
}
bad "a body that is not multipart" -H 'Content-Type: application/json' --data-binary '{"file": 1}'
bad "multipart without a boundary" -H 'Content-Type: multipart/form-data' --data-binary 'x'
bad "a multipart body cut short" -H 'Content-Type: multipart/form-data; boundary=XyZ' \
    --data-binary "$(printf -- '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.docx"\r\n\r\nPK')"
bad "no field named file" -F other=1
bad "an unknown edition" -F "file=@$S/compliant-direct.docx" -F edition=../../etc/passwd
bad "two files" -F "file=@$S/compliant-direct.docx" -F "file=@$S/fmt-body-font.docx"
code=$(curl -s -o /dev/null -w '%{http_code}' "$SERVE_URL/api/check")
is "$code" 405 "GET /api/check: 405"
code=$(curl -s -o /dev/null -w '%{http_code}' "$SERVE_URL/no/such/page")
is "$code" 404 "an unknown path: 404"

# the page and its headers
code=$(curl -s -o page.html -D h.txt -w '%{http_code}' "$SERVE_URL/")
csp=$(tr -d '\r' <h.txt | sed -n 's/^Content-Security-Policy: //Ip')
is "$code $(case "$csp" in *"default-src 'none'"*"script-src 'self'"*) echo strict;; *) echo "$csp";; esac)" "200 strict" \
   "GET /: the page, with a strict Content-Security-Policy"
grep -q '<html lang="zh' page.html; ok $? "the page is in Chinese"
grep -Eiq '(src|href)="(https?:)?//' page.html; ok $((1 - $?)) "it loads nothing from elsewhere"

# kept results: keep=1 gives an id; the three files download; they expire (--keep 3)
code=$(post "$S/fmt-body-font.docx" -F keep=1)
id=$(header X-QB-Result)
is "$code $(printf %s "$id" | grep -Ec '^[0-9a-f]{32}$') $(header X-QB-Files)" "200 1 json,annotated,dossier" \
   "keep=1: an id of 128 random bits, and the three files"
cp body kept.json
curl -s -o k.json "$SERVE_URL/api/result/$id/report.json"; cmp -s k.json kept.json
ok $? "report.json downloads, the same JSON"
curl -s -o k.docx "$SERVE_URL/api/result/$id/annotated.docx"
"$QB_BIN/qb-check" --annotate want.docx "$S/fmt-body-font.docx" >/dev/null 2>&1
# (the ZIP's own timestamps say when it was written: the parts are compared)
is "$(unzip -p k.docx | sha256sum)" "$(unzip -p want.docx | sha256sum)" "annotated.docx is what qb-check --annotate writes"
curl -s -o k.pdf -D h.txt "$SERVE_URL/api/result/$id/dossier.pdf"
is "$(head -c 5 k.pdf)" "%PDF-" "dossier.pdf downloads"
grep -qi "^Content-Disposition: attachment" h.txt; ok $? "as an attachment"
code=$(curl -s -o /dev/null -w '%{http_code}' "$SERVE_URL/api/result/0123456789abcdef0123456789abcdef/report.json")
is "$code" 404 "an id that was never given: 404"
code=$(curl -s -o /dev/null -w '%{http_code}' "$SERVE_URL/api/result/$id/../../../etc/passwd")
is "$code" 404 "a path after the id: 404"
is "$(uploads_left)" 0 "no upload is left once answered"
sleep 4.5
code=$(curl -s -o /dev/null -w '%{http_code}' "$SERVE_URL/api/result/$id/report.json")
is "$code $(stored)" "404 0" "after --keep seconds the result is gone: 404, and no file is left"

# the log: one line per request
is "$(grep -c ' POST /api/check ' "$SERVE_LOG")" 12 "one log line per POST /api/check (12 were sent)"
line=$(grep ' POST /api/check 200 ' "$SERVE_LOG" | grep ' fail ' | head -1)
printf '%s\n' "$line" | grep -Eq '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z 127\.0\.0\.1 POST /api/check 200 [0-9]+ fail [0-9.]+ms$'
ok $? "a line says time, client, request, status, bytes, verdict, milliseconds ($line)"

# SIGTERM: a clean stop
serve_stop
is "$SERVE_RC" 0 "SIGTERM: exit 0"
is "$(find "$SERVE_TMP" -mindepth 1 | wc -l)" 0 "its temporary folder is removed"
curl -s -o /dev/null "$SERVE_URL/" ; is "$?" 7 "and the port is closed"
done_testing
