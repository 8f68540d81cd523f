#!/bin/sh
# Bounded work (issue 14, defect 4): small hostile DOCX files that ask for millions of
# paragraphs, cells or characters are read up to the edition's [document] limits and
# reported as document.too-large with the actual and the allowed figure, in memory far
# below what they asked for (before: 1.5 million one-character paragraphs took 4.7 GB).
# Also: qb-docx refuses a FIFO instead of waiting forever for a writer.
. "$(dirname "$0")/lib/tap.sh"

# mkdocx OUT KIND N — a DOCX made here (python3's zipfile, deflated): see the cases below.
mkdocx() {
  python3 - "$@" <<'PY'
import sys, zipfile
out, kind, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
def para(t): return '<w:p><w:r><w:t>%s</w:t></w:r></w:p>' % t
notes = None
if kind == 'paras':        # n one-character paragraphs
    body = para('字') * n
elif kind == 'table':      # a table of n rows x 60 cells, one paragraph each
    body = '<w:tbl>' + ('<w:tr>' + ('<w:tc>' + para('格') + '</w:tc>') * 60 + '</w:tr>') * n + '</w:tbl>'
elif kind == 'cells':      # a table of n rows x 100 empty cells
    body = '<w:tbl>' + ('<w:tr>' + '<w:tc/>' * 100 + '</w:tr>') * n + '</w:tbl>'
elif kind == 'chars':      # one paragraph of n runs of 10 000 characters
    body = '<w:p>' + ('<w:r><w:t>' + '文' * 10000 + '</w:t></w:r>') * n + '</w:p>'
elif kind == 'runs':       # n one-character runs in paragraphs of 1000 runs
    body = ('<w:p>' + '<w:r><w:t>字</w:t></w:r>' * 1000 + '</w:p>') * (n // 1000)
elif kind == 'sect':       # n one-character paragraphs, then the first section break
    body = para('a') * n + '<w:p><w:pPr><w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:pPr></w:p>'
elif kind == 'letters':    # n paragraphs of a lowerLetter list that starts at 2 000 000 000
    body = ('<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
            '<w:r><w:t>条</w:t></w:r></w:p>') * n
    notes = ('<w:numbering %s><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="2000000000"/>'
             '<w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%%1)"/></w:lvl></w:abstractNum>'
             '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>' % W)
elif kind == 'lists':      # n paragraphs numbered with the last of 100 000 lists
    body = ('<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="100000"/></w:numPr></w:pPr>'
            '<w:r><w:t>条</w:t></w:r></w:p>') * n
    notes = ('<w:numbering %s><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
             '<w:numFmt w:val="decimal"/><w:lvlText w:val="%%1."/></w:lvl></w:abstractNum>' % W +
             ''.join('<w:num w:numId="%d"><w:abstractNumId w:val="0"/></w:num>' % (i + 1) for i in range(100000)) +
             '</w:numbering>')
elif kind == 'notes':      # one footnote of 200 paragraphs, cited 64 times by each of n paragraphs
    body = ('<w:p><w:r><w:t>正文</w:t></w:r>' + '<w:r><w:footnoteReference w:id="1"/></w:r>' * 64 + '</w:p>') * n
    notes = '<w:footnotes %s><w:footnote w:id="1">%s</w:footnote></w:footnotes>' % (W, para('脚注') * 200)
else:                      # a small ordinary document
    body = para('质量标杆') * n
doc = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document %s %s><w:body>%s</w:body></w:document>' % (W, R, body)
ct = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
      '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>')
rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
drels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>')
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('[Content_Types].xml', ct)
    z.writestr('_rels/.rels', rels)
    z.writestr('word/document.xml', doc)
    if notes and kind in ('lists', 'letters'):
        z.writestr('word/_rels/document.xml.rels', drels.replace('footnotes', 'numbering'))
        z.writestr('word/numbering.xml', notes)
    elif notes:
        z.writestr('word/_rels/document.xml.rels', drels)
        z.writestr('word/footnotes.xml', notes)
PY
}

# peak resident memory in MB of the last `measure` (GNU time -v)
measure() { # measure OUTFILE PROG ARGS...
  out=$1; shift
  /usr/bin/time -v -o "$TMP/time" timeout 120 "$@" >"$out" 2>"$TMP/err"
  rc=$?
  mb=$(awk -F': ' '/Maximum resident set size/ {print int($2 / 1024)}' "$TMP/time")
  return $rc
}
# the document.too-large message of a qb-check --json report
toolarge() { jq -r '[.findings[] | select(.rule == "document.too-large") | .severity + " " + .message] | join("|")' "$1"; }

CEIL=300 # MB: generous; the reader itself needs a few tens
# under ASan (make test-san sets ASAN_OPTIONS) shadow memory, redzones and the 256 MB
# quarantine of freed memory come on top; before the limits these files took GBs either way
[ -n "${ASAN_OPTIONS:-}" ] && CEIL=1000

mkdocx "$TMP/paras.docx" paras 1500000
is "$(($(wc -c <"$TMP/paras.docx") < 400000))" 1 "1.5 million one-character paragraphs fit in a small DOCX ($(wc -c <"$TMP/paras.docx") bytes)"
measure "$TMP/o.json" "$QB_BIN/qb-check" --json "$TMP/paras.docx"
is "$rc" 1 "qb-check reads it to the limit: exit 1 (an error-level finding)"
is "$(toolarge "$TMP/o.json")" "error 文档过大：共有 1500000 段，超过上限 20000 段（一篇典型经验材料通常只有几百段）；只读取了前 20000 段，其余内容未检查" \
   "document.too-large names the actual and the allowed number of paragraphs"
ok $((mb >= CEIL)) "in at most $CEIL MB (peak $mb MB; was 4.7 GB)"
measure "$TMP/m.xml" "$QB_BIN/qb-docx" "$TMP/paras.docx"
is "$rc $(grep -c '<p ' "$TMP/m.xml")" "0 20000" "qb-docx writes the model of the first 20000 paragraphs"
grep -q 'document.too-large' "$TMP/m.xml"; ok $? "with the finding in the model"
ok $((mb >= CEIL)) "qb-docx too in at most $CEIL MB (peak $mb MB; was 5.4 GB)"

mkdocx "$TMP/table.docx" table 3000
measure "$TMP/o.json" "$QB_BIN/qb-check" --json "$TMP/table.docx"
is "$(toolarge "$TMP/o.json" | cut -c1-60)" "$(echo "error 文档过大：共有 180000 段，超过上限 20000 段" | cut -c1-60)" \
   "a 3000 x 60 table: document.too-large (its 180000 cell paragraphs)"
ok $((mb >= CEIL)) "in at most $CEIL MB (peak $mb MB; was 575 MB)"

mkdocx "$TMP/cells.docx" cells 1000
measure "$TMP/o.json" "$QB_BIN/qb-check" --json "$TMP/cells.docx"
is "$(toolarge "$TMP/o.json")" "error 文档过大：表格共有 100000 个单元格，超过上限 50000 个；超出部分未读取，未检查" \
   "1000 x 100 empty cells: document.too-large with the number of cells"

mkdocx "$TMP/chars.docx" chars 2000
measure "$TMP/o.json" "$QB_BIN/qb-check" --json "$TMP/chars.docx"
is "$(toolarge "$TMP/o.json")" "error 文档过大：共有 20000000 个字符，超过上限 2000000 个；超出部分未读取，未检查" \
   "20 million characters: document.too-large with the number of characters"
ok $((mb >= CEIL)) "in at most $CEIL MB (peak $mb MB)"

mkdocx "$TMP/runs.docx" runs 1000000
measure "$TMP/o.json" "$QB_BIN/qb-check" --json "$TMP/runs.docx"
toolarge "$TMP/o.json" | grep -q '^error 文档结构过于零碎：读取需要约 [0-9]* MB 内存，超过上限 64 MB'
ok $? "a million one-character runs: document.too-large on the model's memory ($(toolarge "$TMP/o.json"))"
ok $((mb >= CEIL)) "in at most $CEIL MB (peak $mb MB)"

mkdocx "$TMP/notes.docx" notes 2000
measure "$TMP/o.json" timeout 60 "$QB_BIN/qb-check" --json "$TMP/notes.docx"
is "$rc" 1 "a 200-paragraph footnote cited 128000 times is read in bounded time (exit $rc)"
toolarge "$TMP/o.json" | grep -q '超过上限 20000 段'; ok $? "and is document.too-large: each copy counts"
ok $((mb >= CEIL)) "in at most $CEIL MB (peak $mb MB)"

mkdocx "$TMP/lists.docx" lists 5000
measure "$TMP/o.json" "$QB_BIN/qb-check" --json "$TMP/lists.docx"
is "$rc" 2 "100 000 list definitions (looked up by every numbered paragraph): refused, exit 2"
jq -r '.findings[0].message_en' "$TMP/o.json" | grep -q 'numbering or theme part over 8 MB or 20000 definitions'
ok $? "saying why ($(jq -r '.findings[0].message_en' "$TMP/o.json"))"
ok $((mb >= CEIL)) "in at most $CEIL MB (peak $mb MB)"

# a letter label is that letter repeated (value-1)/26+1 times: 77 million for one paragraph
mkdocx "$TMP/letters.docx" letters 20
measure "$TMP/o.json" "$QB_BIN/qb-check" --json "$TMP/letters.docx"
is "$rc" 1 "a lowerLetter list starting at 2 000 000 000: read"
ok $((mb >= (CEIL == 300 ? 60 : CEIL))) "without building 77-million-letter labels (peak $mb MB)"

mkdocx "$TMP/small.docx" small 300
"$QB_BIN/qb-check" --json "$TMP/small.docx" >"$TMP/o.json" 2>/dev/null
is "$(toolarge "$TMP/o.json")" "" "an ordinary document of 300 paragraphs is not too large"

# the limits are the edition's
cat >"$TMP/small.ini" <<'INI'
[edition]
base = caq-2023
name = small
[document]
max_paragraphs = 100
INI
"$QB_BIN/qb-check" --edition "$TMP/small.ini" --json "$TMP/small.docx" >"$TMP/o.json" 2>/dev/null
toolarge "$TMP/o.json" | grep -q '共有 300 段，超过上限 100 段'; ok $? "an edition's max_paragraphs = 100 applies ($(toolarge "$TMP/o.json"))"
# 998 paragraphs of one run cost 1047900 bytes of model: the first section break then
# crosses a 1 MB limit (the section is not taken, and nothing may be written to it)
cat >"$TMP/tiny.ini" <<'INI'
[edition]
base = caq-2023
name = tiny
[document]
max_model_mb = 1
INI
mkdocx "$TMP/sect.docx" sect 998
"$QB_BIN/qb-check" --edition "$TMP/tiny.ini" --json "$TMP/sect.docx" >"$TMP/o.json" 2>/dev/null
is "$? $(toolarge "$TMP/o.json" | sed 's/：.*//')" "1 error 文档结构过于零碎" \
   "a section break past the memory limit: document.too-large (was: a write before the sections array)"
printf '[edition]\nbase = caq-2023\nname = bad\n[document]\nmax_chars = 0\n' >"$TMP/bad.ini"
"$QB_BIN/qb-check" --edition "$TMP/bad.ini" "$TMP/small.docx" >/dev/null 2>"$TMP/err"; is "$?" 2 "max_chars = 0 is a bad rules file: exit 2"
grep -q 'bad.ini:5: .*1 to 1000000000' "$TMP/err"; ok $? "naming line 5 ($(cat "$TMP/err"))"

# a FIFO: refused at once, not waited on
mkfifo "$TMP/fifo.docx"
timeout 10 "$QB_BIN/qb-docx" "$TMP/fifo.docx" >/dev/null 2>"$TMP/err"
is "$?" 2 "qb-docx on a FIFO: exit 2 at once (was: blocked forever)"
grep -q '不是普通文件（管道、设备或套接字），已拒绝 (fifo.docx: not a regular file' "$TMP/err"; ok $? "with the reason ($(cat "$TMP/err"))"

done_testing
