#!/bin/sh
# index.html in a real browser (Debian's chromium, headless): loaded at 1 280 px, the DOM
# asserted on from a harness page that frames it (the index's own script sorts and
# filters), and a screenshot kept for a person to look at (QB_SHOT=path to keep it).
# Skipped, saying why, when chromium is not installed (mk/deps.sh installs it for the tests).
. "$(dirname "$0")/lib/tap.sh"
. "$(dirname "$0")/lib/batch_inbox.sh"
export LC_ALL=C.UTF-8
cd "$TMP" || exit 1
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || { echo "1..0 # SKIP chromium is not installed (apt-get install chromium)"; exit 0; }
mkdir tmp && export TMPDIR="$TMP/tmp"
batch_morning in || { echo "1..0 # SKIP cannot build the inbox"; exit 0; }
"$QB_BIN/qb-batch" --deadline 2024-05-10 in out 2>/dev/null
is "$?" 0 "the batch runs"

chrome() { # ARGS… — headless, no network, no profile left behind
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --no-first-run --disable-sync --user-data-dir="$TMP/profile" \
    --window-size=1280,900 "$@" 2>/dev/null
}

# The harness: checks run inside the framed index, results written into the page.
cat >harness.html <<'HTML'
<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
<iframe id="f" src="out/index.html" style="width:1280px;height:900px;border:0"></iframe>
<pre id="out"></pre>
<script>
var f = document.getElementById('f');
f.onload = function () {
  var d = f.contentDocument, w = f.contentWindow, out = [];
  function say(k, v) { out.push(k + '=' + v); }
  var t = d.getElementById('rows'), ths = t.tHead.rows[0].cells, body = t.tBodies[0];
  var names = []; for (var i = 0; i < ths.length; i++) names.push(ths[i].textContent);
  say('columns', names.join(','));
  say('sticky', w.getComputedStyle(ths[0]).position);
  say('scripts-external', d.querySelectorAll('script[src],link[href],img[src]').length);
  var vs = d.querySelectorAll('td.v'), wrapped = 0;
  for (var i = 0; i < vs.length; i++) {
    var r = d.createRange(); r.selectNodeContents(vs[i]);
    if (r.getClientRects().length !== 1) wrapped++;
  }
  say('verdicts', vs.length); say('verdicts-wrapped', wrapped);
  var k = d.querySelectorAll('td.k'), off = 0;
  for (var i = 0; i < k.length; i++) if (k[i].getBoundingClientRect().right > 1280) off++;
  say('link-cells', k.length); say('link-cells-offscreen', off);
  say('page-width', d.documentElement.clientWidth);
  function order(col) { var a = []; for (var i = 0; i < body.rows.length; i++) a.push(body.rows[i].cells[col].textContent); return a.join('|'); }
  ths[1].click(); say('sort-applicant-asc-first', body.rows[0].cells[1].textContent);
  ths[1].click(); say('sort-applicant-desc-first', body.rows[0].cells[1].textContent);
  var errCol = names.indexOf('错误'); ths[errCol].click(); ths[errCol].click();
  say('sort-errors-desc-first', body.rows[0].cells[errCol].textContent);
  ths[0].click(); say('sort-no', order(0).split('|').slice(0, 3).join(','));
  function filter(name, value) {
    var s = d.querySelector('#filters select[name=' + name + ']'); s.value = value;
    s.dispatchEvent(new Event('change'));
    var n = 0; for (var i = 0; i < body.rows.length; i++) if (!body.rows[i].hidden) n++; return n;
  }
  say('filter-verdict-pass', filter('verdict', '通过')); filter('verdict', '');
  say('filter-late', filter('late', '逾期')); filter('late', '');
  say('filter-scope', filter('scope', '中小企业专业化、特色化、精细化、新颖化的典型经验')); filter('scope', '');
  say('filter-state-old', filter('state', '已被替代'));
  say('shown', d.getElementById('shown').textContent); filter('state', '');
  say('evil-text', d.querySelector('tr[data-i="0"] td.a').textContent);
  say('evil-elements', d.querySelectorAll('td.a a[href^="http"], td.a *').length);
  say('changes', d.querySelectorAll('#changes li').length);
  document.getElementById('out').textContent = out.join('\n');
};
</script></body></html>
HTML
chrome --allow-file-access-from-files --virtual-time-budget=10000 --dump-dom "file://$TMP/harness.html" >dom.html
sed -n '/<pre id="out">/,/<\/pre>/p' dom.html | sed 's/<[^>]*>//g; s/&amp;/\&/g; s/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g' >res.txt
v() { grep "^$1=" res.txt | cut -d= -f2-; }
if [ ! -s res.txt ] || [ -z "$(v columns)" ]; then
  skip "chromium ran but the harness gave no result (file access refused?)"
  done_testing; exit $?
fi
is "$(v columns)" "序号,申报单位,报告,卷宗,结论,状态,逾期,遴选范围,质量标杆名称,联系人,联系电话,收件时间,文件名,错误,警告,标题字数,摘要字数,企业概况字数,推进和应用情况字数,实施效果字数,主要问题" \
   "the columns, the link columns right after the applicant"
is "$(v sticky)" sticky "the header row is sticky"
is "$(v scripts-external)" 0 "nothing is fetched: one offline file"
is "$(v verdicts) $(v verdicts-wrapped)" "17 0" "no verdict wraps (17 verdict cells, each on one line)"
is "$(v link-cells) $(v link-cells-offscreen)" "34 0" "every 报告/卷宗 cell is within 1 280 px"
is "$(v sort-applicant-asc-first)" '=HYPERLINK("http://evil.example/x?a=1&b=<2>")有限公司' "a click sorts by 申报单位 (empty cells last)"
is "$(v sort-applicant-desc-first)" "上海某某电子有限公司" "a second click reverses it (Chinese order: 上海 shang last of the names)"
is "$(v sort-errors-desc-first)" "$(jq '[.rows[].errors] | max' out/summary.json)" "number columns sort by value (the most errors first)"
is "$(v sort-no)" "1,2,3" "and back by 序号"
is "$(v filter-verdict-pass)" 2 "filter by 结论: 2 通过 (安徽, and the 修改稿 of 某某精工)"
is "$(v filter-late)" 1 "filter by 逾期: 1"
is "$(v filter-scope)" 3 "filter by 遴选范围: 3 of the second scope"
is "$(v filter-state-old) $(v shown)" "3 3" "filter by 状态: 3 已被替代, and the count shown follows"
is "$(v evil-text) $(v evil-elements)" '=HYPERLINK("http://evil.example/x?a=1&b=<2>")有限公司 0' \
   "a form value is text: shown as written, no element made of it"
is "$(v changes)" 2 "what changed since the last run is at the top (first run: all new, 3 superseded)"

shot=${QB_SHOT:-$TMP/index.png}
chrome --screenshot="$shot" "file://$TMP/out/index.html" >/dev/null
ok "$([ -s "$shot" ] && echo 0 || echo 1)" "a screenshot at 1 280 × 900 ($shot)"
done_testing
