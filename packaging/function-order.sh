#!/bin/sh
# Regenerates packaging/function-order.txt, the order in which the release
# build lays out pave's functions (CMakeLists.txt, PAVE_FUNCTION_ORDER).
#
# Why: each page of code a run touches is mapped in by a page fault (about
# 3 us here, 16 pages at a time), and the functions `pave render` of a small
# chart runs were spread over all 12 MB of pave's code. Listed first, in the
# order they first run, they fill about 1.6 MB in a row.
#
# How: runs pave under callgrind (valgrind) for --version, --help, the
# built-in starter charts and, when ../shared is beside the repository, the
# conformance charts and the fleet benchmark chart; lists the functions of
# pave's own binary in the order they first ran. Names that no longer exist
# are skipped by the linker, so a stale list costs speed, never correctness.
# The list carries over to charts it was not made from: a chart written to
# check that, of about 30 Sprig functions (semver, toToml, regexReplaceAll,
# tpl, ...), renders with 256 page faults instead of 304.
#
# Usage: packaging/function-order.sh [PAVE]   (default build/pave, a release build)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
shared=$(cd "$repo/.." && pwd)/shared
pave=$(cd "$(dirname "${1:-$repo/build/pave}")" && pwd)/$(basename "${1:-$repo/build/pave}")
command -v valgrind >/dev/null || { echo "function-order.sh: valgrind is not installed" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
run() {
  n=$((n + 1))
  # Failing runs (a chart that needs flags) are kept: their paths count too.
  (cd "$tmp" && valgrind --tool=callgrind --demangle=no --compress-strings=no --compress-pos=no \
    --callgrind-out-file="$tmp/$(printf 'cg.%03d' "$n")" "$pave" "$@" >/dev/null 2>&1) || true
}
run --version
run --help
run render --help
for chart in "$repo"/templates/*/Chart.yaml; do
  run render --name bench "$(dirname "$chart")"
done
if [ -d "$shared/conformance/helm/charts" ]; then
  for chart in "$shared"/conformance/helm/charts/*/; do
    run render --name bench "$chart"
  done
  run render --name bench --set tls.enabled=false "$shared/conformance/helm/charts/bitnami-nginx"
  run render --name bench "$shared/bench/fleet"
fi
python3 - "$pave" "$tmp" "$here/function-order.txt" <<'EOF'
import glob, os, sys
pave, tmp, out = sys.argv[1:]
order, seen = [], set()
for path in sorted(glob.glob(os.path.join(tmp, "cg.*"))):
    ob = None
    for line in open(path, errors="replace"):
        if line.startswith("ob="):
            ob = line[3:].strip()
        elif line.startswith("fn=") and ob == pave:
            name = line[3:].strip().split("'")[0]  # "'2": callgrind's recursion level
            if name and not name.startswith(("0x", "(")) and name not in seen:
                seen.add(name)
                order.append(name)
with open(out, "w") as f:
    f.write("".join(name + "\n" for name in order))
runs = len(glob.glob(os.path.join(tmp, "cg.*")))
print(f"function-order.sh: {len(order)} functions that ran in {runs} runs, into {out}")
EOF
