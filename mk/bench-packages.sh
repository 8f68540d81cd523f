# mk/bench-packages.sh — the package rows of make bench (sourced by mk/bench.sh):
#   batch_rows   qb-batch -j 2 over an inbox of the corpus's packages and generated ones
#                (form, write-up, proof list, scans), against unpacking each package alone,
#                one at a time, with bsdtar (unar where bsdtar fails: RAR4 solid). Left out
#                of the corpus: its two decompression bombs and the RAR4 volume set whose
#                241 MB member an unpacker writes out whole four times (483 MB a volume,
#                measured) — timing an unpacker on those times the disk, not the work.
#                An encrypted package gets a wrong passphrase: bsdtar would otherwise ask
#                the terminal a thousand times (16 s, measured).
#   memory_rows  peak memory (GNU time's %M) of qb-check --pdf and --json on ZIP packages
#                of 10, 50, 100 and 200 MB of scans (tiny: 1 and 3 MB), against bsdtar -xf.
# Generated files go to $out/gen, never into the repository.
P=某某精工机械制造有限公司
gen_parts() { # the documents every generated package holds, once
  [ -s "$gen/form.docx" ] && return 0
  mkdir -p "$gen"
  "$B/mksample" "$gen" compliant-direct >/dev/null &&
    "$B/mkform" --applicant "$P" "$gen" cells-ok >/dev/null && mv "$gen/cells-ok.docx" "$gen/form.docx" &&
    "$B/mkzip" --docx "$gen/proof.docx" "证明材料目录" "一、营业执照" "二、质量管理体系认证证书"
}
# scans W H N — $gen/scans-W/scan-01.jpg … (noisy JPEGs, mkdossier), made once
scans() {
  sd=$gen/scans-$1
  [ -s "$sd/scan-$(printf %02d "$3").jpg" ] && return 0
  mkdir -p "$sd" && "$B/mkdossier" scans "$sd" "$3" "$1" "$2"
}
# scan_entries W N — the mkzip/mkrar entries of the first N scans
scan_entries() {
  i=1
  while [ $i -le "$2" ]; do
    printf '证明材料/扫描件%02d.jpg=@%s/scan-%02d.jpg\n' "$i" "$gen/scans-$1" "$i"
    i=$((i + 1))
  done
}
if [ "$BENCH_TINY" = 1 ]; then scan_w=800 scan_h=1100; else scan_w=2480 scan_h=3508; fi
gen=$out/gen

batch_rows() {
  inbox=$BENCH_TMP/inbox
  rm -rf "$inbox"; mkdir -p "$inbox"
  gen_parts || { echo "bench: cannot generate packages" >&2; return 0; }
  if [ "$BENCH_TINY" = 1 ]; then npkg=2 nscan=1 ncorpus=3; else npkg=12 nscan=4 ncorpus=1000; fi
  scans "$scan_w" "$scan_h" "$nscan" || return 0
  i=1
  while [ $i -le $npkg ]; do
    a=某某第${i}机械制造有限公司
    # a form naming each applicant; every other package a RAR, as WinRAR stores scans
    "$B/mkform" --applicant "$a" "$gen" cells-ok >/dev/null && mv "$gen/cells-ok.docx" "$gen/f.docx"
    mk=mkzip ext=zip
    [ $((i % 2)) = 0 ] && mk=mkrar ext=rar
    # shellcheck disable=SC2046 # one entry a line, no spaces in them
    "$B/$mk" "$inbox/$a.$ext" "申报书.docx=@$gen/f.docx" "典型经验材料.docx=@$gen/compliant-direct.docx" \
      "证明材料/证明材料目录.docx=@$gen/proof.docx" $(scan_entries "$scan_w" "$nscan") || return 0
    i=$((i + 1))
  done
  if [ -d "$CORPUS" ]; then
    ls "$CORPUS"/rar/*.rar "$CORPUS"/zip/*.zip 2>/dev/null | grep -v -e _bomb_ -e rar4_multivolume | head -n $ncorpus |
      while read -r f; do cp "$f" "$inbox/"; done
  fi
  n=$(ls "$inbox" | wc -l | tr -d ' ')
  mb=$(du -sb "$inbox" | awk '{ printf "%.0f", $1 / 1e6 }')
  qb_run() { rm -rf "$BENCH_TMP/outbox"; "$B/qb-batch" -j 2 --deadline none "$inbox" "$BENCH_TMP/outbox"; }
  unpack_all() {
    for p in "$inbox"/*; do
      rm -rf "$BENCH_TMP/x"; mkdir "$BENCH_TMP/x"
      { have bsdtar && bsdtar --passphrase none -xf "$p" -C "$BENCH_TMP/x" </dev/null; } ||
        { have unar && unar -q -f -p none -o "$BENCH_TMP/x" "$p" </dev/null; }
    done
    rm -rf "$BENCH_TMP/x"
  }
  if have bsdtar || have unar; then set -- $(pair_medians "$BENCH_RUNS" qb_run unpack_all)
  else set -- $(pair_medians "$BENCH_RUNS" qb_run ""); fi
  cost_row "batch of $n packages, $mb MB" "qb-batch -j 2" "$1" "bsdtar/unar -x, one at a time" "${2:-}" 2
  rm -rf "$BENCH_TMP/outbox" "$inbox"
}

memory_rows() {
  gen_parts || return 0
  if [ "$BENCH_TINY" = 1 ]; then sizes="1 3"; else sizes="10 50 100 200"; fi
  per=$(wc -c <"$gen/compliant-direct.docx") # stands in until the scans are made
  scans "$scan_w" "$scan_h" 1 || return 0
  per=$(wc -c <"$gen/scans-$scan_w/scan-01.jpg")
  last=$(echo $sizes | awk '{ print $NF }')
  most=$(echo "$last $per" | awk '{ n = int($1 * 1e6 / $2 + 0.5); print n ? n : 1 }')
  scans "$scan_w" "$scan_h" "$most" || return 0
  for flag in --pdf --json; do
    first=
    for s in $sizes; do
      k=$(echo "$s $per" | awk '{ n = int($1 * 1e6 / $2 + 0.5); print n ? n : 1 }')
      pkg=$gen/$P-$s.zip
      # shellcheck disable=SC2046
      [ -s "$pkg" ] || "$B/mkzip" "$pkg" "申报书.docx=@$gen/form.docx" "典型经验材料.docx=@$gen/compliant-direct.docx" \
        $(scan_entries "$scan_w" "$k") || return 0
      mb=$(wc -c <"$pkg" | awk '{ printf "%.0f", $1 / 1e6 }')
      if [ "$flag" = --pdf ]; then
        qk=$(peak_median "$BENCH_RUNS" "$B/qb-check" --pdf "$BENCH_TMP/m.pdf" "$pkg")
      else
        qk=$(peak_median "$BENCH_RUNS" "$B/qb-check" --json "$pkg")
      fi
      bk=
      if have bsdtar; then
        rm -rf "$BENCH_TMP/x"; mkdir -p "$BENCH_TMP/x"
        bk=$(peak_median "$BENCH_RUNS" bsdtar -xf "$pkg" -C "$BENCH_TMP/x")
        rm -rf "$BENCH_TMP/x"
        bk=$(echo "$bk" | awk '{ printf "%.1f", $1 / 1024 }')
      fi
      q=$(echo "$qk" | awk '{ printf "%.1f", $1 / 1024 }')
      [ -n "$first" ] || first=$q
      r=$(echo "$q $first" | awk '{ printf "%.1f", ($2 > 0 ? $1 / $2 : 0) }')
      met=$(echo "$r" | awk '{ print (($1 <= 2) ? "yes" : "no") }')
      row "peak memory, a $mb MB package ($k scans)" "qb-check $flag" "$q" "bsdtar -xf" "${bk:-not installed}" MB \
        "$r" "≤ 2× the ${sizes%% *} MB package's" "$met"
    done
  done
}
