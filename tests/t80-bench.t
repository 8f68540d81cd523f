#!/bin/sh
# t80-bench — make bench's tiny run (one small input a row, one run each) still produces
# its table: bench.md and bench.csv with every kind of row, well-formed numbers, a ratio
# and a verdict where the anchor is installed and "not installed" where it is not. Never
# asserts on time: the figures are whatever this machine gives.
. "$(dirname "$0")/lib/tap.sh"
ROOT=$(cd "$TESTS_DIR/.." && pwd)
out=$TMP/bench
(cd "$ROOT" && BENCH_RUNS=1 BENCH_TINY=1 BENCH_OUT="$out" QB_BIN="$QB_BIN" QB_SAMPLES="$QB_SAMPLES" \
  QB_CORPUS="$CORPUS" QB_BENCH_CHECK="${QB_BENCH_CHECK:-$ROOT/build/rel/bench-check}" \
  sh mk/bench.sh >"$TMP/stdout" 2>"$TMP/stderr")
ok $? "the tiny bench runs to the end"
[ -s "$out/bench.md" ] && [ -s "$out/bench.csv" ]; ok $? "it writes bench.md and bench.csv"
is "$(head -1 "$out/bench.csv")" "work,qbintake,qbintake_value,anchor,anchor_value,unit,ratio,goal,met" "the CSV's header"

# the CSV's fields: the first five and the goal are quoted, the rest bare
perl -ne '
  next if $. == 1;
  chomp;
  my @f = /("(?:[^"]|"")*"|[^,]*)(?:,|$)/g; pop @f if @f > 9 && $f[-1] eq "";
  my ($qv, $av, $u, $r, $m) = @f[2, 4, 5, 6, 8];
  $av =~ s/^"|"$//g;
  my $ok = @f == 9 && $qv =~ /^\d+(\.\d+)?$/ && $qv > 0 && $u =~ /^(s|MB)$/
    && (($av =~ /^\d+(\.\d+)?$/ && $av > 0 && $r =~ /^\d+(\.\d+)?$/ && $m =~ /^(yes|no)$/)
        || ($av eq "not installed" && $u eq "s" && $r eq "-" && $m eq "-")
        || ($av eq "not installed" && $u eq "MB" && $r =~ /^\d+(\.\d+)?$/ && $m =~ /^(yes|no)$/));
  print "bad row $.: $_\n" unless $ok;
' "$out/bench.csv" >"$TMP/bad"
is "$(cat "$TMP/bad")" "" "every row: a positive number, a unit, the anchor's number, a ratio and yes/no (a time's anchor \"not installed\": no ratio)"

rows() { grep -c "$1" "$out/bench.csv"; }
# the rows of issue 15, each present (an anchor that is missing still gives its row)
is "$(rows '^"check the long-8000 sample (8000 字)","qb-check --json')" 1 "a row: the long-8000 check per process"
is "$(rows '^"check the long-8000 sample (8000 字), in one process"')" 1 "a row: the same check in one process"
have_curl=$(command -v curl >/dev/null && echo 1 || echo 0)
is "$(rows '^"check the long-8000 sample (8000 字) through qb-serve"')" "$have_curl" "a row: the same through qb-serve (when curl is here)"
if [ -d "$CORPUS" ]; then
  is "$(rows '^"check a 7 800-字 corpus write-up')" $((2 + have_curl)) "the same rows for a corpus write-up"
else
  skip "no corpus at $CORPUS: no corpus write-up"
fi
is "$(rows '^"dossier of the long-8000 sample"')" 1 "a row: the sample's dossier against LibreOffice"
if [ -d "$CORPUS" ]; then is "$(rows '^"dossier of the corpus write-up"')" 1 "a row: the corpus write-up's dossier"; else skip "no corpus"; fi
if [ -d "$CORPUS" ]; then is "$(rows '^"dossiers of all [0-9]* corpus DOCX')" 1 "a row: the corpus DOCX's dossiers, the least ratio"; else skip "no corpus"; fi
is "$(rows '^"batch of [0-9]* packages')" 1 "a row: the batch against unpacking alone"
is "$(rows '^"peak memory, a [0-9]* MB package')" 4 "four rows of peak memory: --pdf and --json on two packages"
is "$(rows '"qb-check --pdf",[0-9.]*,"bsdtar -xf"')" 2 "… two of them of --pdf"

# the Markdown table: a header, a rule, and one line per CSV row, with the machine above it
n=$(($(wc -l <"$out/bench.csv") - 1))
is "$(grep -c '^| ' "$out/bench.md")" $((n + 1)) "bench.md has one table line per row, and the header"
grep -q '^Machine: cpu: .*; cores: [0-9]*; debian: .*load average: ' "$out/bench.md"
ok $? "bench.md notes the machine: CPU, cores, Debian, load average"
grep -q '^| check the long-8000 sample (8000 字) | qb-check --json, a process | [0-9.]* m\?s |' "$TMP/stdout"
ok $? "make bench prints the table"
done_testing
