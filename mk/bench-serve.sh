# mk/bench-serve.sh — qb-serve for make bench (sourced by mk/bench.sh): serve_start runs a
# server on a free port, api_times N DOC posts DOC to POST /api/check N times and prints
# one time_total a line (one curl process for all of them: what a portal or the page
# waits for, not curl's own start), serve_stop ends the server it started.
serve_pid=
serve_url=
serve_start() {
  have curl || return 1
  mkdir -p "$BENCH_TMP/serve"
  TMPDIR=$BENCH_TMP/serve "$B/qb-serve" --listen 127.0.0.1:0 --workers 2 2>"$BENCH_TMP/serve.log" &
  serve_pid=$!
  port=
  for _ in $(seq 100); do
    port=$(sed -n 's/.*(port \([0-9]*\)).*/\1/p' "$BENCH_TMP/serve.log")
    [ -n "$port" ] && break
    sleep 0.1
  done
  if [ -z "$port" ]; then
    echo "bench: qb-serve did not start:" >&2; cat "$BENCH_TMP/serve.log" >&2
    serve_stop; return 1
  fi
  serve_url=http://127.0.0.1:$port/api/check
}
serve_stop() {
  [ -n "$serve_pid" ] || return 0
  kill "$serve_pid" 2>/dev/null; wait "$serve_pid" 2>/dev/null; serve_pid=
}
api_times() {
  at_n=$1; at_doc=$2; set --; at_i=0
  while [ $at_i -lt "$at_n" ]; do
    [ $at_i -gt 0 ] && set -- "$@" --next
    set -- "$@" -s -o /dev/null -w '%{time_total}\n' -H 'Expect:' -F "file=@$at_doc" "$serve_url"
    at_i=$((at_i + 1))
  done
  curl "$@"
}
