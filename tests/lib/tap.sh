# tap.sh — TAP for the shell tests, in the manner of git's t/test-lib.sh.
# Source it; then: ok COND_EXIT_STATUS "name"; is GOT WANT "name"; skip "why"; done_testing
set -u
QB_BIN=${QB_BIN:-$(cd "$(dirname "$0")/.." && pwd)/bin}
TESTS_DIR=$(cd "$(dirname "$0")" && pwd)
CORPUS=$(cd "$TESTS_DIR/../.." && pwd)/shared/corpus
tap_n=0
tap_failed=0
TMP=$(mktemp -d "${TMPDIR:-/tmp}/qbtest.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
QB_SAMPLES=${QB_SAMPLES:-$TMP/samples}

ok() { # ok STATUS NAME
  tap_n=$((tap_n + 1))
  if [ "$1" -eq 0 ]; then echo "ok $tap_n - $2"; else echo "not ok $tap_n - $2"; tap_failed=$((tap_failed + 1)); fi
}
is() { # is GOT WANT NAME
  tap_n=$((tap_n + 1))
  if [ "$1" = "$2" ]; then echo "ok $tap_n - $3"
  else echo "not ok $tap_n - $3"; echo "#   got:  '$1'"; echo "#   want: '$2'"; tap_failed=$((tap_failed + 1)); fi
}
skip() { tap_n=$((tap_n + 1)); echo "ok $tap_n # skip $1"; }
done_testing() { echo "1..$tap_n"; [ "$tap_failed" -eq 0 ]; }

# JSON reports are read with jq (a test dependency, see mk/deps.sh).
