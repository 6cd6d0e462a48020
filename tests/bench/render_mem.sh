#!/usr/bin/env bash
# Benchmark: the memory `pave render` takes on a chart (default: the fleet
# chart of ../shared/bench, 3,500 resources), against issue 3's goal of a
# peak under twice the output's size. Prints, each the largest of RUNS runs:
#   - peak resident memory of the render (GNU time's %M), and of
#     `pave --version` (what the binary itself maps: code, libc, start-up);
#   - peak heap (valgrind --tool=massif: every malloc'd byte live at once,
#     the allocator's own overhead included), when valgrind is installed.
# Usage: tests/bench/render_mem.sh PATH/TO/pave [CHART [ARGS...]]
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
pave=$(realpath "$1")
shift
if [ $# -eq 0 ]; then
  set -- "$src/../shared/bench/fleet"
fi
runs=${RUNS:-5}
work=$(mktemp -d /tmp/pave-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT

peak_rss() { # peak_rss CMD...: the largest maximum resident set size (KiB) of $runs runs
  local most=0 kb
  for _ in $(seq "$runs"); do
    /usr/bin/time -f %M -o "$work/time" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
    kb=$(tail -1 "$work/time")
    [ "$kb" -gt "$most" ] && most=$kb
  done
  echo "$most"
}

"$pave" render --name bench "$@" >"$work/out"
out=$(stat -c %s "$work/out")
render_kb=$(peak_rss "$pave" render --name bench "$@")
base_kb=$(peak_rss "$pave" --version)
mb() { awk -v b="$1" 'BEGIN { printf "%8.2f MB", b / 1000000 }'; }
echo "output             $(mb "$out")"
echo "goal (2x output)   $(mb $((2 * out)))"
echo "peak RSS render    $(mb $((render_kb * 1024)))"
echo "peak RSS --version $(mb $((base_kb * 1024)))"
if command -v valgrind >/dev/null; then
  valgrind --tool=massif --massif-out-file="$work/massif" "$pave" render --name bench "$@" >/dev/null 2>"$work/err"
  heap=$(grep -E '^mem_heap(_extra)?_B=' "$work/massif" | paste -d' ' - - |
         awk -F'[= ]' '{ s = $2 + $4; if (s > m) m = s } END { print m }')
  echo "peak heap (massif) $(mb "$heap")"
fi
