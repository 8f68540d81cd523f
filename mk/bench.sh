#!/bin/sh
# make bench — qbintake against what a user would otherwise run, every row measured in
# this one run against its anchor on the same input, as medians of BENCH_RUNS runs
# (default 5), printed as a Markdown table and written as CSV with the machine noted:
#   $BENCH_OUT/bench.md   the machine, then the table
#   $BENCH_OUT/bench.csv  the table (work, tools, values, unit, ratio, goal, met)
# BENCH_TINY=1: one small input per row (tests/t80-bench.t runs it in make check). A
# missing anchor tool gives a row that says "not installed", never a failure. Nothing
# here passes or fails on time. Runs from the repository root (make bench).
set -u
BENCH_RUNS=${BENCH_RUNS:-5}
BENCH_TINY=${BENCH_TINY:-0}
out=${BENCH_OUT:-build/bench}
B=${QB_BIN:-bin}
BENCH_CHECK=${QB_BENCH_CHECK:-build/rel/bench-check}
CORPUS=${QB_CORPUS:-../shared/corpus}
samples=${QB_SAMPLES:-build/samples}
mkdir -p "$out" "$samples"
out=$(cd "$out" && pwd) # LibreOffice's profile is a file:// URL
BENCH_TMP=$out/tmp
BENCH_ROWS=$out/rows.tsv
rm -rf "$BENCH_TMP"; mkdir -p "$BENCH_TMP"
: >"$BENCH_ROWS"
. mk/timing.sh
. mk/bench-serve.sh
. mk/bench-render.sh
. mk/bench-packages.sh
trap 'serve_stop; lo_stop' EXIT

[ -f "$samples/long-8000.docx" ] || "$B/mksample" "$samples" long-8000 >/dev/null ||
  { echo "bench: cannot generate the long-8000 sample" >&2; exit 1; }
sample=$samples/long-8000.docx
# a real write-up of about 8000 字 (7 809 Han characters), not made by this project
cwriteup=$CORPUS/docx-cn/cn_wps12_nuclear_guide_part1_draft.docx
[ -f "$cwriteup" ] || { echo "bench: no corpus ($CORPUS); set QB_CORPUS" >&2; cwriteup=; }

# --- the machine
load0=$(cut -d' ' -f1-3 /proc/loadavg)
{
  echo "cpu,$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
  echo "cores,$(nproc)"
  echo "debian,$(cat /etc/debian_version 2>/dev/null)"
  echo "kernel,$(uname -r)"
  echo "qbintake,$(git describe --always --dirty 2>/dev/null || echo unknown)"
  echo "cc,$(${CC:-cc} --version 2>/dev/null | head -1)"
  echo "pandoc,$(pandoc --version 2>/dev/null | head -1 || true)"
  echo "libreoffice,$(soffice --version 2>/dev/null | head -1 | cut -d' ' -f1-3)"
  echo "bsdtar,$(bsdtar --version 2>/dev/null | head -1)"
  echo "unar,$(unar --version 2>/dev/null | head -1)"
  echo "runs,$BENCH_RUNS (medians)$([ "$BENCH_TINY" = 1 ] && echo ', tiny inputs')"
} >"$out/machine.csv"

# --- check a write-up: a qb-check process, the same check in one process (bench-check,
# 10 checks a round), and POST /api/check (5 requests a round), against pandoc -t plain,
# all in interleaved rounds
serve_start || echo "bench: no qb-serve (curl missing?): the API rows say so" >&2
check_rows() { # DOC LABEL
  : >"$BENCH_TMP/c.qb"; : >"$BENCH_TMP/c.pd"; : >"$BENCH_TMP/c.in"; : >"$BENCH_TMP/c.api"
  [ -n "$serve_url" ] && api_times 3 "$1" >/dev/null # warm: the page cache, the server's children
  i=0
  while [ $i -lt "$BENCH_RUNS" ]; do
    t0=$(date +%s%N); "$B/qb-check" --json "$1" >/dev/null 2>&1; t1=$(date +%s%N)
    echo "$((t1 - t0))" | awk '{ printf "%.6f\n", $1 / 1e9 }' >>"$BENCH_TMP/c.qb"
    if have pandoc; then
      t0=$(date +%s%N); pandoc -t plain "$1" >/dev/null 2>&1; t1=$(date +%s%N)
      echo "$((t1 - t0))" | awk '{ printf "%.6f\n", $1 / 1e9 }' >>"$BENCH_TMP/c.pd"
    fi
    [ -x "$BENCH_CHECK" ] && "$BENCH_CHECK" 10 "$1" >>"$BENCH_TMP/c.in" 2>/dev/null
    [ -n "$serve_url" ] && api_times 5 "$1" >>"$BENCH_TMP/c.api"
    i=$((i + 1))
  done
  pd=$(median_file "$BENCH_TMP/c.pd")
  speed_row "check $2" "qb-check --json, a process" "$(median_file "$BENCH_TMP/c.qb")" "pandoc -t plain" "$pd" 10
  if [ -s "$BENCH_TMP/c.in" ]; then
    speed_row "check $2, in one process" "bench-check (qb_check_input)" "$(median_file "$BENCH_TMP/c.in")" \
      "pandoc -t plain" "$pd" 20
  else
    echo "bench: $BENCH_CHECK not built (make build/rel/bench-check): no in-process row" >&2
  fi
  if [ -s "$BENCH_TMP/c.api" ]; then
    speed_row "check $2 through qb-serve" "POST /api/check (curl time_total)" "$(median_file "$BENCH_TMP/c.api")" \
      "pandoc -t plain" "$pd" 20
  fi
}
echo "bench: checks" >&2
check_rows "$sample" "the long-8000 sample (8000 字)"
[ -n "$cwriteup" ] && check_rows "$cwriteup" "a 7 800-字 corpus write-up ($(basename "$cwriteup"))"
serve_stop

echo "bench: dossiers" >&2
dossier_rows
echo "bench: packages" >&2
batch_rows
memory_rows
load1=$(cut -d' ' -f1-3 /proc/loadavg)
echo "load average,$load0 at the start; $load1 at the end" >>"$out/machine.csv"

# --- the table: Markdown and CSV
csvq() { sed 's/"/""/g; s/.*/"&"/'; }
{
  echo "work,qbintake,qbintake_value,anchor,anchor_value,unit,ratio,goal,met"
  while IFS="$(printf '\t')" read -r w qt qv at av u r g m; do
    printf '%s,%s,%s,%s,%s,%s,%s,%s,%s\n' "$(echo "$w" | csvq)" "$(echo "$qt" | csvq)" "$qv" \
      "$(echo "$at" | csvq)" "$(echo "$av" | csvq)" "$u" "$r" "$(echo "$g" | csvq)" "$m"
  done <"$BENCH_ROWS"
} >"$out/bench.csv"
fmt() { # VALUE UNIT — 12.3 ms, 2.1 s, 15.2 MB
  case $1 in *[!0-9.]*|'') echo "$1"; return ;; esac
  case $2 in
    s) echo "$1" | awk '{ if ($1 < 1) printf "%.1f ms", $1 * 1000; else printf "%.2f s", $1 }' ;;
    *) echo "$1 $2" ;;
  esac
}
{
  echo "Machine: $(awk -F, '{ k = $1; sub(/^[^,]*,/, ""); printf "%s%s: %s", (NR > 1 ? "; " : ""), k, $0 }' "$out/machine.csv")."
  echo
  echo "| work | qbintake | time or peak | anchor | time or peak | ratio | goal | met |"
  echo "|---|---|---|---|---|---|---|---|"
  while IFS="$(printf '\t')" read -r w qt qv at av u r g m; do
    rr=$r; [ "$r" = - ] || rr="$r×"
    echo "| $w | $qt | $(fmt "$qv" "$u") | $at | $(fmt "$av" "$u") | $rr | $g | $m |"
  done <"$BENCH_ROWS"
} >"$out/bench.md"
cat "$out/bench.md"
echo
echo "bench: $out/bench.md, $out/bench.csv"
rm -rf "$BENCH_TMP"
exit 0
