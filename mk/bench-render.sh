#!/bin/sh
# mk/bench-render.sh — the dossier (bin/qb-render) against what a secretariat would do
# instead, LibreOffice converting the same DOCX to PDF; both timed in this one run on
# the 8000-字 sample (mksample long-8000), reported as a ratio, with the PDFs' sizes.
# Installs nothing: without soffice (libreoffice-writer-nogui) it says so and times
# qb-render alone. Called by `make bench` (mk/bench.sh) from the repository root.
set -u
samples=build/samples
doc=$samples/long-8000.docx
out=build/bench/render
mkdir -p "$out" "$samples"
[ -f "$doc" ] || bin/mksample "$samples" long-8000 >/dev/null || { echo "bench-render: no long-8000 sample" >&2; exit 1; }

. mk/timing.sh
size() { wc -c <"$1" | awk '{ printf "%.0f KB", $1 / 1024 }'; }
pages() { pdfinfo "$1" 2>/dev/null | sed -n 's/^Pages: *//p'; }

echo "qb-render: the dossier of an 8000-字 write-up ($doc)"
# qb-render reads the application record: the DOCX is read and checked once, here
bin/qb-check --record "$out/record.xml" "$doc" >/dev/null 2>&1
qb=$(mean_secs 20 bin/qb-render --applicant 某某精工机械制造有限公司 -o "$out/dossier.pdf" "$out/record.xml")
echo "  qb-render              $(ms "$qb") per run (20 runs), $(size "$out/dossier.pdf"), $(pages "$out/dossier.pdf") pages"
qbc=$(mean_secs 20 bin/qb-check --pdf "$out/dossier.pdf" "$doc")
echo "  qb-check --pdf         $(ms "$qbc") per run (DOCX in, checked and typeset)"

if ! command -v soffice >/dev/null 2>&1; then
  echo "  LibreOffice not installed (apt-get install libreoffice-writer-nogui to compare); no ratio"
  exit 0
fi
# A private profile: the first run creates it (reported apart), the timed runs are
# ordinary warm runs, as on a desktop where LibreOffice has been used before.
profile=$(mktemp -d "${TMPDIR:-/tmp}/qb-bench-lo.XXXXXX")
lo() { soffice --headless "-env:UserInstallation=file://$profile" --convert-to pdf --outdir "$out" "$doc"; }
first=$(mean_secs 1 lo)
lo_s=$(mean_secs 3 lo)
lo_pdf="$out/$(basename "$doc" .docx).pdf"
rm -rf "$profile"
if [ ! -s "$lo_pdf" ]; then
  echo "  soffice did not produce a PDF; no ratio"
  exit 0
fi
echo "  soffice --convert-to pdf $(ms "$lo_s") per run (3 warm runs), $(size "$lo_pdf"), $(pages "$lo_pdf") pages;" \
     "$(ms "$first") for the first run with a new profile"
echo "  ratio: qb-check --pdf (DOCX in, as LibreOffice) is $(ratio "$qbc" "$lo_s")x faster than LibreOffice's warm runs," \
     "$(ratio "$qbc" "$first")x faster than its first run"
# LibreOffice has no 宋体 here: fontconfig maps it to another face (LIBRARIES.md §7)
echo "  faces: qb-render $(pdffonts "$out/dossier.pdf" 2>/dev/null | awk 'NR > 2 { sub(/^[A-Z]+\+/, "", $1); print $1 }' | sort -u | tr '\n' ' ')"
echo "         LibreOffice $(pdffonts "$lo_pdf" 2>/dev/null | awk 'NR > 2 { sub(/^[A-Z]+\+/, "", $1); print $1 }' | sort -u | tr '\n' ' ')"
exit 0
