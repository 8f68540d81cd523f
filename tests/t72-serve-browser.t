#!/bin/sh
# qb-serve's page in a real browser: Debian's chromium, driven by puppeteer-core
# (tests/browser/page.js; npm installs it under build/browser, never committed), opens
# the page, uploads a draft through the file button and reads from the DOM the counts
# (those of qb-check --json), a finding with its paragraph and quote, the verdict and
# the downloads; a title that is HTML shows as text and runs nothing; the English
# switch works; the page breaks no rule of its Content-Security-Policy. Screenshots
# are left in build/browser/ to look at.
. "$(dirname "$0")/lib/tap.sh"
. "$(dirname "$0")/lib/serve.sh"
export LC_ALL=C.UTF-8
ROOT=$(cd "$TESTS_DIR/.." && pwd)
B=$ROOT/build/browser
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] || { echo "1..0 # SKIP no $CHROMIUM (as root: sh mk/deps.sh browser)"; exit 0; }
command -v node >/dev/null || { echo "1..0 # SKIP node is not installed"; exit 0; }
command -v curl >/dev/null || { echo "1..0 # SKIP curl not installed (mk/deps.sh)"; exit 0; }
if [ ! -d "$B/node_modules/puppeteer-core" ]; then
  mkdir -p "$B" && cp "$TESTS_DIR/browser/package.json" "$B/" &&
    (cd "$B" && npm install --no-audit --no-fund --silent >npm.log 2>&1) ||
    { echo "1..0 # SKIP puppeteer-core could not be installed from npm into build/browser (see $B/npm.log)"; exit 0; }
fi
export NODE_PATH=$B/node_modules
cd "$TMP" || exit 1
S=${QB_SAMPLES:-$TMP/samples}/serve
mkdir -p "$S"
"$QB_BIN/mksample" "$S" fmt-body-stray-run over-abstract >/dev/null || exit 1
serve_start --workers 2 || { echo "1..0 # SKIP qb-serve did not start: $(cat "$SERVE_LOG")"; exit 0; }
page() { timeout 120 node "$TESTS_DIR/browser/page.js" "$SERVE_URL/" "$@" >dom.json 2>err.txt; }

# a draft with one stray sentence in 楷体 and its 摘要 over the limit
f=$S/over-abstract.docx
page "$f" "$B/serve-page.png"
ok $? "chromium opens the page and uploads a draft through it$( [ -s err.txt ] && printf ' (%s)' "$(head -1 err.txt)")"
"$QB_BIN/qb-check" --json "$f" >want.json
want=$(jq -r '.counts | to_entries[] | "\(.key) \(if .value.found then .value.count else "-" end)/\(.value.limit)"' want.json)
got=$(jq -r '.counts[] | "\(.section) \(.figure | sub(" / "; "/") | sub("未找到"; "-"))"' dom.json)
is "$got" "$want" "the page shows each section's count against its limit, as qb-check --json"
is "$(jq -r '[.counts[] | select(.over) | .section] | join(" ")' dom.json)" "abstract" "the 摘要 over its limit is marked"
is "$(jq -r '.verdict.cls' dom.json)" "$(jq -r .status want.json)" "the verdict: $(jq -r .verdict.text dom.json)"
rule=$(jq -r '[.findings[] | select(.severity == "error")][0].rule' want.json)
msg=$(jq -r --arg r "$rule" '[.findings[] | select(.rule == $r)][0].message' want.json)
jq -e --arg r "$rule" --arg m "$msg" '.groups[] | select(.rule == $r) | .findings[] | select(contains($m))' dom.json >/dev/null
ok $? "the finding $rule is under its rule with its message ($msg)"
is "$(jq -r '.downloads | length' dom.json)" 3 "three downloads: the annotated draft, the dossier, the JSON"
id=$(jq -r '.downloads[0]' dom.json)
code=$(curl -s -o dl.docx -w '%{http_code}' "$SERVE_URL$id")
is "$code $(head -c 2 dl.docx)" "200 PK" "the annotated draft downloads from the page's link"
is "$(jq -r '.english.heading + " | " + .english.section' dom.json)" "Quality Benchmark application pre-check | Title" \
   "the English switch turns the page into English"
is "$(jq -r '.violations | length' dom.json)" 0 "no Content-Security-Policy violation"

# a paragraph and a quote that are HTML stay text
"$QB_BIN/mkzip" --docx xss.docx '<img src=x onerror=window.pwned=1>关于推进工作的总结' '摘要' '本文<b>介绍</b>。'
page xss.docx "$B/serve-page-xss.png"
is "$(jq -r '"\(.injected.img) \(.injected.pwned)"' dom.json)" "0 false" "markup from the document is shown, never run"
jq -e '.groups[] | select(.rule == "title.naming") | .findings[] | select(contains("<img src=x onerror"))' dom.json >/dev/null
ok $? "the title's markup appears as text in the quote"

# a finding with its paragraph and quote, from a stray run (one finding, a warning)
page "$S/fmt-body-stray-run.docx" "$B/serve-page-stray.png"
jq -e '.groups[] | select(.rule == "format.body-font") | .findings[] | select(test("推进和应用情况 第 21 段.*公司运用稳健设计"))' dom.json >/dev/null
ok $? "format.body-font: 推进和应用情况 第 21 段 and its quote"
serve_stop
is "$SERVE_RC" 0 "the server stops cleanly"
done_testing
