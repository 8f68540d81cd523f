#!/bin/sh
# t54-output-safety — outputs never destroy an input and are never half-written, and
# a qb-check that is stopped leaves no unpacked files behind (issue 14, defects 2 and 3):
# - an output path that is the input (the path itself, a symbolic link, a hard link)
#   is refused by qb-check --pdf/--html/--annotate and qb-render -o, input unchanged;
#   so is a package's own path, and a file inside a package given as a folder;
# - a symbolic link at the destination is replaced, its target left alone;
# - a file-size limit (ulimit -f) or a full disk (a small tmpfs, as root) gives exit 2,
#   a message saying why, the old destination intact and no temporary file;
# - qb-check on a package stopped by SIGTERM, SIGHUP, SIGINT or SIGABRT removes its
#   private folder under $TMPDIR.
. "$(dirname "$0")/lib/tap.sh"
. "$TESTS_DIR/lib/render.sh"

mkdir -p "$TMP/s" "$TMP/w"
"$QB_BIN/mksample" "$TMP/s" compliant-direct >/dev/null 2>&1
src="$TMP/s/compliant-direct.docx"
if [ ! -f "$src" ]; then skip "mksample not available"; done_testing; exit; fi
cd "$TMP/w" || exit 1
cp "$src" draft.docx
sum=$(cksum <draft.docx)
ln -s draft.docx link.docx
ln draft.docx hard.docx
"$QB_BIN/qb-check" --record rec.xml draft.docx >/dev/null 2>&1

# --- an output that is the input -----------------------------------------------
# (qb-render reads the record of draft.docx, whose documents are its inputs)
for way in draft.docx link.docx hard.docx; do
  for how in "qb-check --pdf" "qb-check --html" "qb-check --annotate" "qb-render -o"; do
    set -- $how
    in=draft.docx; [ "$1" = qb-render ] && in=rec.xml
    "$QB_BIN/$1" "$2" "$way" "$in" >/dev/null 2>err
    rc=$?
    [ $rc -eq 2 ] && grep -q "就是输入文件" err && [ "$(cksum <draft.docx)" = "$sum" ] && [ -f draft.docx ] && [ ! -L draft.docx ]
    ok $? "$how $way draft.docx: refused (exit $rc), the draft unchanged"
  done
done
is "$(ls | grep -c tmp)" 0 "no temporary file left beside the draft"
cp rec.xml rec0.xml
"$QB_BIN/qb-render" -o rec.xml rec.xml >/dev/null 2>err; rc=$?
[ $rc -eq 2 ] && grep -q "就是输入文件" err && cmp -s rec.xml rec0.xml
ok $? "qb-render -o rec.xml rec.xml: refused (exit $rc), the record unchanged"

# a package: its own path, or a file inside the folder it is
mkdir pkgdir
cp draft.docx pkgdir/典型经验材料.docx
"$QB_BIN/mkzip" pkg.zip "典型经验材料.docx=@draft.docx" && cp pkg.zip pkg0.zip
for how in "--pdf" "--html"; do
  "$QB_BIN/qb-check" $how pkg.zip pkg.zip >/dev/null 2>err; rc=$?
  [ $rc -eq 2 ] && grep -q "就是输入文件" err && cmp -s pkg.zip pkg0.zip
  ok $? "qb-check $how pkg.zip pkg.zip: refused (exit $rc), the package unchanged"
  "$QB_BIN/qb-check" $how pkgdir/out pkgdir >/dev/null 2>err; rc=$?
  [ $rc -eq 2 ] && grep -q "在输入文件夹 pkgdir 之内" err && [ "$(ls pkgdir)" = "典型经验材料.docx" ]
  ok $? "qb-check $how pkgdir/out pkgdir: refused (exit $rc), nothing written into the package"
done

# --- a link at the destination is replaced, not written through -----------------
echo "keep me" >other.txt
ln -s other.txt report.html
"$QB_BIN/qb-check" --html report.html draft.docx >/dev/null 2>err
[ ! -L report.html ] && grep -q '<html' report.html && [ "$(cat other.txt)" = "keep me" ]
ok $? "--html onto a symbolic link replaces the link; its target is unchanged"

# --- write errors ------------------------------------------------------------------
echo "old report" >old.html
cp draft.docx old.docx
(ulimit -f 1; "$QB_BIN/qb-check" --html old.html draft.docx >/dev/null 2>err); rc=$?
[ $rc -eq 2 ] && grep -q "无法写出 old.html：超出文件大小限制" err && [ "$(cat old.html)" = "old report" ]
ok $? "--html over the file-size limit: exit $rc, says why, the old file intact"
(ulimit -f 4; "$QB_BIN/qb-check" --annotate old.docx draft.docx >/dev/null 2>err); rc=$?
[ $rc -eq 2 ] && grep -q "无法写出 old.docx：超出文件大小限制" err && cmp -s old.docx draft.docx
ok $? "--annotate over the file-size limit: exit $rc, says why, the old file intact"
(ulimit -f 100; "$QB_BIN/qb-render" -o new.pdf rec.xml >/dev/null 2>err); rc=$?
[ $rc -eq 2 ] && grep -q "无法" err && [ ! -e new.pdf ]
ok $? "qb-render over the file-size limit: exit $rc, says why, no PDF"
(ulimit -f 100; "$QB_BIN/qb-check" --pdf new.pdf draft.docx >/dev/null 2>err); rc=$?
[ $rc -eq 2 ] && grep -q "无法" err && [ ! -e new.pdf ]
ok $? "qb-check --pdf over the file-size limit: exit $rc, says why, no PDF"
is "$(ls | grep -c tmp)" 0 "no temporary file left behind by the failed writes"

mkdir tiny
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=64k tmpfs tiny 2>/dev/null; then
  "$QB_BIN/qb-render" -o tiny/d.pdf rec.xml >/dev/null 2>err; rc=$?
  [ $rc -eq 2 ] && grep -q "无法写出 tiny/d.pdf：磁盘空间不足" err && [ -z "$(ls -A tiny)" ]
  ok $? "a full disk: exit $rc, says so, nothing left on it"
  umount tiny
else
  skip "a full disk needs a tmpfs (root)"
fi

# --- a stopped qb-check leaves no unpacked files -----------------------------------
mkdir pkg
cp draft.docx pkg/典型经验材料.docx
truncate -s 150M pkg/证明材料.pdf # hashing and copying it takes a moment
for sig in TERM HUP INT ABRT; do
  rm -rf tmp-$sig && mkdir tmp-$sig
  # a background job of a script ignores SIGINT: perl gives it the default back
  TMPDIR=$PWD/tmp-$sig perl -e '$SIG{INT} = "DEFAULT"; exec @ARGV' "$QB_BIN/qb-check" pkg >/dev/null 2>&1 &
  pid=$!
  i=0
  while [ $i -lt 1000 ] && [ -z "$(ls tmp-$sig)" ]; do sleep 0.01; i=$((i + 1)); done
  seen=$(ls tmp-$sig)
  kill -$sig $pid
  wait $pid 2>/dev/null
  rc=$?
  [ -n "$seen" ] && [ $rc -gt 128 ] && [ -z "$(ls -A tmp-$sig)" ]
  ok $? "SIG$sig while unpacking ($seen, exit $rc): no qb-check folder left in TMPDIR"
done

done_testing
