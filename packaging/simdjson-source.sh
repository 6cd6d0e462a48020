#!/bin/sh
# Fetches the Debian source of the installed libsimdjson-dev into DEST (default
# /usr/local/src/pave/simdjson), so that CMake can compile simdjson into pave
# statically. Debian ships simdjson only as a shared library, and that library
# pulls the shared libstdc++ and libgcc_s into every start of pave (about 1 ms
# and 0.8 MB of resident pages, which `pave render` pays without using simdjson).
# The source comes from Debian's own archive through apt, which checks its
# signature and checksums; the system's apt sources are left as they are.
# Idempotent: nothing is fetched when DEST already holds the installed version.
set -eu
dest=${1:-/usr/local/src/pave/simdjson}
ver=$(dpkg-query -W -f='${Version}' libsimdjson-dev)
if [ -f "$dest/singleheader/simdjson.cpp" ] && [ "$(cat "$dest/.debian-version" 2>/dev/null)" = "$ver" ]; then
  exit 0
fi
codename=$(. /etc/os-release && echo "$VERSION_CODENAME")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/lists/partial"
echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian $codename main" >"$tmp/sources.list"
apt_opts="-o Dir::Etc::SourceList=$tmp/sources.list -o Dir::Etc::SourceParts=/nonexistent
  -o Dir::State::Lists=$tmp/lists -o Dir::Cache=$tmp/cache -o Debug::NoLocking=1 -o APT::Sandbox::User=root"
# shellcheck disable=SC2086
apt-get -qq $apt_opts update
# shellcheck disable=SC2086
(cd "$tmp" && apt-get -qq $apt_opts source --download-only "simdjson=$ver" >/dev/null)
dpkg-source -x "$tmp"/simdjson_*.dsc "$tmp/src" >/dev/null
test -f "$tmp/src/singleheader/simdjson.cpp"
mkdir -p "$(dirname "$dest")"
rm -rf "$dest"
mv "$tmp/src" "$dest"
echo "$ver" >"$dest/.debian-version"
echo "simdjson-source.sh: simdjson $ver source in $dest"
