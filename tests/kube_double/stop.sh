#!/bin/bash
# stop.sh DIR: stops the kube-double started with start.sh DIR (if running).
set -o errexit -o nounset -o pipefail
dir=${1:?usage: stop.sh DIR}
[ -f "$dir/server.pid" ] || exit 0
pid=$(cat "$dir/server.pid")
if kill "$pid" 2>/dev/null; then
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
fi
rm -f "$dir/server.pid" "$dir/port"
