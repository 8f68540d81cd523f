# serve.sh — a qb-serve for the t7x tests, on a free port picked by the server itself
# (--listen 127.0.0.1:0: the port it took is in its first log line), with a private
# $TMPDIR so a test can see every file the server stores. Source after tap.sh; then:
#   serve_start [OPTION…]   start it (log in $SERVE_LOG); sets SERVE_PID, SERVE_URL, SERVE_TMP
#   serve_stop              SIGTERM; waits; sets SERVE_RC (its exit status)
#   post FILE [CURL-ARG…]   POST /api/check with FILE in field `file`; body in $TMP/body,
#                           headers in $TMP/headers; prints the HTTP status
SERVE_PID=
# every curl of these tests gives up after two minutes: a request the server never answers
# is a failing test, not a test run that hangs (curl reads $CURL_HOME/.curlrc)
export CURL_HOME=$TMP
echo 'max-time = 120' >"$CURL_HOME/.curlrc"
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
# (off the request's path), so allow a moment (sanitizer builds are slow). The server
# makes folders ahead, as many as its spare children (r-XXXXXX holding an empty in/;
# its first log line says how many at most): those are not left of anything, more are.
left_count() {
  all=$(find "$SERVE_TMP" -path '*/requests/*' | wc -l)
  ahead=0
  for d in "$SERVE_TMP"/*/requests/r-*; do
    [ -d "$d" ] && [ "$(ls -A "$d")" = in ] && [ -z "$(ls -A "$d/in")" ] && ahead=$((ahead + 1))
  done
  most=$(sed -n 's/.*up to \([0-9]*\) spares.*/\1/p' "$SERVE_LOG" | head -1)
  over=$((ahead > ${most:-0} ? ahead - ${most:-0} : 0))
  echo $((all - 2 * ahead + over))
}
uploads_left() {
  for _ in $(seq 50); do
    [ "$(left_count)" -eq 0 ] && break
    sleep 0.1
  done
  left_count
}
# zip_bomb OUT MEMBER BYTES — a ZIP whose one member (a UTF-8 name) is BYTES zeros,
# deflated: gzip's deflate stream framed as a ZIP entry, its CRC-32 and size taken from
# gzip's trailer — a compression bomb that unzip -t calls sound
le16() { printf "\\$(printf %03o $(($1 & 255)))\\$(printf %03o $((($1 >> 8) & 255)))"; }
le32() { le16 $(($1 & 65535)); le16 $((($1 >> 16) & 65535)); }
zip_bomb() {
  head -c "$3" /dev/zero | gzip -9 -n >"$1.gz"
  clen=$(($(wc -c <"$1.gz") - 18))
  crc=$(tail -c 8 "$1.gz" | head -c 4 | od -An -tu4 | tr -d ' ')
  nlen=$(printf %s "$2" | wc -c)
  { # local header (flag 0x800: the name is UTF-8; method 8: deflate; 1980-01-01), data
    le32 $((0x04034b50)); le16 20; le16 $((0x800)); le16 8; le16 0; le16 33
    le32 "$crc"; le32 "$clen"; le32 "$3"; le16 "$nlen"; le16 0; printf %s "$2"
    tail -c +11 "$1.gz" | head -c "$clen"
  } >"$1"
  off=$(wc -c <"$1")
  { # central directory entry
    le32 $((0x02014b50)); le16 20; le16 20; le16 $((0x800)); le16 8; le16 0; le16 33
    le32 "$crc"; le32 "$clen"; le32 "$3"; le16 "$nlen"; le16 0; le16 0; le16 0; le16 0; le32 0; le32 0
    printf %s "$2"
  } >"$1.cd"
  cdlen=$(wc -c <"$1.cd")
  { cat "$1.cd"; le32 $((0x06054b50)); le16 0; le16 0; le16 1; le16 1; le32 "$cdlen"; le32 "$off"; le16 0; } >>"$1"
  rm -f "$1.gz" "$1.cd"
}
