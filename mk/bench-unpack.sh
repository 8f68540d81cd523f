#!/bin/sh
# mk/bench-unpack.sh — qb-unpack (limits, our own header walks, a sandboxed reader,
# SHA-256 of every member) against bsdtar extracting the same package, timed in this
# one run. The package: the three documents plus 100 MB of proof scans, as a stored
# RAR5 (how WinRAR "store" packs JPEGs) and as a ZIP. Installs nothing: without bsdtar
# (libarchive-tools) it times qb-unpack alone. Called by `make bench`.
set -u
. mk/timing.sh
out=build/bench/unpack
rm -rf "$out"; mkdir -p "$out"
bin/mksample "$out" compliant-direct >/dev/null || exit 1
P=某某精工机械制造有限公司
# scans do not compress: random bytes stand for them (zeros would let bsdtar write holes)
head -c 100000000 /dev/urandom >"$out/scan.jpg"
set -- "申报书.docx=@$out/compliant-direct.docx" "典型经验材料.docx=@$out/compliant-direct.docx" \
       "证明材料/扫描件.jpg=@$out/scan.jpg"
bin/mkrar "$out/$P.rar" "$@" || exit 1
bin/mkzip "$out/$P.zip" "$@" || exit 1
for pkg in "$out/$P.rar" "$out/$P.zip"; do
  kind=${pkg##*.}
  size=$(wc -c <"$pkg" | awk '{ printf "%.1f MB", $1 / 1e6 }')
  echo "qb-unpack on a $kind package of $size"
  qb() { rm -rf "$out/q"; bin/qb-unpack "$pkg" "$out/q"; }
  q=$(best_secs 5 qb)
  echo "  qb-unpack              $(ms "$q") (fastest of 5), peak $(peak_kib bin/qb-unpack "$pkg" "$out/q2") KiB"
  rm -rf "$out/q2"
  if command -v bsdtar >/dev/null 2>&1; then
    bt() { rm -rf "$out/b"; mkdir -p "$out/b"; bsdtar -xf "$pkg" -C "$out/b"; }
    b=$(best_secs 5 bt)
    echo "  bsdtar -xf             $(ms "$b") (fastest of 5)"
    echo "  ratio: qb-unpack takes $(ratio "$b" "$q")x the time of bsdtar, for the checks bsdtar does not make"
  else
    echo "  bsdtar not installed (apt-get install libarchive-tools to compare)"
  fi
done
rm -rf "$out"
