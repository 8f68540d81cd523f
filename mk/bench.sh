#!/bin/sh
# make bench — qbintake against the tools a user would otherwise run, measured in the
# same run on the same files, reported as ratios. Nothing here is a pass/fail test.
set -u
out=build/bench
mkdir -p "$out"
bin/mksample build/samples long-8000 >/dev/null 2>&1 || bin/mksample build/samples >/dev/null
doc=build/samples/long-8000.docx
[ -f "$doc" ] || { echo "bench: no long-8000 sample" >&2; exit 1; }

. mk/timing.sh

words=$(bin/qb-check --json "$doc" | jq '.counts.practice.count')
echo "qb-check on an 8000-字 write-up ($doc, 推进和应用情况 = $words 字)"
qb=$(best_secs 50 bin/qb-check --json "$doc")
echo "  qb-check --json        $(ms "$qb") (fastest of 50 runs)"
if command -v pandoc >/dev/null; then
  pd=$(best_secs 10 pandoc -t plain "$doc")
  echo "  pandoc -t plain        $(ms "$pd") (fastest of 10 runs)"
  echo "  ratio: qb-check is $(ratio "$qb" "$pd")x faster than pandoc -t plain"
  inproc=$(build/rel/bench-check 200 "$doc")
  echo "  the same check in one process, 200 times: $(ms "$inproc") each — $(ratio "$inproc" "$pd")x pandoc's time"
  base=$(best_secs 50 /bin/true)
  echo "  (starting any program costs $(ms "$base") here: /bin/true, fastest of 50)"
else
  echo "  pandoc not installed: apt-get install pandoc to compare"
fi
rss=$(peak_kib bin/qb-check --json "$doc")
echo "  peak memory of qb-check: ${rss} KiB"
for extra in mk/bench-*.sh; do
  [ -f "$extra" ] && sh "$extra"
done
exit 0
