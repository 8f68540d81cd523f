#!/bin/sh
# make bench — qbintake against the tools a user would otherwise run, measured in the
# same run on the same files, reported as ratios. Nothing here is a pass/fail test.
set -u
out=build/bench
mkdir -p "$out"
bin/mksample build/samples long-8000 >/dev/null 2>&1 || bin/mksample build/samples >/dev/null
doc=build/samples/long-8000.docx
[ -f "$doc" ] || { echo "bench: no long-8000 sample" >&2; exit 1; }

now() { date +%s.%N; }
# time_runs N CMD… — the fastest of N runs of CMD, in seconds (the minimum is the figure
# least disturbed by whatever else the machine is doing; output discarded)
time_runs() {
  n=$1; shift
  best=
  i=0
  while [ $i -lt "$n" ]; do
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1
    t1=$(date +%s%N)
    d=$((t1 - t0))
    if [ -z "$best" ] || [ "$d" -lt "$best" ]; then best=$d; fi
    i=$((i + 1))
  done
  echo "$best" | awk '{ printf "%.6f", $1 / 1e9 }'
}
ratio() { echo "$1 $2" | awk '{ if ($1 > 0) printf "%.1f", $2 / $1; else print "inf" }'; }

words=$(bin/qb-check --json "$doc" | jq '.counts.practice.count')
echo "qb-check on an 8000-字 write-up ($doc, 推进和应用情况 = $words 字)"
qb=$(time_runs 50 bin/qb-check --json "$doc")
echo "  qb-check --json        $(echo "$qb" | awk '{printf "%.1f ms", $1*1000}') (fastest of 50 runs)"
if command -v pandoc >/dev/null; then
  pd=$(time_runs 10 pandoc -t plain "$doc")
  echo "  pandoc -t plain        $(echo "$pd" | awk '{printf "%.1f ms", $1*1000}') (fastest of 10 runs)"
  echo "  ratio: qb-check is $(ratio "$qb" "$pd")x faster than pandoc -t plain"
else
  echo "  pandoc not installed: apt-get install pandoc to compare"
fi
rss=$( { /usr/bin/time -f %M bin/qb-check --json "$doc" >/dev/null; } 2>&1 | tail -1)
echo "  peak memory of qb-check: ${rss} KiB"
for extra in mk/bench-*.sh; do
  [ -f "$extra" ] && sh "$extra"
done
exit 0
