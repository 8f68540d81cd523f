#!/bin/sh
# t50-render-dossier — qb-render makes the reviewer's dossier of a compliant write-up
# (mksample compliant-direct) as a reviewer's PDF tools see it: A4 pages, both faces
# embedded, the write-up's paragraphs back from pdftotext in their order, no line
# starting with a closing mark, the two figures drawn, bookmarks, the original
# attached under its own name (an ASCII /F beside it) with the same bytes, and the same PDF from a rerun.
# Then every sample: its dossier is made, its text comes back in order, and the
# summary's counts table shows the figures the sample was built with.
. "$(dirname "$0")/lib/tap.sh"
. "$(dirname "$0")/lib/render.sh"
SAMPLES=${QB_SAMPLES:-$TMP/samples}
mkdir -p "$SAMPLES"
"$QB_BIN/mksample" "$SAMPLES" >/dev/null
doc="$SAMPLES/compliant-direct.docx"
pdf="$TMP/dossier.pdf"
who=某某精工机械制造有限公司
# poppler warns once per font about libharu's ToUnicode CMap (LIBRARIES.md §1c)
quiet() { grep -v "Invalid 'begincidrange'" "$TMP/poppler.err" >&2; return 0; }

render_docx --applicant "$who" --received 2024-06-01 -o "$pdf" "$doc" 2>"$TMP/err"
ok $? "qb-render writes the dossier of a compliant write-up"
[ -s "$TMP/err" ] && sed 's/^/#   /' "$TMP/err"

pdfinfo "$pdf" >"$TMP/info" 2>"$TMP/poppler.err"; quiet
is "$(sed -n 's/^Page size: *//p' "$TMP/info")" "595.276 x 841.89 pts (A4)" "pages are A4"
pages=$(sed -n 's/^Pages: *//p' "$TMP/info")
[ "${pages:-0}" -ge 6 ] && [ "$pages" -le 14 ]
ok $? "a plausible page count: cover, summary, write-up, scoring sheet ($pages pages)"
is "$(sed -n 's/^Title: *//p' "$TMP/info")" "质量标杆评审卷宗：$who" "the document title names the applicant"

pdftotext -layout -f 1 -l 1 "$pdf" "$TMP/cover" 2>"$TMP/poppler.err"; quiet
id=$(sha256sum "$doc" | cut -c1-12)
grep -q "材料编号 *$id" "$TMP/cover" && grep -q '收件日期 *2024-06-01' "$TMP/cover" && grep -q "申报单位 *$who" "$TMP/cover"
ok $? "the cover gives applicant, 材料编号 (SHA-256 prefix $id) and date received"

pdffonts "$pdf" >"$TMP/fonts" 2>"$TMP/poppler.err"; quiet
is "$(grep -c 'CID TrueType *Identity-H *yes yes yes' "$TMP/fonts")" 4 "the four faces are embedded, subset, with a Unicode map"
grep -q 'UMingCN' "$TMP/fonts" && grep -q 'WenQuanYiZenHei' "$TMP/fonts"
ok $? "宋体 is AR PL UMing and 黑体 is WenQuanYi Zen Hei"
grep -q '+LiberationSerif ' "$TMP/fonts" && grep -q '+LiberationSans ' "$TMP/fonts"
ok $? "Latin letters and digits are Liberation Serif beside 宋体 and Liberation Sans beside 黑体"

# the write-up's body paragraphs (from the project's reader), in order, in the PDF's text
cat >"$TMP/paras.pl" <<'EOF'
# body paragraphs of a qb-docx model, one per line, white space removed; an inline
# "摘要：" heading is set on a line of its own (centred, as the format asks), without the colon
use strict; use warnings; use utf8; binmode STDIN, ':utf8'; binmode STDOUT, ':utf8';
my ($in, $t) = (0, '');
sub out { for ($t) { s/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&apos;/'/g; s/&amp;/&/g; s/\s+//g; s/^摘要[：:]/摘要\n/; }
          print "$t\n" if length $t; $t = ''; }
while (<STDIN>) {
  # entries of a TOC field or SDT (toc="1"): their tab-aligned page numbers come out of
  # pdftotext's reading order, so they are left out
  if (/^ <p .*where="(\w+)".* toc="(\d)"/) { $in = $1 eq 'body' && $2 eq '0'; $t = ''; next; }
  # an equation (math="1") ends a piece: where pdftotext puts its raised and lowered
  # scripts (a line may start with one) is its reading order, not the dossier's
  if ($in && /<r [^>]*math="1"[^>]*>/) { out(); next; }
  if ($in && /<r [^>]*>(.*)<\/r>/) { $t .= $1; next; }
  if ($in && /^ <\/p>/) { out(); $in = 0; }
}
EOF
cat >"$TMP/inorder.pl" <<'EOF'
# inorder.pl PARAS TEXT WHO: each paragraph occurs in TEXT after the previous one
use strict; use warnings; use utf8;
open my $p, '<:utf8', $ARGV[0] or die; open my $x, '<:utf8', $ARGV[1] or die;
my $who = $ARGV[2]; utf8::decode($who);
my $text = join '', grep { !/质量标杆评审卷宗/ && !/^\s*第 \d+ 页 共 \d+ 页/ && !/^\s*\Q$who\E\s*$/ } <$x>;
$text =~ s/\s+//g;
my ($pos, $n, $bad) = (0, 0, 0);
while (my $l = <$p>) { chomp $l; $n++;
  my $i = index($text, $l, $pos);
  if ($i < 0) { $bad++; binmode STDOUT, ':utf8'; print "# not found in order: $l\n" if $bad <= 3; next; }
  $pos = $i + length $l; }
print "$n $bad\n";
EOF
# in_order DOCX PDF: "N BAD" for the write-up's N body paragraphs
in_order() {
  "$QB_BIN/qb-docx" "$1" 2>/dev/null | perl "$TMP/paras.pl" >"$TMP/paras"
  pdftotext "$2" "$TMP/text" 2>"$TMP/poppler.err"; quiet
  perl "$TMP/inorder.pl" "$TMP/paras" "$TMP/text" "$who"
}
res=$(in_order "$doc" "$pdf")
printf '%s\n' "$res" | grep '^#'
set -- $(printf '%s\n' "$res" | tail -1)
[ "${1:-0}" -ge 20 ] && [ "${2:-1}" -eq 0 ]
ok $? "all ${1:-0} paragraphs of the write-up come back from pdftotext, in order"

# kinsoku on the lines as set
bad=$(perl -CSD -Mutf8 -ne 's/^\f//; print if /^[，。、；：？！）」』》…”’%]/' "$TMP/text" | head -3)
is "$bad" "" "no line starts with ，。、；：？！）」』》… or a closing quote"
bad=$(perl -CSD -Mutf8 -ne 's/\s+$//; print "$_\n" if /[（「『《“‘]$/' "$TMP/text" | head -3)
is "$bad" "" "no line ends with （「『《 or an opening quote"

pdfimages -list "$pdf" >"$TMP/images" 2>"$TMP/poppler.err"; quiet
is "$(awk 'NR > 2 && $3 == "image"' "$TMP/images" | wc -l)" 2 "the two figures (图1, 图2) are drawn"

# bookmarks: the parts and the write-up's sections (titles are UTF-16BE hex in the file)
n=0
for t in 5C019762 5F625F0F5BA167E57ED3679C 5178578B7ECF9A8C67506599 4E135BB68BC452068868; do
  grep -q -a "<FEFF$t>" "$pdf" && n=$((n + 1))
done
is "$n" 4 "the parts are bookmarked (封面, 形式审查结果, 典型经验材料, 专家评分表)"
grep -q -a '<FEFF64588981>' "$pdf" && grep -q -a '<FEFF4F014E1A698251B5>' "$pdf"
ok $? "the write-up's sections are bookmarked (摘要, 企业概况)"

pdfdetach -list "$pdf" >"$TMP/att" 2>"$TMP/poppler.err"; quiet
is "$(sed -n 2p "$TMP/att")" "1: $(basename "$doc")" "the original is attached under its own name (/UF)"
grep -q -a '^/F (01_experience.docx)' "$pdf" && grep -q -a '^/Type /Filespec' "$pdf"
ok $? "… with an ASCII file name (/F) beside it, in a /Filespec"
pdfdetach -save 1 -o "$TMP/back.docx" "$pdf" 2>"$TMP/poppler.err"; quiet
cmp -s "$TMP/back.docx" "$doc"
ok $? "the attachment holds the original's bytes"

sleep 1
render_docx --applicant "$who" --received 2024-06-01 -o "$TMP/again.pdf" "$doc" 2>/dev/null
cmp -s "$pdf" "$TMP/again.pdf"
ok $? "a rerun gives a byte-identical PDF"
cp "$doc" "$TMP/copy.docx" && touch -d '2023-03-04 12:00:00 UTC' "$TMP/copy.docx"
render_docx --applicant "$who" -o "$TMP/mtime.pdf" "$TMP/copy.docx" 2>/dev/null
pdfinfo "$TMP/mtime.pdf" 2>/dev/null | grep -q '^CreationDate:.*Mar  4 00:00:00 2023'
ok $? "without --received the date is the input's modification date"

# every sample: a dossier, its text in order, and the counts the sample was built with
for name in $("$QB_BIN/mksample" --list | cut -f1); do
  f="$SAMPLES/$name.docx"
  render_docx --applicant "$who" -o "$TMP/s.pdf" "$f" 2>"$TMP/err"
  ok $? "$name: dossier written"
  case $name in
  layout-form-*) # its sections are in table cells, which pdftotext reads column by column
    skip "$name: the write-up is in table cells, not body paragraphs" ;;
  *)
    res=$(in_order "$f" "$TMP/s.pdf")
    printf '%s\n' "$res" | grep '^#'
    set -- $(printf '%s\n' "$res" | tail -1)
    [ "${1:-0}" -ge 10 ] && [ "${2:-1}" -eq 0 ]
    ok $? "$name: its ${1:-0} paragraphs come back in order" ;;
  esac
  # the summary is page 2; -layout keeps each table row on one line
  pdftotext -layout -f 2 -l 2 "$TMP/s.pdf" "$TMP/summary" 2>"$TMP/poppler.err"; quiet
  got=$(for key in title abstract overview practice results; do
    case $key in title) zh=标题;; abstract) zh=摘要;; overview) zh=企业概况;; practice) zh=推进和应用情况;; results) zh=实施效果;; esac
    line=$(grep -m1 "^ *$zh " "$TMP/summary")
    set -- $line
    c=$2; n=$3; [ "$c" = "—" ] && c=0 && n=0
    echo "$key $c $n"
  done)
  is "$got" "$("$QB_BIN/mksample" --expect "$name")" "$name: the summary shows the sample's 字数 and characters"
done
done_testing
