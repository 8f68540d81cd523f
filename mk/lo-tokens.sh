#!/bin/sh
# mk/lo-tokens.sh — what LibreOffice shows of each document, as hashed words, for
# tests/t76-dossier-text-kept.t (no text may be lost in the dossier). LibreOffice cannot run in
# CI cheaply and the corpus's text must not enter the repository, so this is run by hand on a
# machine with soffice (libreoffice-writer-nogui), from the repository root, after `make`:
#
#   sh mk/lo-tokens.sh                 every corpus DOCX (../shared/corpus/docx*) and every
#                                      sample (bin/mksample) into tests/corpus/lo-tokens/
#   sh mk/lo-tokens.sh --add DOC…      only these documents (a sample just added), beside the rest
#   sh mk/lo-tokens.sh --show DOC…     for each DOC, the words of LibreOffice's PDF that the
#                                      dossier (bin/qb-check --pdf) lacks, in clear, with counts
#
# tests/corpus/lo-tokens/SHA.tsv (SHA: the SHA-256 of the document) holds "HASH<TAB>COUNT"
# lines, HASH the first 12 hex digits of the SHA-256 of a word (tests/lib/text-tokens.pl says
# what a word is); INDEX names the document each file was made from ("NAME<TAB>SHA<TAB>pdf",
# or "none" when LibreOffice could not read it).
# The document's own page headers and footers are taken out before LibreOffice sets it: the
# dossier replaces them with its running header and page numbers, so their text (and the page
# numbers LibreOffice counts) is no text of the write-up. Its tracked changes are accepted:
# LibreOffice prints deleted text struck through, the write-up is read as its final text.
set -u
out=tests/corpus/lo-tokens
tok=tests/lib/text-tokens.pl
corpus=../shared/corpus
[ -x bin/qb-check ] && [ -f "$tok" ] || { echo "lo-tokens.sh: run from the repository root after make" >&2; exit 2; }
command -v soffice >/dev/null 2>&1 || { echo "lo-tokens.sh: needs soffice (apt-get install libreoffice-writer-nogui)" >&2; exit 2; }
command -v zip >/dev/null 2>&1 || { echo "lo-tokens.sh: needs zip" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/qb-lo-tokens.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/in" "$work/pdf" "$work/x"

# strip DOC SHA — a copy of DOC as $work/in/SHA.EXT without header and footer references, and
# with its tracked changes accepted (deleted text taken out): what qb-docx reads as its text
strip() {
  ext=${1##*.}
  rm -rf "$work/x" && mkdir "$work/x"
  if unzip -qq "$1" -d "$work/x" 2>/dev/null; then
    find "$work/x" -name '*.xml' -exec perl -0pi -e \
      's#<(?:[\w.-]+:)?(?:header|footer)Reference\b[^>]*?/>##g;
       s#<([\w.-]+:)?(del|moveFrom)(?:\s[^>]*)?(?<!/)>.*?</\1\2>##gs' {} +
    (cd "$work/x" && zip -qq -X -r "$work/in/$2.$ext" .)
  else
    cp "$1" "$work/in/$2.$ext"          # not a ZIP LibreOffice may still read; as it is
  fi
}

# convert: every copy in $work/in to $work/pdf, one soffice run (a private profile)
convert() {
  timeout 3600 soffice "-env:UserInstallation=file://$work/profile" --headless \
    --convert-to pdf --outdir "$work/pdf" "$work"/in/* >"$work/soffice.log" 2>&1
}

if [ "${1:-}" = --show ]; then
  shift
  for doc; do
    sha=$(sha256sum "$doc" | cut -c1-64)
    strip "$doc" "$sha"
  done
  convert
  for doc; do
    sha=$(sha256sum "$doc" | cut -c1-64)
    echo "== $doc"
    [ -s "$work/pdf/$sha.pdf" ] || { echo "   LibreOffice made no PDF"; continue; }
    pdftotext -raw "$work/pdf/$sha.pdf" "$work/lo.txt" 2>/dev/null
    perl "$tok" "$work/lo.txt" >"$work/lo.tok"
    bin/qb-check --pdf "$work/ours.pdf" "$doc" >/dev/null 2>&1
    pdftotext -raw "$work/ours.pdf" "$work/ours.txt" 2>/dev/null
    perl "$tok" --missing "$work/lo.tok" "$work/ours.txt" |
      awk -F'\t' '{ printf "   %s\tLibreOffice %d, dossier %d\n", $1, $2, $3 }'
  done
  exit 0
fi

# --add DOC…: these documents' words beside those already there (a new sample: build/samples/X.docx)
if [ "${1:-}" = --add ]; then
  shift
  for doc; do strip "$doc" "$(sha256sum "$doc" | cut -c1-64)"; done
  convert
  mkdir -p "$out"
  touch "$out/INDEX"
  for doc; do
    sha=$(sha256sum "$doc" | cut -c1-64)
    name=$(echo "$doc" | sed 's|^.*/samples/|samples/|; s|^\.\./shared/corpus/||')
    got=none
    if [ -s "$work/pdf/$sha.pdf" ] && pdftotext -raw "$work/pdf/$sha.pdf" "$work/lo.txt" 2>/dev/null; then
      perl "$tok" --hash "$work/lo.txt" >"$out/$sha.tsv" && got=pdf
    fi
    echo "$name: $got"
    { grep -v "$(printf '\t')$sha$(printf '\t')" "$out/INDEX"; printf '%s\t%s\t%s\n' "$name" "$sha" "$got"; } |
      LC_ALL=C sort >"$work/index" && cp "$work/index" "$out/INDEX"
  done
  exit 0
fi

# every document: the corpus's Word files and the samples (made afresh)
mkdir -p "$work/samples"
bin/mksample "$work/samples" >/dev/null || exit 1
: >"$work/docs"
: >"$work/index"
for doc in "$corpus"/docx*/*.docx "$corpus"/docx*/*.dotx "$work"/samples/*.docx; do
  [ -f "$doc" ] || continue
  case $doc in
    "$work"/samples/*) name=samples/$(basename "$doc") ;;
    *) name=${doc#"$corpus"/} ;;
  esac
  sha=$(sha256sum "$doc" | cut -c1-64)
  printf '%s\t%s\n' "$name" "$sha" >>"$work/docs"
  strip "$doc" "$sha"
done
convert
rm -f "$out"/*.tsv
mkdir -p "$out"
while IFS="$(printf '\t')" read -r name sha; do
  if [ -s "$work/pdf/$sha.pdf" ] && pdftotext -raw "$work/pdf/$sha.pdf" "$work/lo.txt" 2>/dev/null; then
    perl "$tok" --hash "$work/lo.txt" >"$out/$sha.tsv"
    echo "$name: $(awk -F'\t' 'NF == 2 { n += $2 } END { print n + 0 }' "$out/$sha.tsv") words"
    printf '%s\t%s\tpdf\n' "$name" "$sha" >>"$work/index"
  else
    echo "$name: LibreOffice made no PDF"
    printf '%s\t%s\tnone\n' "$name" "$sha" >>"$work/index"
  fi
done <"$work/docs"
LC_ALL=C sort "$work/index" >"$out/INDEX"
