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

# --- the table of make bench (mk/bench.sh): rows in $BENCH_ROWS, one tab-separated line each
# median_file FILE — the median of the numbers in FILE, one a line (nothing when empty)
median_file() { sort -n "$1" | awk '{ v[NR] = $1 } END { if (NR) printf "%.6f", v[int((NR + 1) / 2)] }'; }
# pair_medians N A B — N interleaved rounds of the commands A and B (one run each a round,
# so that the machine's other load falls on both alike): "median_A median_B" in seconds.
# B may be empty (no anchor): then only A is timed and its median printed.
pair_medians() {
  pm_n=$1; pm_a=$2; pm_b=$3; pm_i=0
  : >"$BENCH_TMP/pm.a"; : >"$BENCH_TMP/pm.b"
  while [ $pm_i -lt "$pm_n" ]; do
    t0=$(date +%s%N); $pm_a >/dev/null 2>&1; t1=$(date +%s%N)
    echo "$((t1 - t0))" | awk '{ printf "%.6f\n", $1 / 1e9 }' >>"$BENCH_TMP/pm.a"
    if [ -n "$pm_b" ]; then
      t0=$(date +%s%N); $pm_b >/dev/null 2>&1; t1=$(date +%s%N)
      echo "$((t1 - t0))" | awk '{ printf "%.6f\n", $1 / 1e9 }' >>"$BENCH_TMP/pm.b"
    fi
    pm_i=$((pm_i + 1))
  done
  echo "$(median_file "$BENCH_TMP/pm.a") $(median_file "$BENCH_TMP/pm.b")"
}
# peak_median N CMD… — the median over N runs of CMD's peak resident memory, KiB
peak_median() {
  pk_n=$1; shift; pk_i=0
  : >"$BENCH_TMP/pk"
  while [ $pk_i -lt "$pk_n" ]; do peak_kib "$@" >>"$BENCH_TMP/pk"; pk_i=$((pk_i + 1)); done
  median_file "$BENCH_TMP/pk" | awk '{ printf "%d", $1 }'
}
# row WORK QB_TOOL QB_VALUE ANCHOR_TOOL ANCHOR_VALUE UNIT RATIO GOAL MET — one row of the
# table. Values are numbers in UNIT (s or MB); ANCHOR_VALUE may be "not installed",
# RATIO and MET then "-".
row() {
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$BENCH_ROWS"
  printf '  %-58s %s %s %s | %s %s | %s (goal %s: %s)\n' "$1" "$2" "$3" "$6" "$4" "$5" "$7" "$8" "$9" >&2
}
# speed_row WORK QB_TOOL QB_S ANCHOR_TOOL ANCHOR_S GOAL_TIMES — a row whose goal is to be
# at least GOAL_TIMES faster than the anchor (ratio = anchor's time / qbintake's).
speed_row() {
  if [ -z "$5" ]; then row "$1" "$2" "$3" "$4" "not installed" s - "≥ $6×" -; return; fi
  r=$(echo "$3 $5" | awk '{ printf "%.1f", ($1 > 0 ? $2 / $1 : 0) }')
  met=$(echo "$r $6" | awk '{ print (($1 >= $2) ? "yes" : "no") }')
  row "$1" "$2" "$3" "$4" "$5" s "$r" "≥ $6×" "$met"
}
# cost_row WORK QB_TOOL QB_S ANCHOR_TOOL ANCHOR_S GOAL_TIMES — a row whose goal is to take
# at most GOAL_TIMES the anchor's time (ratio = qbintake's time / the anchor's).
cost_row() {
  if [ -z "$5" ]; then row "$1" "$2" "$3" "$4" "not installed" s - "≤ $6×" -; return; fi
  r=$(echo "$3 $5" | awk '{ printf "%.1f", ($2 > 0 ? $1 / $2 : 0) }')
  met=$(echo "$r $6" | awk '{ print (($1 <= $2) ? "yes" : "no") }')
  row "$1" "$2" "$3" "$4" "$5" s "$r" "≤ $6×" "$met"
}
# have TOOL — TOOL is on PATH
have() { command -v "$1" >/dev/null 2>&1; }
