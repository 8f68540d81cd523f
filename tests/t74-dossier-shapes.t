#!/bin/sh
# t74-dossier-shapes — flowcharts drawn with Word shapes (issue 11): DrawingML shapes in a
# group (wpg:wgp with its own child coordinates), connectors with arrowheads, a nested group
# rotated 90° (its children turned with it) and a legacy VML box (its text inset, at the top)
# are drawn in the dossier with their geometry, colours and text, the text once (inside its
# shape, not again as loose lines) and in reading order, with no
# render.drawing warning; counting is unchanged. A preset not drawn is a dashed box and a
# warning. Hostile shapes (giant or NaN extents, 5000 shapes, groups nested 60 deep) give a
# drawn clamp or the placeholder and warning, never a crash or a hang. Corpus files with
# shapes keep all their text, and give the same bytes twice.
. "$(dirname "$0")/lib/tap.sh"
SAMPLES=${QB_SAMPLES:-$TMP/samples}
mkdir -p "$SAMPLES"
"$QB_BIN/mksample" "$SAMPLES" shapes-flowchart >/dev/null
f="$SAMPLES/shapes-flowchart.docx"
texts="项目启动 界定顾客需求 设计是否达标 优化设计方案 验证并推广 注：菱形为评审决策点，未达标的设计返回需求界定。"

# the model: the group's five shapes and five connectors, its turned legend group, then the VML box
"$QB_BIN/qb-docx" "$f" >"$TMP/m.xml" 2>/dev/null
geoms=$(sed -n 's/.*<shape geom="\([a-zA-Z]*\)".*/\1/p' "$TMP/m.xml" | tr '\n' ' ')
is "$geoms" "terminator rect diamond rect ellipse line line line line elbow rect line ellipse rect " \
   "the model holds each shape with its geometry (presets mapped: flowChartTerminator, Process, Decision)"
# the group maps its child space (half size) onto its extent: 界定顾客需求 is 120 x 36 pt at (60, 50)
grep -q '<shape geom="rect" x="762000" y="635000" cx="1524000" cy="457200" .*fill="DEEBF7" line="2F5597" line-w="12700"' "$TMP/m.xml"
ok $? "a shape's box comes out of the group's chOff/chExt in the drawing's EMU, with its fill and outline"
grep -q '<shape geom="ellipse" .*fill="C[56]D[EF]B[45]" line="38572[34]" line-w="12700"' "$TMP/m.xml"
ok $? "colours and width from the shape's style (schemeClr accent6 with lumMod/lumOff, shade; lnRef 2) are resolved"
grep -q '<shape geom="elbow" .* head="1" tail="0" ' "$TMP/m.xml" && [ "$(grep -c '<shape geom="line" .* tail="1" ' "$TMP/m.xml")" = 5 ]
ok $? "connectors keep their arrowheads (a:headEnd / a:tailEnd)"
grep -q '<shape geom="rect" .*fill="F2F2F2" line="7F7F7F" line-w="12700" .*draw-x="-1"' "$TMP/m.xml"
ok $? "the VML rectangle keeps its fill, stroke colour and weight"

# the legend: a nested group rotated 90° (centre 320, 40 pt) whose square and circle, side by side
# across in it and each rotated 270°, stand one above the other, upright, the arrow between them
# turned downwards (90°): centres (320, 20), (320, 40), (320, 60) pt, in EMU
legend=$(awk '/<shape / { n++ } n >= 11 && n <= 13 && /<shape / {
  match($0, /x="-?[0-9]+" y="-?[0-9]+" cx="[0-9]+" cy="[0-9]+" rot="[0-9]+"/); split(substr($0, RSTART, RLENGTH), a, "\"")
  printf "%d,%d,%s ", a[2] + a[6] / 2, a[4] + a[8] / 2, a[10] }' "$TMP/m.xml")
is "$legend" "4064000,254000,0 4064000,508000,90 4064000,762000,0 " \
   "a rotated group turns its children about its centre and adds its rotation to theirs"

# counting: the shapes' text is counted once, as mksample built it
"$QB_BIN/qb-check" --json --pdf "$TMP/d.pdf" "$f" >"$TMP/j.json" 2>"$TMP/err"; rc=$?
is "$rc" 0 "qb-check passes the sample (no finding: the caption below the drawing is its caption)"
got=$(jq -r '.counts | to_entries[] | "\(.key) \(.value.count)"' "$TMP/j.json" 2>/dev/null | tr '\n' ' ')
want=$("$QB_BIN/mksample" --expect shapes-flowchart | awk '{ printf "%s %s ", $1, $2 }')
is "$got" "$want" "the sections count what mksample built (the shapes' text once)"

# the dossier: no warning, each text once, in reading order
grep -q '未能绘制\|无法按原样绘制' "$TMP/err"; [ $? -ne 0 ]
ok $? "no render.drawing warning for the drawn shapes"
pdftotext "$TMP/d.pdf" - 2>/dev/null | tr -d ' \n' >"$TMP/all.txt"
counts=
for t in $texts; do counts="$counts$(grep -o "$t" "$TMP/all.txt" | wc -l | tr -d ' ') "; done
is "$counts" "1 1 1 1 1 1 " "each shape's text is in the dossier once (not again as loose lines)"
order=$(for t in $texts 图1六西格玛设计DMADV推进流程; do
  awk -v t="$t" '{ print index($0, t) }' "$TMP/all.txt"; done | tr '\n' ' ')
sorted=$(echo "$order" | tr ' ' '\n' | grep . | sort -n | tr '\n' ' ')
[ "$order" = "$sorted" ] && ! echo "$order" | grep -qw 0
ok $? "the texts come in reading order, the caption 图1 below them ($order)"
grep -q '图表或由形状组成的图形' "$TMP/all.txt"; [ $? -ne 0 ]
ok $? "no placeholder box"
# the page: the fills are painted (light blue boxes, yellow diamond, green ellipse, grey note)
page=$(n=$(pdfinfo "$TMP/d.pdf" 2>/dev/null | sed -n 's/^Pages: *//p'); for p in $(seq 1 "${n:-0}"); do
  pdftotext -f "$p" -l "$p" "$TMP/d.pdf" - 2>/dev/null | grep -q 项目启动 && echo "$p"; done | head -1)
pdftoppm -r 40 -f "${page:-1}" -l "${page:-1}" "$TMP/d.pdf" "$TMP/pg" 2>/dev/null
colours=$(python3 - "$TMP"/pg*.ppm <<'PY'
import sys
data = open(sys.argv[1], 'rb').read()
# binary PPM: P6 w h 255, then RGB
parts = data.split(maxsplit=4)
w, h, px = int(parts[1]), int(parts[2]), parts[4]
want = {'DEEBF7': (0xDE, 0xEB, 0xF7), 'FFF2CC': (0xFF, 0xF2, 0xCC), 'C5E0B4': (0xC5, 0xE0, 0xB4), 'F2F2F2': (0xF2, 0xF2, 0xF2)}
tol = {'C5E0B4': 6}
seen = {k: 0 for k in want}
for i in range(0, len(px) - 2, 3):
    p = (px[i], px[i + 1], px[i + 2])
    for k, c in want.items():
        if all(abs(p[j] - c[j]) <= tol.get(k, 3) for j in range(3)):
            seen[k] += 1
print(' '.join(k for k in sorted(seen) if seen[k] > 40))
PY
)
is "$colours" "C5E0B4 DEEBF7 F2F2F2 FFF2CC" "the page shows the shapes' fills (page ${page:-none})"
# the text's insets and anchor: wps:bodyPr (the ellipse's set to 0) and v:textbox inset (the
# VML note: 10pt,6pt,10pt,2pt, anchored at the top, VML's default)
grep -q '<shape geom="ellipse" .* ins-l="0" ins-t="0" ins-r="0" ins-b="0" anchor="ctr"' "$TMP/m.xml" &&
  grep -q '<shape geom="terminator" .* ins-l="91440" ins-t="45720" ins-r="91440" ins-b="45720" anchor="ctr"' "$TMP/m.xml"
ok $? "the model keeps wps:bodyPr's insets and anchor"
grep -q '<shape geom="rect" .*fill="F2F2F2" .* ins-l="127000" ins-t="76200" ins-r="127000" ins-b="25400" anchor="t"' "$TMP/m.xml"
ok $? "the model keeps v:textbox's inset (points to EMU) and VML's top anchor"
# on the page (72 dpi: a pixel a point): the note's text sits in the upper part of its grey box
pdftoppm -r 72 -f "${page:-1}" -l "${page:-1}" "$TMP/d.pdf" "$TMP/p72" 2>/dev/null
note=$(pdftotext -f "${page:-1}" -l "${page:-1}" -bbox "$TMP/d.pdf" - 2>/dev/null | awk -F'"' '/<word .*>注：/ { print $4, $8; exit }')
gaps=$(python3 - "$TMP"/p72*.ppm $note <<'PY'
import sys
data = open(sys.argv[1], 'rb').read()
parts = data.split(maxsplit=4)
w, h, px = int(parts[1]), int(parts[2]), parts[4]
top, bot = float(sys.argv[2]), float(sys.argv[3])
rows = [y for y in range(h) if sum(1 for x in range(w) if px[3 * (y * w + x):3 * (y * w + x) + 3] == bytes((0xF2, 0xF2, 0xF2))) > 100]
# the grey box's rows around the note's text
rows = [y for y in rows if abs(y - (top + bot) / 2) < 40]
print('%.1f %.1f' % (top - min(rows), max(rows) + 1 - bot) if rows else 'none')
PY
)
echo "$gaps" | awk '{ exit !($1 != "none" && $1 + 4 < $2 && $1 >= 5 && $1 <= 9) }'
ok $? "the note's text is at the top of its box, below its 6 pt inset (gaps above / below: ${gaps:-none})"
"$QB_BIN/qb-check" --pdf "$TMP/d2.pdf" "$f" >/dev/null 2>&1
cmp -s "$TMP/d.pdf" "$TMP/d2.pdf"; ok $? "two runs give the same bytes"

# ---- hostile shapes, generated here
mkdocx() { # mkdocx OUT KIND
  python3 - "$@" <<'PY'
import sys, zipfile
out, kind = sys.argv[1], sys.argv[2]
NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" '
      'xmlns:v="urn:schemas-microsoft-com:vml"')
def txt(t): return '<wps:txbx><w:txbxContent><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:txbxContent></wps:txbx>' % t
def wsp(x, y, cx, cy, t, prst='rect', rot='0'):
    return ('<wps:wsp><wps:cNvSpPr/><wps:spPr><a:xfrm rot="%s"><a:off x="%s" y="%s"/><a:ext cx="%s" cy="%s"/></a:xfrm>'
            '<a:prstGeom prst="%s"/><a:ln w="%s"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln></wps:spPr>'
            '%s<wps:bodyPr/></wps:wsp>' % (rot, x, y, cx, cy, prst, cx, txt(t)))
def grp(inner, ext='5000000 3000000', ch='0 0 5000000 3000000'):
    e = ext.split(); c = ch.split()
    return ('<wpg:grpSp><wpg:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="%s" cy="%s"/><a:chOff x="%s" y="%s"/>'
            '<a:chExt cx="%s" cy="%s"/></a:xfrm></wpg:grpSpPr>%s</wpg:grpSp>' % (e[0], e[1], c[0], c[1], c[2], c[3], inner))
def drawing(inner, cx='5000000', cy='3000000'):
    return ('<w:p><w:r><w:t>图形之前</w:t></w:r><w:r><w:drawing><wp:inline><wp:extent cx="%s" cy="%s"/><wp:docPr id="1" name="g"/>'
            '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup">'
            '<wpg:wgp><wpg:grpSpPr/>%s</wpg:wgp></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>'
            '<w:p><w:r><w:t>图形之后</w:t></w:r></w:p>' % (cx, cy, inner))
if kind == 'giant':       # extents far beyond any page, negative, NaN, a rotation of 10^15
    body = drawing(wsp('-9223372036854775808', '9e300', '9223372036854775807', '1e308', '巨大形状', 'diamond', '1e15') +
                   wsp('0', '0', '-500', '-500', '负数形状') + wsp('NaN', 'nan', 'inf', '-inf', '非数形状', 'ellipse') +
                   grp(wsp('10', '10', '20', '20', '零比例形状'), ext='0 0', ch='0 0 0 0'),
                   cx='99999999999999999999', cy='-7')
elif kind == 'many':      # 5000 shapes with text in one group
    body = drawing(''.join(wsp(str(i * 1000), str(i * 600), '900', '500', '形状%d' % i) for i in range(5000)))
elif kind == 'unknown':   # a cloud (a preset the dossier does not draw) beside a rectangle
    body = drawing(wsp('0', '0', '2000000', '1000000', '云朵形状', 'cloud') +
                   wsp('2500000', '0', '2000000', '1000000', '矩形形状'))
elif kind == 'turned':    # a VML group rotated 90°: two boxes across in it stand one above the other
    body = ('<w:p><w:r><w:t>图形之前</w:t></w:r><w:r><w:pict><v:group style="width:200pt;height:50pt;rotation:90" '
            'coordsize="200,50"><v:rect style="left:0;top:0;width:50;height:50"><v:textbox><w:txbxContent><w:p><w:r>'
            '<w:t>甲</w:t></w:r></w:p></w:txbxContent></v:textbox></v:rect><v:rect style="left:150;top:0;width:50;height:50">'
            '<v:textbox><w:txbxContent><w:p><w:r><w:t>乙</w:t></w:r></w:p></w:txbxContent></v:textbox></v:rect></v:group>'
            '</w:pict></w:r></w:p><w:p><w:r><w:t>图形之后</w:t></w:r></w:p>')
elif kind == 'deep':      # groups nested 60 deep, a shape at the bottom
    inner = wsp('100000', '100000', '2000000', '600000', '最深的形状')
    for i in range(60):
        inner = grp(inner)
    body = drawing(inner)
else:                     # VML: a group of 0 x 0 coordinates, huge and NaN lengths, a line
    body = ('<w:p><w:r><w:t>图形之前</w:t></w:r><w:r><w:pict><v:group style="width:1e308pt;height:nanpt" coordsize="0,0" '
            'coordorigin="nan,-1e308"><v:rect style="left:-5;top:1e300;width:1e300;height:-7"><v:textbox><w:txbxContent>'
            '<w:p><w:r><w:t>矢量形状</w:t></w:r></w:p></w:txbxContent></v:textbox></v:rect><v:line from="0,0" to="1e308,nan"/>'
            '<v:oval style="width:100pt;height:40pt" fillcolor="#zzzzzz" strokeweight="-3pt"/></v:group></w:pict></w:r></w:p>'
            '<w:p><w:r><w:t>图形之后</w:t></w:r></w:p>')
doc = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document %s><w:body>%s</w:body></w:document>' % (NS, body)
ct = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('[Content_Types].xml', ct)
    z.writestr('_rels/.rels', rels)
    z.writestr('word/document.xml', doc)
PY
}
for kind in giant many unknown deep vml turned; do
  mkdocx "$TMP/$kind.docx" "$kind"
  timeout 120 "$QB_BIN/qb-check" --pdf "$TMP/$kind.pdf" "$TMP/$kind.docx" >/dev/null 2>"$TMP/err"; rc=$?
  timeout 120 "$QB_BIN/qb-check" --pdf "$TMP/$kind-2.pdf" "$TMP/$kind.docx" >/dev/null 2>/dev/null
  pdftotext "$TMP/$kind.pdf" - 2>/dev/null | tr -d ' \n' >"$TMP/t.txt"
  [ $rc -le 1 ] && grep -q 图形之前 "$TMP/t.txt" && grep -q 图形之后 "$TMP/t.txt"
  ok $? "$kind: a dossier (exit $rc), the text around the drawing kept"
  cmp -s "$TMP/$kind.pdf" "$TMP/$kind-2.pdf"; ok $? "$kind: two runs, the same bytes"
  case $kind in
    giant)
      n=0; for t in 巨大形状 负数形状 非数形状 零比例形状; do grep -q "$t" "$TMP/t.txt" && n=$((n + 1)); done
      is "$n" 4 "giant: every shape's text is in the dossier (drawn clamped)";;
    many)
      n=$(grep -o '形状[0-9][0-9]*' "$TMP/t.txt" | sort -u | wc -l | tr -d ' ')
      grep -q '图表或形状图形未能绘制' "$TMP/err"; w=$?
      is "$n/$w" "5000/0" "many: over 2000 shapes the drawing is a placeholder with a warning, all 5000 texts kept";;
    unknown)
      grep -q '无法按原样绘制，已用虚线框代替' "$TMP/err"; w=$?
      grep -q '图表或形状图形未能绘制' "$TMP/err"; p=$?
      grep -q 云朵形状 "$TMP/t.txt" && grep -q 矩形形状 "$TMP/t.txt"
      is "$w/$p/$?" "0/1/0" "unknown: the cloud is a dashed box with a render.drawing warning, both texts drawn";;
    deep)
      grep -q 最深的形状 "$TMP/t.txt"; ok $? "deep: the shape at the bottom of 60 groups is drawn, its text kept";;
    vml)
      grep -q 矢量形状 "$TMP/t.txt"; ok $? "vml: a VML group of nonsense lengths gives a dossier with its text";;
    turned)
      "$QB_BIN/qb-docx" "$TMP/$kind.docx" 2>/dev/null | sed -n 's/.*<shape geom="rect" x="\([0-9-]*\)" y="\([0-9-]*\)" .*/\1 \2/p' | tr '\n' ' ' >"$TMP/turned"
      is "$(cat "$TMP/turned")" "0 0 0 1905000 " "turned: the VML group's rotation stacks its two boxes (甲 above 乙, one column)"
      grep -q '甲乙' "$TMP/t.txt"; ok $? "turned: both texts drawn, 甲 first";;
  esac
done

# ---- corpus documents with shapes: all their text is kept, once per shape
if [ -d "$CORPUS/docx-cn" ]; then
  for f in "$CORPUS"/docx-cn/cn_wps11_nuclear_guide_part6_textboxes.docx "$CORPUS"/docx-cn/cn_wps12_nuclear_guide_part1_draft.docx \
           "$CORPUS"/docx-cn/cn_wps12_nuclear_guide_part12_5headers.docx \
           "$CORPUS"/docx-real/real_figure_caption_inside_textbox.docx "$CORPUS"/docx-real/real_large_15_sections_landscape.docx \
           "$CORPUS"/docx-real/real_nested_tables_depth4_drawings.docx "$CORPUS"/docx-cn/cn_word2016_sjtu_thesis_template_seq_captions.docx; do
    n=$(basename "$f" .docx)
    [ -f "$f" ] || { skip "$n: not in the corpus"; continue; }
    "$QB_BIN/qb-check" --pdf "$TMP/c.pdf" "$f" >/dev/null 2>&1
    "$QB_BIN/qb-docx" "$f" >"$TMP/cm.xml" 2>/dev/null
    pdftotext "$TMP/c.pdf" - 2>/dev/null | tr -d ' \n\t\f' >"$TMP/ct.txt"
    lost=$(python3 - "$TMP/cm.xml" "$TMP/ct.txt" <<'PY'
import sys, re, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
text = open(sys.argv[2], encoding='utf-8').read()
lost = 0
for p in root.iter('p'):
    if p.get('where') != 'textbox':
        continue
    # each piece between spaces (pdftotext may order the words of a line otherwise)
    t = (p.get('label') or '') + ''.join(r.text or '' for r in p.iter('r'))
    if any(w not in text for w in t.split()):
        lost += 1
print(lost)
PY
)
    is "$lost" 0 "$n: every text-box paragraph is in the dossier"
    "$QB_BIN/qb-check" --pdf "$TMP/c2.pdf" "$f" >/dev/null 2>&1
    cmp -s "$TMP/c.pdf" "$TMP/c2.pdf"; ok $? "$n: two runs, the same bytes"
  done
  f="$CORPUS/docx-cn/cn_wps11_nuclear_guide_part6_textboxes.docx"
  if [ -f "$f" ]; then
    "$QB_BIN/qb-check" --pdf "$TMP/n.pdf" "$f" >/dev/null 2>"$TMP/err"
    grep -q '未能绘制' "$TMP/err"; [ $? -ne 0 ]; ok $? "the corpus flowchart (a WPS group of boxes and connectors) is drawn, no warning"
    pdftotext "$TMP/n.pdf" - 2>/dev/null | tr -d ' \n' | grep -o '编制评价报告' | wc -l | tr -d ' ' >"$TMP/k"
    is "$(cat "$TMP/k")" 1 "its box text is printed once"
  fi
else
  skip "the corpus is not beside the repository"
fi
done_testing
