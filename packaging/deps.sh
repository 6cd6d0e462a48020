#!/bin/sh
# Installs what pave needs to build and test on Debian 12, as root. Idempotent:
# only missing packages are installed, and helmref is built once.
#   packaging/deps.sh          build + test dependencies
set -eu
here=$(cd "$(dirname "$0")" && pwd)
shared=$(cd "$here/../.." && pwd)/shared

build_pkgs="cmake ninja-build g++ lld git pkg-config ccache
  libcli11-dev libyaml-cpp-dev libcurl4-openssl-dev libssl-dev libfmt-dev libspdlog-dev
  libtomlplusplus-dev doctest-dev nlohmann-json3-dev libpugixml-dev libzstd-dev libarchive-dev
  libvalijson-dev libre2-dev rapidjson-dev libsimdjson-dev libxxhash-dev"
test_pkgs="bats python3 xxhash clang-16 libclang-rt-16-dev hyperfine kubectl
  pdns-server pdns-backend-sqlite3 sqlite3 dnsutils chromium fonts-dejavu-core
  golang-go golang-github-masterminds-sprig-dev golang-github-ghodss-yaml-dev golang-github-burntsushi-toml-dev"

missing=""
for p in $build_pkgs $test_pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "deps.sh: missing packages:$missing (run as root)" >&2
    exit 1
  fi
  echo "deps.sh: installing$missing"
  apt-get update -qq
  # kubectl is not in every Debian mirror; install it when available.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(echo "$missing" | sed 's/ kubectl//') >/dev/null
  case "$missing" in *kubectl*) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq kubectl >/dev/null 2>&1 || true;; esac
fi

# simdjson's Debian source, compiled into pave (see packaging/simdjson-source.sh).
if [ "$(id -u)" -eq 0 ]; then
  "$here/simdjson-source.sh" ||
    echo "deps.sh: simdjson's source could not be fetched; pave links the shared libsimdjson instead" >&2
fi

# The helmref oracle (Go text/template + Sprig), used by the template tests.
if ! command -v helmref >/dev/null 2>&1 && [ -x "$shared/tools/helmref/build.sh" ]; then
  "$shared/tools/helmref/build.sh" /usr/local/bin/helmref >/dev/null
fi
echo "deps.sh: ready"
