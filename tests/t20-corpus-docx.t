#!/bin/sh
# Every real DOCX of the corpus (Word, WPS, LibreOffice, hostile) gets a report or a
# one-line reason — exit 0, 1 or 2 — never a crash or a hang.
. "$(dirname "$0")/lib/tap.sh"

if [ ! -d "$CORPUS/docx-cn" ]; then skip "corpus not found beside the repo"; done_testing; exit; fi

for f in "$CORPUS"/docx-cn/* "$CORPUS"/docx-real/*; do
  name=$(basename "$f")
  timeout 20 "$QB_BIN/qb-check" --json "$f" >"$TMP/out.json" 2>"$TMP/err"
  rc=$?
  case $rc in 0|1|2) ok 0 "$name: exit $rc (0, 1 or 2)";; *) ok 1 "$name: exit $rc (crash or hang)";; esac
  status=$(jq -r .status "$TMP/out.json" 2>/dev/null)
  case $rc in
    2) lines=$(wc -l <"$TMP/err")
       is "$status/$lines" "error/1" "$name: not processed — status error and one line on stderr";;
    *) [ "$status" = pass ] || [ "$status" = fail ]; ok $? "$name: a report with status $status";;
  esac
done

# The hostile ones are refused for the right reason.
expect() { # FILE RULE
  "$QB_BIN/qb-check" --json "$CORPUS/docx-real/$1" >"$TMP/o.json" 2>/dev/null
  is "$?/$(jq -r '[.findings[].rule] | join(",")' "$TMP/o.json")" "2/$2" "$1 → $2"
}
expect real_xxe_doctype_external_entity.docx package.format
expect real_truncated_zip.docx package.format
expect real_fuzzed_broken_zip.docx package.format
expect real_encrypted_ooxml_in_cfb_password_pass.docx package.encrypted

# The odd-but-valid ones are read.
for f in real_main_part_is_word_document2.docx real_ns0_prefix_minimal_package.docx \
         real_no_styles_part.docx real_xml_parts_with_utf8_bom.docx; do
  "$QB_BIN/qb-docx" "$CORPUS/docx-real/$f" >"$TMP/m.xml" 2>"$TMP/err"
  n=$(grep -c '<p ' "$TMP/m.xml")
  [ "$n" -gt 0 ]; ok $? "$f: read, $n paragraphs"
done
done_testing
