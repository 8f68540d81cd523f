# render.sh — qb-render reads an application record; the tests that start from a .docx
# make its record first. Source it after tap.sh.
#   render_docx [qb-render options] INPUT.docx   ==   qb-check --record R INPUT.docx; qb-render [options] R
render_docx() {
  eval "render_in=\${$#}"
  render_n=$# render_i=1
  for render_a; do
    [ "$render_i" -lt "$render_n" ] && set -- "$@" "$render_a"
    render_i=$((render_i + 1))
  done
  shift "$render_n"
  rm -f "$TMP/render-record.xml"
  "$QB_BIN/qb-check" --record "$TMP/render-record.xml" "$render_in" >/dev/null 2>"$TMP/render-record.err"
  [ -s "$TMP/render-record.xml" ] || { cat "$TMP/render-record.err" >&2; return 2; }
  "$QB_BIN/qb-render" "$@" "$TMP/render-record.xml"
}
