#!/bin/sh
# run.sh [--check] BUILD SECONDS TARGET... — run each libFuzzer target of BUILD
# (build/fuzz) for SECONDS: first over its regression inputs (fuzz/regress/TARGET: every
# crash found so far, each must now pass), then fuzzing from its seeds (seeds.sh) and what
# earlier runs found (BUILD/corpus/TARGET, kept between runs). With --check (make check)
# earlier finds are not used: the seeds and SECONDS each, the same work on every machine.
# One target at a time: the machine is shared. A crash leaves its input in BUILD/crash/
# and the log in BUILD/log/; exit 1.
set -u
keep=1
[ "$1" = --check ] && { keep=0; shift; }
build=$1 secs=$2; shift 2
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$build/crash" "$build/log"
# leaks are findings too; a reader's child that dies is the sandbox's business
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export QB_RULES_DIR=${QB_RULES_DIR:-$here/../templates/rules}
failed=0
for t in "$@"; do
  log=$build/log/$t.log corpus=$build/corpus/$t seeds=$build/seeds/$t
  rm -rf "$seeds" && sh "$here/seeds.sh" "$t" "$seeds" || { echo "fuzz: $t: no seeds" >&2; failed=1; continue; }
  [ $keep = 1 ] || { corpus=$build/check-corpus/$t; rm -rf "$corpus"; }
  mkdir -p "$corpus"
  if [ -d "$here/regress/$t" ] && ls "$here/regress/$t"/* >/dev/null 2>&1; then
    if ! "$build/$t" "$here/regress/$t"/* >"$log" 2>&1; then
      echo "fuzz: $t: a regression input fails again (see $log)" >&2
      failed=1
      continue
    fi
  fi
  start=$(date +%s)
  "$build/$t" -max_total_time="$secs" -timeout=20 -rss_limit_mb=2560 -print_final_stats=1 \
    -artifact_prefix="$build/crash/$t-" "$corpus" "$seeds" >"$log" 2>&1
  rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
  echo "fuzz: $t: $(($(date +%s) - start)) s, ${execs:-?} runs, $cov, corpus $(ls "$corpus" | wc -l) inputs, $([ $rc = 0 ] && echo 'no crash' || echo "CRASH (see $log)")"
  [ $rc = 0 ] || failed=1
done
exit $failed
