#!/bin/sh
# t81-check-light — a check costs what the work costs (issue 15). qb-check of a write-up
# (and --help) maps none of the dossier's or the archive reader's libraries; --pdf loads
# the render module and writes the bytes qb-render (which links it all in) writes from
# the record; a RAR package is read by the archive module in the sandbox child only, and
# gives the members qb-unpack (libarchive linked in) gives; a missing module is said,
# in both languages, and costs only the work that needs it.
. "$(dirname "$0")/lib/tap.sh"
export LC_ALL=C.UTF-8
SAMPLES=${QB_SAMPLES:-$TMP/samples}
mkdir -p "$SAMPLES"
"$QB_BIN/mksample" "$SAMPLES" long-8000 compliant-direct >/dev/null 2>&1 || "$QB_BIN/mksample" "$SAMPLES" >/dev/null 2>&1
doc=$SAMPLES/long-8000.docx
[ -f "$doc" ]; ok $? "the long-8000 sample is generated"

HEAVY='libhpdf|libharfbuzz|libfreetype|libqpdf|libpng|libjpeg|libarchive|libxlsxwriter|libmicrohttpd|libglib|libstdc\+\+.*qpdf'
# inits PID-FILTER CMD…: the objects the dynamic loader initialises, one a line as
# "PID PATH" (LD_DEBUG=files; a forked child's lines carry its own PID)
inits() {
  LD_DEBUG=files "$@" 2>&1 >/dev/null | sed -n 's/^ *\([0-9]*\):[[:space:]]*calling init: \(.*\)$/\1 \2/p'
}

# a write-up check, and the help
inits "$QB_BIN/qb-check" --json "$doc" >"$TMP/json.libs"
[ -s "$TMP/json.libs" ]; ok $? "LD_DEBUG=files lists what qb-check --json loads"
grep -q 'libxml2' "$TMP/json.libs"; ok $? "the check's own libraries are there (libxml2)"
grep -E "$HEAVY" "$TMP/json.libs" >"$TMP/heavy"
is "$(wc -l <"$TMP/heavy")" 0 "qb-check --json of a write-up maps no libharu, HarfBuzz, FreeType, qpdf, libpng, libjpeg, libarchive, libxlsxwriter, libmicrohttpd"
grep -q 'qbintake/' "$TMP/json.libs"; is "$?" 1 "and no module"
"$QB_BIN/qb-check" --json "$doc" | jq -e '.counts.practice.count > 7000' >/dev/null
ok $? "the check itself still counts the write-up"
inits "$QB_BIN/qb-check" --help >"$TMP/help.libs"
is "$(grep -cE "$HEAVY" "$TMP/help.libs")" 0 "qb-check --help maps none of them either"

# --pdf: the render module, and the same bytes as qb-render of the record
inits "$QB_BIN/qb-check" --pdf "$TMP/check.pdf" "$doc" >"$TMP/pdf.libs"
grep -q 'qbintake/render.so' "$TMP/pdf.libs" && grep -q 'libhpdf' "$TMP/pdf.libs"
ok $? "--pdf loads the render module and libharu"
"$QB_BIN/qb-check" --record "$TMP/rec.xml" "$doc" >/dev/null 2>&1
"$QB_BIN/qb-render" -o "$TMP/render.pdf" "$TMP/rec.xml" >/dev/null 2>&1
cmp -s "$TMP/check.pdf" "$TMP/render.pdf"; ok $? "qb-check --pdf (module) = qb-render of the record (linked in), byte for byte"
pdftotext "$TMP/check.pdf" - 2>/dev/null | grep -q '推进和应用情况'; ok $? "the dossier has the write-up's text"

# a package: libarchive only in the sandbox child
cd "$TMP" || exit 1
P=某某精工机械制造有限公司
"$QB_BIN/mkzip" --docx form.docx "2024年质量标杆申报书" "|申报单位|$P"
mkdir pk
"$QB_BIN/mkrar" "pk/$P.rar" "申报书.docx=@form.docx" "典型经验材料.docx=@$SAMPLES/compliant-direct.docx"
inits "$QB_BIN/qb-check" --json "pk/$P.rar" >pkg.libs
parent=$(head -1 pkg.libs | cut -d' ' -f1)
is "$(awk -v p="$parent" '$1 == p' pkg.libs | grep -cE "$HEAVY|qbintake/")" 0 "a RAR package: the checking process maps neither libarchive nor a module"
awk -v p="$parent" '$1 != p' pkg.libs | grep -q 'qbintake/archive.so'
ok $? "the sandbox child that reads the archive loads the archive module"
rm -rf wd
"$QB_BIN/qb-check" --record pkg.xml --workdir wd "pk/$P.rar" >/dev/null 2>&1
sed -n 's/.*<member [^>]* sha256="\([0-9a-f]*\)".*/\1/p' pkg.xml | sort >check.sums
"$QB_BIN/qb-unpack" --json "pk/$P.rar" un >unpack.json 2>/dev/null
jq -r '.members[].sha256 // empty' unpack.json | sort >unpack.sums
[ -s check.sums ] && cmp -s check.sums unpack.sums
ok $? "the members qb-check read through the module are qb-unpack's, hash for hash"

# without the modules (the program copied alone): the reason, and the rest still works
mkdir -p alone/bin
cp "$QB_BIN/qb-check" alone/bin/
export QB_RULES_DIR="${QB_RULES_DIR:-$TESTS_DIR/../templates/rules}" # not beside the copy either
"$QB_BIN/qb-check" --json "$doc" >with.json 2>&1
alone/bin/qb-check --json "$doc" >without.json 2>&1
cmp -s with.json without.json; ok $? "a write-up check needs no module"
alone/bin/qb-check --pdf alone.pdf "$doc" >/dev/null 2>err
rc=$?
is "$rc" 2 "--pdf without the render module: exit 2"
grep -q 'render.so' err && grep -q '无法加载程序模块' err && grep -q '卷宗未能生成 the dossier could not be written' err
ok $? "the reason names the module, as the dossier's other failures are said"
alone/bin/qb-check --lang en --json "pk/$P.rar" >alone.json 2>/dev/null
jq -r '.findings[].message' alone.json | grep -q 'the archive reader could not start: cannot load the program module'
ok $? "a package without the archive module: the finding says the reader could not start"
done_testing
