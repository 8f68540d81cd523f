#!/bin/sh
# The dependency step every make target runs first: installs the Debian packages the
# build and the tests need when they are missing (as root), otherwise prints the one
# command to run and fails. Why each package is needed: README.md, "Dependencies".
set -u
PKGS="pkg-config libarchive-dev libzip-dev libxml2-dev libpcre2-dev libjansson-dev \
libinih-dev libhpdf-dev libharfbuzz-dev libxlsxwriter-dev zlib1g-dev \
fonts-arphic-uming fonts-wqy-zenhei fonts-liberation2 fonts-dejavu-core unar poppler-utils qpdf perl jq time unzip nettle-dev \
libpng-dev libjpeg62-turbo-dev libmicrohttpd-dev curl libicu-dev libqpdf-dev \
clang libclang-rt-14-dev"
# Only for the tests, never required: chromium loads the batch's index.html and the
# qb-serve page (tests/t68-batch-index.t, t72-serve-browser.t; skipped with a reason when
# it is absent). Installed when running as root, with the rest; otherwise not asked for.
# `sh mk/deps.sh browser` installs only it.
TEST_ONLY="chromium"
[ "${1:-}" = browser ] && PKGS=""
# `sh mk/deps.sh bench` (make bench only): the anchors qbintake is timed against —
# pandoc, LibreOffice Writer without its GUI, bsdtar and unar, GNU time for peak memory.
# make check never installs them: without one, its rows say "not installed".
[ "${1:-}" = bench ] && PKGS="pandoc libreoffice-writer-nogui libarchive-tools unar time curl" TEST_ONLY=""
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
missing=""
for p in $PKGS; do
  installed "$p" || missing="$missing $p"
done
if [ "$(id -u)" = 0 ]; then
  for p in $TEST_ONLY; do
    installed "$p" || missing="$missing $p"
  done
fi
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
  echo "qbintake: installing missing packages:$missing" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends $missing >/dev/null || {
    echo "qbintake: apt-get failed; run: apt-get update && apt-get install -y$missing" >&2; exit 1; }
  exit 0
fi
echo "qbintake: missing packages:$missing" >&2
echo "run as root:  apt-get update && apt-get install -y$missing" >&2
exit 1
