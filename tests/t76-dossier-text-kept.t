#!/bin/sh
# t76-dossier-text-kept — no text of the write-up is lost in its dossier: for every corpus Word
# file and every sample, each word LibreOffice's PDF of the document shows (its page headers and
# footers aside) is in the dossier's text at least as often (tests/lib/text-tokens.pl says what a
# word is; the dossier may have more: cover, summary, running headers). LibreOffice does not run
# here: its words were taken once by mk/lo-tokens.sh, hashed, into tests/corpus/lo-tokens/.
# Where LibreOffice misreads a document (tests/corpus/lo-known-differences: its text, Word's, why),
# those tokens are taken out of its words, and it is a test of its own that the dossier has
# Word's reading there instead.
# Also, for each dossier: rendered twice from its record, the same bytes; pdftotext, pdffonts
# and pdfinfo print nothing on stderr (no poppler warning); in the check summary's table cells no
# line starts with a closing mark, a rule id is cut only after . or -, and no run of spaces is
# kept (tests/lib/summary-lines.pl).
# A document holding what the dossier does not draw yet — charts, Word shapes, OMML equations,
# footnotes (issue 11) — has its missing words as a known failure naming the cause, decided by
# what the document contains; every other document must keep all its words.
. "$(dirname "$0")/lib/tap.sh"
TOK="$TESTS_DIR/lib/text-tokens.pl"
LOT="$TESTS_DIR/corpus/lo-tokens"
KNOWN="$TESTS_DIR/corpus/lo-known-differences"
SAMPLES=${QB_SAMPLES:-$TMP/samples}
mkdir -p "$SAMPLES"
"$QB_BIN/mksample" "$SAMPLES" >/dev/null || { ok 1 "mksample writes the samples"; done_testing; exit; }

# what_not_drawn DOC — the causes, among those issue 11 is drawing, found in DOC's text parts
what_not_drawn() {
  unzip -Z1 "$1" >"$TMP/parts" 2>/dev/null || return 0
  parts=$(grep -E '^word/(document[^/]*|footnotes|endnotes)\.xml$' "$TMP/parts")
  [ -n "$parts" ] || return 0
  # shellcheck disable=SC2086
  unzip -p "$1" $parts 2>/dev/null | tr '>' '\n' >"$TMP/xml"
  why=
  grep -q '^<c:chart\b\|/charts/' "$TMP/xml" || grep -q '^word/charts/' "$TMP/parts" && why="$why, charts"
  grep -Eq '^<(wps:wsp|wpg:wgp|wpc:wpc|v:(rect|roundrect|oval|line|polyline|group|shape))\b' "$TMP/xml" &&
    why="$why, Word shapes"
  grep -q '^<m:oMath\b' "$TMP/xml" && why="$why, equations"
  grep -Eq '^<w:(footnote|endnote)Reference\b' "$TMP/xml" && why="$why, footnotes"
  echo "${why#, }"
}

# poppler TOOL ARGS… — runs a poppler tool; its stderr is kept apart
poppler() { "$@" 2>>"$TMP/poppler.err"; }

if [ -d "$CORPUS/docx-cn" ]; then
  docs=$(cd "$CORPUS" && LC_ALL=C ls -d docx*/*.docx docx*/*.dotx 2>/dev/null | sed 's|^|corpus/|')
else
  docs=
  skip "the corpus is not beside the repository: samples only"
fi
docs="$docs
$(cd "$SAMPLES" && LC_ALL=C ls -d *.docx | sed 's|^|samples/|')"

for name in $docs; do
  case $name in
    corpus/*) doc=$CORPUS/${name#corpus/} ;;
    samples/*) doc=$SAMPLES/${name#samples/} ;;
  esac
  short=$(basename "$doc")
  rm -f "$TMP/r.xml" "$TMP/a.pdf" "$TMP/b.pdf"
  "$QB_BIN/qb-check" --record "$TMP/r.xml" "$doc" >/dev/null 2>"$TMP/err"
  refused=$?
  "$QB_BIN/qb-render" --received 2024-06-01 -o "$TMP/a.pdf" "$TMP/r.xml" 2>"$TMP/err" &&
    "$QB_BIN/qb-render" --received 2024-06-01 -o "$TMP/b.pdf" "$TMP/r.xml" 2>>"$TMP/err" &&
    cmp -s "$TMP/a.pdf" "$TMP/b.pdf"
  ok $? "$short: its dossier, rendered twice, has the same bytes"
  [ -s "$TMP/a.pdf" ] || { sed 's/^/#   /' "$TMP/err"; continue; }

  : >"$TMP/poppler.err"
  poppler pdftotext -raw "$TMP/a.pdf" "$TMP/ours.txt"
  poppler pdffonts "$TMP/a.pdf" >/dev/null
  poppler pdfinfo "$TMP/a.pdf" >/dev/null
  poppler pdftotext -bbox-layout "$TMP/a.pdf" - | perl "$TESTS_DIR/lib/summary-lines.pl" >"$TMP/summary"
  test_cmp /dev/null "$TMP/summary" \
    "$short: its summary's cells: no line starts with a closing mark, rule ids whole, no run of spaces"
  [ ! -s "$TMP/poppler.err" ]
  ok $? "$short: pdftotext, pdffonts and pdfinfo print no warning"
  [ -s "$TMP/poppler.err" ] && sort -u "$TMP/poppler.err" | head -5 | sed 's/^/#   /' >&2

  # the words LibreOffice shows: by the document's SHA-256
  sha=$(sha256sum "$doc" | cut -c1-64)
  lo=$(awk -F'\t' -v s="$sha" '$2 == s { print $3; exit }' "$LOT/INDEX")
  if [ "$refused" -eq 2 ]; then
    skip "$short: qb-check cannot process it (its dossier says why): no text to compare"; continue
  elif [ "$lo" = none ]; then
    skip "$short: LibreOffice cannot read it either"; continue
  elif [ -z "$lo" ] || [ ! -f "$LOT/$sha.tsv" ]; then
    ok 1 "$short: LibreOffice's words of this version of it are known"
    diag "  $name changed since tests/corpus/lo-tokens/ was made: run sh mk/lo-tokens.sh"
    continue
  fi
  # LibreOffice's known misreadings of it (tests/corpus/lo-known-differences), taken out of its
  # words only while the dossier reads there as Word does
  perl "$TOK" --missing "$LOT/$sha.tsv" --known "$KNOWN" "$sha" "$TMP/ours.txt" >"$TMP/missing" 2>"$TMP/known"
  if [ -s "$TMP/known" ]; then
    keys=$(awk -F'\t' -v s="$sha" '$1 == s { print $5 }' "$KNOWN" | sort -u | paste -sd' ' -)
    ! grep -q '^known	not held' "$TMP/known"
    ok $? "$short: where LibreOffice misreads it ($keys), the dossier reads as Word does"
    grep '^known	not held' "$TMP/known" | cut -f3- | sed 's/^/#   /' >&2
  fi
  lost=$(awk -F'\t' '{ n += $2 - $3 } END { print n + 0 }' "$TMP/missing")
  words=$(awk -F'\t' 'NF == 2 { n += $2 } END { print n + 0 }' "$LOT/$sha.tsv")
  why=$(what_not_drawn "$doc")
  [ -n "$why" ] && [ "$lost" -gt 0 ] && todo_begin "not drawn yet: $why"
  is "$lost" 0 "$short: every one of LibreOffice's $words words is in the dossier"
  if [ "$lost" -gt 0 ]; then
    diag "  missing (word hash, LibreOffice's count, the dossier's): $(head -5 "$TMP/missing" | tr '\t\n' ' ,')" \
         "  in clear: sh mk/lo-tokens.sh --show $(echo "$name" | sed 's|^corpus/|../shared/corpus/|; s|^samples/|build/samples/|')"
  fi
  todo_end
done
done_testing
