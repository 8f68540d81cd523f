#!/bin/sh
# seeds.sh TARGET DIR — write the seed corpus of one fuzz target into DIR, made at run
# time from the generated samples (build/samples, made with bin/mksample when absent)
# and the shared corpus (../shared/corpus, when present); nothing here is committed.
# Inputs over 300 KB are left out: small inputs mutate faster.
set -u
target=$1 dir=$2
top=$(cd "$(dirname "$0")/.." && pwd)
samples=$top/build/samples
corpus=$top/../shared/corpus
mkdir -p "$dir"
if ! ls "$samples"/*.docx >/dev/null 2>&1; then
  mkdir -p "$samples" && "$top/bin/mksample" "$samples" >/dev/null || exit 1
fi
small() { find "$@" -type f -size -300k 2>/dev/null | sort; }
docx_files() { small "$samples" "$corpus/docx-cn" "$corpus/docx-real" | grep -i '\.docx$'; }
n=0
put() { # put SRC: copy under a name of its own
  n=$((n + 1)); cp "$1" "$dir/seed-$n" 2>/dev/null
}
case $target in
fuzz_package|fuzz_archive)
  for f in $(small "$corpus/zip" "$corpus/rar"); do put "$f"; done
  d=$samples/compliant-styles.docx t=$dir/.tmp
  mkdir -p "$t"
  # a few packages as applicants send them, from the generated samples (mkzip, mkrar)
  "$top/bin/mkzip" "$t/a.zip" "申请书.docx=@$d" "典型经验材料.docx=@$d" "证明材料/说明.txt=证明" >/dev/null 2>&1
  "$top/bin/mkzip" "$t/b.zip" --gbk "材料/典型经验.docx=@$d" --unicode-path "证明.txt" "p.txt=x" >/dev/null 2>&1
  "$top/bin/mkzip" --7z "$t/c.7z" "典型经验材料.docx=@$d" >/dev/null 2>&1
  "$top/bin/mkrar" "$t/d.rar" "典型经验材料.docx=@$d" --symlink "l=../x" >/dev/null 2>&1
  "$top/bin/mkrar" --rar4 "$t/e.rar" --gbk "典型经验.docx=@$d" --encrypted "s.txt=x" >/dev/null 2>&1
  for f in "$t"/*; do [ -f "$f" ] && put "$f"; done
  rm -rf "$t"
  for f in $(docx_files | head -8); do put "$f"; done ;;
fuzz_docx)
  for f in $(docx_files); do put "$f"; done ;;
fuzz_docx_parts)
  # the selector byte (fuzz_docx_parts.c), then the part as Word or the samples wrote it
  for f in $(docx_files); do
    i=0
    for p in word/document.xml word/styles.xml word/numbering.xml word/theme/theme1.xml word/footnotes.xml; do
      n=$((n + 1))
      { printf "\\$(printf '%03o' $i)"; unzip -p "$f" "$p" 2>/dev/null; } >"$dir/seed-$n"
      [ "$(wc -c <"$dir/seed-$n")" -gt 1 ] || rm -f "$dir/seed-$n"
      if [ $i = 0 ] && [ -f "$dir/seed-$n" ]; then # the main part under tiny limits too
        { printf '\200'; tail -c +2 "$dir/seed-$n"; } >"$dir/seed-$n-tiny"
      fi
      i=$((i + 1))
    done
  done ;;
fuzz_edition)
  for f in "$top"/templates/rules/*.ini; do put "$f"; done ;;
fuzz_count)
  # the text of each write-up, one paragraph per line
  for f in $(docx_files); do
    n=$((n + 1))
    unzip -p "$f" word/document.xml 2>/dev/null | sed -e 's/<w:p[ >]/\n&/g' -e 's/<w:tab\/>/\t/g' -e 's/<[^>]*>//g' \
      >"$dir/seed-$n"
  done ;;
fuzz_picture)
  # the pictures of the corpus, the samples' figures, and mkimages' damaged ones
  for f in $(small "$corpus/pdf-img" | grep -iE '\.(png|jpe?g)$'); do put "$f"; done
  t=$dir/.tmp
  mkdir -p "$t"
  "$top/bin/mkimages" "$samples/compliant-direct.docx" "$t" >/dev/null 2>&1
  for f in "$t"/*.png "$t"/*.jpg; do [ -f "$f" ] && put "$f"; done
  rm -rf "$t" ;;
*) echo "seeds.sh: unknown target $target" >&2; exit 2 ;;
esac
exit 0
