#!/bin/sh
# mk/bench-serve.sh — a check through qb-serve's POST /api/check against `pandoc -t plain`
# and a `qb-check --json` process on the same 8000-字 write-up (mksample long-8000), each
# the median of its runs, the three interleaved in one run, reported as ratios. The API is timed by curl
# itself (time_total of each request, one curl process for all of them: what a portal
# or the page waits for, not curl's own start). Called by `make bench` (mk/bench.sh).
set -u
samples=build/samples
doc=$samples/long-8000.docx
[ -f "$doc" ] || bin/mksample "$samples" long-8000 >/dev/null || { echo "bench-serve: no long-8000 sample" >&2; exit 1; }
command -v curl >/dev/null || { echo "bench-serve: curl not installed"; exit 0; }
. mk/timing.sh

work=$(mktemp -d "${TMPDIR:-/tmp}/qb-bench-serve.XXXXXX")
TMPDIR=$work bin/qb-serve --listen 127.0.0.1:0 --workers 2 2>"$work/log" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$work"' EXIT
port=
for _ in $(seq 50); do
  port=$(sed -n 's/.*(port \([0-9]*\)).*/\1/p' "$work/log")
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { echo "bench-serve: qb-serve did not start"; cat "$work/log"; exit 1; }
url=http://127.0.0.1:$port/api/check

# N requests in one curl process: one time_total per line
api_times() {
  n=$1; set --
  i=0
  while [ $i -lt "$n" ]; do
    [ $i -gt 0 ] && set -- "$@" --next
    set -- "$@" -s -o /dev/null -w '%{time_total}\n' -H 'Expect:' -F "file=@$doc" "$url"
    i=$((i + 1))
  done
  curl "$@"
}
median() { sort -n | awk '{ v[NR] = $1 } END { printf "%.6f", v[int((NR + 1) / 2)] }'; }

echo "qb-serve: a check through POST /api/check ($doc)"
api_times 5 >/dev/null # warm: the page cache, the server's first children
# Interleaved rounds, so that the machine's other load falls on all three alike: each
# round times one pandoc run, one qb-check process and 5 requests.
rounds=11
: >"$work/api" ; : >"$work/qb" ; : >"$work/pd"
round=0
while [ $round -lt $rounds ]; do
  api_times 5 >>"$work/api"
  t0=$(date +%s%N); bin/qb-check --json "$doc" >/dev/null 2>&1; t1=$(date +%s%N)
  echo "$t0 $t1" | awk '{ printf "%.6f\n", ($2 - $1) / 1e9 }' >>"$work/qb"
  if command -v pandoc >/dev/null; then
    t0=$(date +%s%N); pandoc -t plain "$doc" >/dev/null 2>&1; t1=$(date +%s%N)
    echo "$t0 $t1" | awk '{ printf "%.6f\n", ($2 - $1) / 1e9 }' >>"$work/pd"
  fi
  round=$((round + 1))
done
api=$(median <"$work/api")
best=$(sort -n "$work/api" | head -1)
qb=$(median <"$work/qb")
echo "  POST /api/check        $(ms "$api") median of $((rounds * 5)) requests (curl's time_total), fastest $(ms "$best")"
echo "  qb-check --json        $(ms "$qb") median of $rounds processes"
echo "  ratio: /api/check takes 1/$(ratio "$api" "$qb") of a qb-check process's time"
if [ -s "$work/pd" ]; then
  pd=$(median <"$work/pd")
  pdbest=$(sort -n "$work/pd" | head -1)
  echo "  pandoc -t plain        $(ms "$pd") median of $rounds runs, fastest $(ms "$pdbest")"
  echo "  ratio: /api/check takes 1/$(ratio "$api" "$pd") of pandoc's time (medians; the aim: under 1/20)," \
       "1/$(ratio "$best" "$pdbest") (fastest runs)"
else
  echo "  pandoc not installed: apt-get install pandoc to compare"
fi
exit 0
