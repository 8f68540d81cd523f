# serve.sh — a qb-serve for the t7x tests, on a free port picked by the server itself
# (--listen 127.0.0.1:0: the port it took is in its first log line), with a private
# $TMPDIR so a test can see every file the server stores. Source after tap.sh; then:
#   serve_start [OPTION…]   start it (log in $SERVE_LOG); sets SERVE_PID, SERVE_URL, SERVE_TMP
#   serve_stop              SIGTERM; waits; sets SERVE_RC (its exit status)
#   post FILE [CURL-ARG…]   POST /api/check with FILE in field `file`; body in $TMP/body,
#                           headers in $TMP/headers; prints the HTTP status
SERVE_PID=
serve_start() {
  SERVE_TMP=$TMP/serve-tmp.$$.${serve_n:=0}
  serve_n=$((serve_n + 1))
  SERVE_LOG=$TMP/serve.log.$serve_n
  mkdir -p "$SERVE_TMP"
  TMPDIR=$SERVE_TMP "$QB_BIN/qb-serve" --listen 127.0.0.1:0 "$@" 2>"$SERVE_LOG" &
  SERVE_PID=$!
  port=
  for _ in $(seq 100); do
    port=$(sed -n 's/.*(port \([0-9]*\)).*/\1/p' "$SERVE_LOG")
    [ -n "$port" ] && break
    kill -0 "$SERVE_PID" 2>/dev/null || break
    sleep 0.1
  done
  SERVE_URL=http://127.0.0.1:$port
  [ -n "$port" ]
}
serve_stop() {
  [ -n "$SERVE_PID" ] || return 0
  kill -TERM "$SERVE_PID" 2>/dev/null
  wait "$SERVE_PID"; SERVE_RC=$?
  SERVE_PID=
}
# a test that ends early still stops its server
trap 'serve_stop; rm -rf "$TMP"' EXIT
post() {
  f=$1; shift
  curl -s -o "$TMP/body" -D "$TMP/headers" -w '%{http_code}' -F "file=@$f" "$@" "$SERVE_URL/api/check"
}
header() { tr -d '\r' <"$TMP/headers" | sed -n "s/^$1: //Ip" | tail -1; }
# files the server holds under its temporary folder (uploads, work, kept results)
stored() { find "$SERVE_TMP" -type f | wc -l; }
# entries left of answered uploads: their folders go just after each answer is sent
# (off the request's path), so allow a moment (sanitizer builds are slow)
uploads_left() {
  for _ in $(seq 50); do
    [ "$(find "$SERVE_TMP" -path '*/requests/*' | wc -l)" -eq 0 ] && break
    sleep 0.1
  done
  find "$SERVE_TMP" -path '*/requests/*' | wc -l
}
