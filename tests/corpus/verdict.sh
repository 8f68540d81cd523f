# verdict.sh — what qb-check says about one document of ../shared/corpus, in the columns of
# tests/corpus/expected.tsv. Sourced by tests/t20-corpus-docx.t and tests/corpus/update.sh, so
# the test and the file it checks are made the one same way.
#
#   corpus_documents CORPUS          the documents qb-check is given, corpus-relative, C order
#   corpus_verdict QB_BIN CORPUS REL WORK
#       runs qb-check --json on CORPUS/REL (WORK: a scratch folder, out.json and err left there)
#       and sets v_exit v_status v_findings v_counts v_reason.
#   reason_matches PATTERN REASON    the reason column's test
#   reason_pattern REASON            REASON as a pattern that matches only itself
#
# Columns (tab-separated): document, exit, findings, counts, reason, todo.
#   findings  severity initial and rule id, sorted, "*N" for N of the same ("-" for none)
#   counts    字数 of title abstract overview practice results, "-" for a section not found
#   reason    the one line on stderr of a document not processed (exit 2), else "-"; a shell
#             pattern (update.sh escapes * ? [ \ in what it writes; a hand-written line may
#             say "*旧版 Word 格式*" when only the gist is known)
#   todo      empty, or "FIELDS: why" — a known failure: the FIELDS (exit, findings, counts,
#             reason) hold the right answer, which qb-check does not give yet
# qb-check runs with an empty PATH: no LibreOffice, so a .doc is reported, not converted,
# whatever is installed.

corpus_documents() {
  (cd "$1" && LC_ALL=C ls -d docx-cn/* docx-real/* doc-legacy/* pdf-img/*)
}

corpus_verdict() {
  mkdir -p "$4/empty-path"
  v_exit=0
  (cd "$2" && timeout 60 env PATH="$4/empty-path" "$1/qb-check" --json "$3") >"$4/out.json" 2>"$4/err" ||
    v_exit=$?
  v_status=$(jq -r .status "$4/out.json" 2>/dev/null) || v_status="no JSON"
  v_findings=$(jq -r '[.findings[] | .severity[0:1] + ":" + .rule] | group_by(.)
                      | map(.[0] + (if length > 1 then "*\(length)" else "" end))
                      | if length == 0 then "-" else join(" ") end' "$4/out.json" 2>/dev/null) ||
    v_findings="no JSON"
  v_counts=$(jq -r '[.counts | .title, .abstract, .overview, .practice, .results
                    | if .found then (.count | tostring) else "-" end] | join(" ")' "$4/out.json" \
                2>/dev/null) || v_counts="no JSON"
  v_reason=-
  if [ "$v_exit" = 2 ]; then
    v_reason=$(sed 's/^qb-check: //' "$4/err" | awk 'NR > 1 { printf "\\n" } { printf "%s", $0 }')
  fi
}

reason_matches() {
  case $2 in $1) return 0;; esac
  return 1
}

reason_pattern() {
  printf '%s' "$1" | sed 's/[][*?\\]/\\&/g'
}
