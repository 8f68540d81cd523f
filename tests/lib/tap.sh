# tap.sh — TAP for the shell tests, in the manner of git's t/test-lib.sh.
# Source it; then: ok COND_EXIT_STATUS "name"; is GOT WANT "name"; test_cmp EXPECTED ACTUAL "name";
# skip "why"; todo_begin "why" … todo_end around known failures; done_testing
set -u
QB_BIN=${QB_BIN:-$(cd "$(dirname "$0")/.." && pwd)/bin}
TESTS_DIR=$(cd "$(dirname "$0")" && pwd)
CORPUS=$(cd "$TESTS_DIR/../.." && pwd)/shared/corpus
tap_n=0
tap_failed=0
tap_todo=
TMP=$(mktemp -d "${TMPDIR:-/tmp}/qbtest.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
QB_SAMPLES=${QB_SAMPLES:-$TMP/samples}

# diag LINE… — diagnostics as "# " lines: on stderr, so prove shows them without -v, except
# inside a TODO block (a known failure is not news), as Test::More does.
diag() {
  if [ -n "$tap_todo" ]; then printf '# %s\n' "$@"; else printf '# %s\n' "$@" >&2; fi
}

# tap_result PASSED NAME — the one place a test line is printed and a failure counted.
# Between todo_begin and todo_end a failure is "not ok … # TODO why" and does not fail the file.
tap_result() {
  tap_n=$((tap_n + 1))
  if [ "$1" -eq 0 ]; then tap_r="ok"; else tap_r="not ok"; fi
  if [ -n "$tap_todo" ]; then echo "$tap_r $tap_n - $2 # TODO $tap_todo"
  else
    echo "$tap_r $tap_n - $2"
    [ "$1" -eq 0 ] || tap_failed=$((tap_failed + 1))
  fi
}

ok() { # ok STATUS NAME
  tap_result "$1" "$2"
}
is() { # is GOT WANT NAME
  if [ "$1" = "$2" ]; then tap_result 0 "$3"
  else tap_result 1 "$3"; diag "  got:  '$1'" "  want: '$2'"; fi
}
# test_cmp EXPECTED ACTUAL NAME — like git's: the files are equal, else `diff -u EXPECTED ACTUAL`
# as diagnostics (at most 200 lines of it, then how many more).
test_cmp() {
  if cmp -s "$1" "$2"; then tap_result 0 "$3"; return; fi
  tap_result 1 "$3"
  diff -u "$1" "$2" >"$TMP/.test_cmp.diff" 2>&1
  tap_dn=$(wc -l <"$TMP/.test_cmp.diff")
  head -n 200 "$TMP/.test_cmp.diff" | sed 's/^/# /' | if [ -n "$tap_todo" ]; then cat; else cat >&2; fi
  [ "$tap_dn" -le 200 ] || diag "… $((tap_dn - 200)) more lines of diff"
}
skip() { tap_n=$((tap_n + 1)); echo "ok $tap_n # skip $1"; }
# todo_begin WHY … todo_end: the tests between are known failures (the expectation is right,
# the program is not yet), reported as TAP TODO with the reason.
todo_begin() { tap_todo=$1; }
todo_end() { tap_todo=; }
done_testing() { echo "1..$tap_n"; [ "$tap_failed" -eq 0 ]; }

# JSON reports are read with jq (a test dependency, see mk/deps.sh).
