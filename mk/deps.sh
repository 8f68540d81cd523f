#!/bin/sh
# The dependency step every make target runs first: installs the Debian packages the
# build and the tests need when they are missing (as root), otherwise prints the one
# command to run and fails. Why each package is needed: README.md, "Dependencies".
set -u
PKGS="pkg-config libarchive-dev libzip-dev libxml2-dev libpcre2-dev libjansson-dev \
libinih-dev libhpdf-dev libharfbuzz-dev libxlsxwriter-dev zlib1g-dev \
fonts-arphic-uming fonts-wqy-zenhei fonts-liberation2 unar poppler-utils perl jq time unzip nettle-dev \
libpng-dev libjpeg62-turbo-dev libqpdf-dev"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
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
