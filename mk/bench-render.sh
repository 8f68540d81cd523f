# mk/bench-render.sh — the dossier rows of make bench (sourced by mk/bench.sh): qb-check
# --pdf (a DOCX in, checked and typeset, as LibreOffice is given it) against LibreOffice
# converting the same DOCX to PDF (soffice --headless --convert-to pdf, from
# libreoffice-writer-nogui), on the write-ups and on every corpus DOCX both can read.
# LibreOffice runs with a private profile made by one untimed first run, so the timed
# runs are the warm runs of a desktop where it has been used before.
lo_profile=
lo_start() {
  have soffice || return 1
  lo_profile=$BENCH_TMP/lo-profile
  mkdir -p "$lo_profile" "$BENCH_TMP/lo"
  lo_convert "$sample" # the profile's first run
}
lo_stop() { [ -n "$lo_profile" ] && rm -rf "$lo_profile"; lo_profile=; }
lo_convert() { # DOCX — into $BENCH_TMP/lo
  soffice --headless "-env:UserInstallation=file://$lo_profile" --convert-to pdf --outdir "$BENCH_TMP/lo" "$1" \
    </dev/null >/dev/null 2>&1
}
# one_dossier DOCX — "qb_s lo_s" medians (lo_s empty without LibreOffice, or when it made
# no PDF); nothing when qb-check cannot read DOCX (exit 2)
one_dossier() {
  od_doc=$1
  "$B/qb-check" --pdf "$BENCH_TMP/qb.pdf" "$od_doc" >/dev/null 2>&1
  [ $? -le 1 ] && [ -s "$BENCH_TMP/qb.pdf" ] || return 0
  qb_run() { "$B/qb-check" --pdf "$BENCH_TMP/qb.pdf" "$od_doc"; }
  lo_run() { lo_convert "$od_doc"; }
  lo_pdf=$BENCH_TMP/lo/$(basename "${od_doc%.*}").pdf
  rm -f "$lo_pdf"
  if [ -n "$lo_profile" ]; then
    set -- $(pair_medians "$BENCH_RUNS" qb_run lo_run)
    [ -s "$lo_pdf" ] || set -- "$1"
  else
    set -- $(pair_medians "$BENCH_RUNS" qb_run "")
  fi
  echo "$1 ${2:-}"
}
dossier_rows() {
  lo_start || echo "bench: LibreOffice not installed: the dossier rows say so" >&2
  set -- $(one_dossier "$sample")
  speed_row "dossier of the long-8000 sample" "qb-check --pdf" "$1" "LibreOffice → PDF" "${2:-}" 50
  if [ -n "$cwriteup" ]; then
    set -- $(one_dossier "$cwriteup")
    speed_row "dossier of the corpus write-up" "qb-check --pdf" "$1" "LibreOffice → PDF" "${2:-}" 50
  fi
  [ -d "$CORPUS" ] || return 0
  # every corpus DOCX (tiny: the smallest one that is read): the three slowest for
  # qbintake get a row each, the rest one row with the least ratio
  : >"$BENCH_TMP/docs"
  if [ "$BENCH_TINY" = 1 ]; then
    ls "$CORPUS"/docx-cn/cn_wps_then_word_test11.docx >>"$BENCH_TMP/docs" 2>/dev/null
  else
    ls "$CORPUS"/docx-cn/*.docx "$CORPUS"/docx-real/*.docx >>"$BENCH_TMP/docs" 2>/dev/null
  fi
  : >"$BENCH_TMP/dossiers"
  while read -r d; do
    r=$(one_dossier "$d")
    [ -n "$r" ] && echo "$r $(basename "$d")" >>"$BENCH_TMP/dossiers"
  done <"$BENCH_TMP/docs"
  [ -s "$BENCH_TMP/dossiers" ] || return 0
  n=$(wc -l <"$BENCH_TMP/dossiers" | tr -d ' ')
  sort -rn "$BENCH_TMP/dossiers" | head -3 | while read -r q l name; do
    case $l in *[!0-9.]*) name="$l $name"; l= ;; esac # no LibreOffice time: the name moved up
    pg=$(pages_of "$CORPUS"/docx-*/"$name")
    speed_row "dossier of $name${pg:+ ($pg pages)}" "qb-check --pdf" "$q" \
      "LibreOffice → PDF" "$l" 20
  done
  # the least ratio over all documents LibreOffice converted
  worst=$(awk 'NF == 3 && $1 > 0 { r = $2 / $1; if (!n++ || r < min) { min = r; w = $0 } } END { print w }' \
    "$BENCH_TMP/dossiers")
  if [ -n "$worst" ]; then
    set -- $worst
    speed_row "dossiers of all $n corpus DOCX: the least ratio ($3)" "qb-check --pdf" "$1" "LibreOffice → PDF" "$2" 20
  else
    q=$(sort -rn "$BENCH_TMP/dossiers" | head -1 | cut -d' ' -f1)
    speed_row "dossiers of all $n corpus DOCX: the slowest" "qb-check --pdf" "$q" "LibreOffice → PDF" "" 20
  fi
  lo_stop
}
pages_of() { # DOCX — the pages of its dossier
  "$B/qb-check" --pdf "$BENCH_TMP/p.pdf" "$1" >/dev/null 2>&1
  pdfinfo "$BENCH_TMP/p.pdf" 2>/dev/null | sed -n 's/^Pages: *//p'
}
