# timing.sh — timing helpers the bench scripts share (sourced, from the repo root).
now() { date +%s.%N; }
# mean_secs N CMD… — mean wall-clock seconds of N runs of CMD (output discarded)
mean_secs() {
  n=$1; shift
  t0=$(now); i=0
  while [ $i -lt "$n" ]; do "$@" >/dev/null 2>&1; i=$((i + 1)); done
  t1=$(now)
  echo "$t0 $t1 $n" | awk '{ printf "%.6f", ($2 - $1) / $3 }'
}
# best_secs N CMD… — the fastest of N runs (least disturbed by other load), in seconds
best_secs() {
  n=$1; shift
  best=; i=0
  while [ $i -lt "$n" ]; do
    t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N)
    d=$((t1 - t0))
    if [ -z "$best" ] || [ "$d" -lt "$best" ]; then best=$d; fi
    i=$((i + 1))
  done
  echo "$best" | awk '{ printf "%.6f", $1 / 1e9 }'
}
ms() { echo "$1" | awk '{ printf "%.1f ms", $1 * 1000 }'; }
# ratio FAST SLOW — how many times faster FAST is
ratio() { echo "$1 $2" | awk '{ if ($1 > 0) printf "%.1f", $2 / $1; else print "inf" }'; }
# peak_kib CMD… — peak resident memory of one run, KiB
peak_kib() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }
# median_secs N CMD… — the median of N runs, in seconds
median_secs() {
  n=$1; shift
  i=0
  while [ $i -lt "$n" ]; do
    t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N)
    echo $((t1 - t0)); i=$((i + 1))
  done | sort -n | awk '{ v[NR] = $1 } END { printf "%.6f", v[int((NR + 1) / 2)] / 1e9 }'
}
